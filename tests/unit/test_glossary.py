"""One term per concept in each language (assets/glossary/<lang>.toml)."""
import pytest

from explainer.content import load_language
from explainer.glossary import Term, load_glossary, violations


@pytest.mark.parametrize("lang", ["en", "es"])
def test_content_uses_only_the_glossary_terms(lang):
    terms = load_glossary(lang)
    assert terms, f"no glossary for {lang}"
    assert violations(load_language(lang), terms) == []


def test_a_rejected_variant_is_caught_as_a_whole_word_in_any_case():
    term = Term("emergency room", "sala de emergencias", ("urgencias",), "")
    assert violations({"k": "Vaya a la sala de Urgencias."}, (term,)) == [("k", "emergency room", "urgencias")]
    assert violations({"k": ["Vaya a la sala de emergencias."]}, (term,)) == []
    # Part of a longer word is not the rejected word.
    assert violations({"k": "urgenciasx"}, (term,)) == []


def test_each_glossary_term_is_used_somewhere_or_documented():
    """Every term says what to use and why, so a translator can follow it."""
    for lang in ("en", "es"):
        for term in load_glossary(lang):
            assert term.use and term.why and term.reject, term
            assert not term.rejected_in(term.use), f"{term.concept}: the term to use matches its own rejected variants"

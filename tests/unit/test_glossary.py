"""One term per concept in each language (assets/glossary/<lang>.toml)."""
import pytest

from explainer.common.content import load_language
from explainer.common.glossary import Term, load_glossary, violations


@pytest.mark.parametrize("lang", ["en", "es"])
def test_content_uses_only_the_glossary_terms(lang):
    terms = load_glossary(lang)
    assert terms, f"no glossary for {lang}"
    assert violations(load_language(lang), terms) == []


#: The forms a clinical and Spanish review rejected, quoted as they stood on screen.
REJECTED_ON_REVIEW = {
    "en": [
        "A disc can bulge out. This is called a herniated disc, or a slipped disc.",
        "People whose slipped disc got smaller with no surgery.",
        "Most spasms ease in a week or two.",
        "The warm bath on day 3 eases the pain for a few hours in both stories.",
        "It is not a switch.",
        "The model's resting rate, 82, comes from cats walking, not from people at rest.",
        "It helps protect the muscle.",
        "A back spasm is thought to be a guard like this that stays on.",
        "Without the reflex, it would go in.",
        "Medicine may help: a pain pill that fights swelling (an anti-inflammatory), or a muscle relaxant.",
        "Callout: Disc bulge presses on the L5 root.",
    ],
    "es": [
        "¿Tiene fiebre, o se siente caliente y con escalofríos?",
        "Toque un día para tomar un baño tibio.",
        "Tome un baño tibio para ver qué hace el calor.",
        "Espasmos de espalda, fácil de entender",
        "¿Qué tan largo es el tirón?",
        "Zona de ruptura",
        "Médula",
        "Los espasmos pueden volver hasta que el nervio se calma.",
        "No es un interruptor.",
        "Músculo forzado (línea llena)",
        "Disco que aprieta un nervio (línea de rayas)",
        "Luego los ataques son más chicos.",
        "Pida que lo vean en los próximos días si:",
        "Siga activo. Haga su día normal lo mejor que pueda.",
        "Dé paseos cortos, varias veces al día.",
        "Si usted puede necesitar ayuda hoy, la recepción ve que este quiosco necesita ayuda.",
        "De atrás",
        "Adormecimiento u hormigueo alrededor de los genitales o las nalgas.",
        "Llame al 911 ahora si tiene alguno de estos signos:",
        "Cuándo empieza la atención del disco",
        "El dolor de un tirón nuevo en la espalda baja a menos de la mitad en el primer mes.",
        "Reflejo: una patada rápida. El médico la mira con un martillo chico.",
        "Un médico tiene que revisarle hoy.",
        "Muchos discos salidos se achican solos.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_form_rejected_on_review_is_caught(lang):
    terms = load_glossary(lang)
    caught = {text for key, _, _ in violations({text: text for text in REJECTED_ON_REVIEW[lang]}, terms) for text in [key]}
    assert [text for text in REJECTED_ON_REVIEW[lang] if text not in caught] == []


def test_the_words_that_replaced_them_pass():
    """Places that look like a rejected form but are not: a place on the leg, the cord named in full."""
    es = load_glossary("es")
    fine = ["la parte de atrás del muslo", "la médula espinal", "vistos desde atrás", "De espaldas",
            "Un disco muy salido: 70 de cada 100.", "Pida una cita para los próximos días"]
    assert violations({text: text for text in fine}, es) == []


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

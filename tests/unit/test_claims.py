"""Every number a patient reads is registered with its source (assets/claims.toml)."""
import math

import pytest

from explainer.common.claims import ORIGINS, constant_value, load_register, numbers_in, stale_statement_keys, unregistered
from explainer.common.content import load_language
from explainer.common.sources import source_ids


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_number_and_placeholder_in_the_content_is_registered(lang):
    assert unregistered(load_language(lang), load_register()) == []


def test_every_claim_names_a_listed_source_and_what_it_says():
    claims = [e for e in load_register() if e.kind == "claim"]
    assert claims
    for claim in claims:
        assert claim.source in source_ids(), claim
        assert claim.source_says.strip(), claim
        assert claim.values and (claim.keys or claim.constant), claim


def test_figures_kept_in_code_still_hold_the_registered_value():
    register = load_register()
    claimed = {e.constant for e in register if e.kind == "claim" and e.constant}
    for entry in register:
        if not entry.constant:
            continue
        if entry.kind == "placeholder":
            # A placeholder filled from a constant: that constant is a registered claim.
            assert entry.constant in claimed, entry
            continue
        value = constant_value(entry.constant)
        flat = value if isinstance(value, (tuple, list)) else (value,)
        numbers = [float(getattr(v, "pain", v)) for v in flat]
        for number in numbers:
            assert any(math.isclose(number, v) for v in entry.values), (entry.constant, number, entry.values)


def test_ui_numbers_and_placeholders_say_why():
    for entry in load_register():
        if entry.kind == "ui":
            assert entry.why.strip(), entry
        if entry.kind == "placeholder":
            assert entry.origin in ORIGINS, entry
            if entry.origin == "published":
                assert entry.constant, entry


def test_numbers_are_read_as_a_reader_reads_them():
    assert [v for _, v in numbers_in("About 58% in 9 of 10, 100.4 °F")] == [58, 9, 10, 100.4]
    assert [v for _, v in numbers_in("11,166 people; 11.166 personas; 100,4 °F")] == [11166, 11166, 100.4]
    assert numbers_in("Step {n} of {total}") == []


def test_an_unregistered_number_is_reported():
    register = load_register()
    problems = unregistered({"care.helps": ["Rest for 37 days."]}, register)
    assert any("37" in p for p in problems)


def test_every_statement_names_a_listed_source_and_still_matches_its_words():
    """Clinical sentences without a number are traced too (the [[statement]] entries)."""
    statements = [e for e in load_register() if e.kind == "statement"]
    assert len(statements) >= 10
    for statement in statements:
        assert statement.source in source_ids(), statement
        assert statement.source_says.strip() and statement.keys, statement
    for lang in ("en", "es"):
        assert stale_statement_keys(set(load_language(lang)), load_register()) == [], lang


def test_a_statement_whose_words_are_gone_is_reported():
    from explainer.common.claims import Entry

    gone = Entry(kind="statement", keys=("care.no_such_key",), source="nice_ng59", source_says="x")
    kept = Entry(kind="statement", keys=("care.helps",), source="qaseem2017", source_says="x")
    assert stale_statement_keys({"care.helps"}, (gone, kept)) == ["care.no_such_key (nice_ng59)"]

"""Query parameters: only declared ones, valid values; everything else ignored."""
import re

import pytest

from explainer import ROOT
from explainer.common import params
from explainer.common.params import DECLARED, LANGUAGES, MAX_VALUE_LENGTH, MODES, NERVE_LEVELS, parse_query


def test_valid_values_are_typed():
    assert parse_query({"lang": "ES", "mode": "staff", "step": "3", "level": "s1"}) == {
        "lang": "es", "mode": "staff", "step": 3, "level": "S1",
    }


@pytest.mark.parametrize(
    "raw",
    [
        {"lang": "fr"}, {"lang": ""}, {"lang": "<script>alert(1)</script>"}, {"mode": "admin"},
        {"step": "0"}, {"step": "-1"}, {"step": "2.5"}, {"step": "9" * 50}, {"step": "٣"},
        {"step": "1000"}, {"step": "+3"}, {"step": " "}, {"level": "L9"}, {"utm_source": "x"},
        {"lang": []}, {"lang": ()}, {"lang": 3}, {"lang": ["en", 3]},
    ],
)
def test_garbage_is_dropped(raw):
    assert parse_query(raw) == {}


@pytest.mark.parametrize("raw, step", [("1", 1), ("2", 2), ("99", 99), ("999", 999), (" 7 ", 7), ("007", 7)])
def test_step_accepts_every_whole_number_from_1_to_999(raw, step):
    assert parse_query({"step": raw}) == {"step": step}


@pytest.mark.parametrize("raw", ["", "0", "00", "-1", "1000", "1e3", "0x1"])
def test_step_parser_says_why_it_refuses(raw):
    with pytest.raises(ValueError, match="^(expected a whole number|expected 1 or more)$"):
        DECLARED["step"].parse(raw)


def test_repeated_keys_take_the_last_valid_value():
    assert parse_query({"lang": ["en", "es"]}) == {"lang": "es"}
    assert parse_query({"lang": ("es", "en")}) == {"lang": "en"}
    assert parse_query({"lang": ["fr", "en", "es"]}) == {"lang": "es"}


def test_one_bad_or_missing_parameter_never_drops_the_others():
    # Each declared parameter is read on its own: a bad or absent one before it changes nothing.
    assert parse_query({"mode": "staff"}) == {"mode": "staff"}
    assert parse_query({"lang": "fr", "mode": "staff", "level": "L4"}) == {"mode": "staff", "level": "L4"}
    assert parse_query({"lang": [], "step": "2"}) == {"step": 2}
    assert parse_query({"lang": "x" * 40, "mode": 3, "step": "2", "level": "l5"}) == {"step": 2, "level": "L5"}


def test_values_up_to_the_length_limit_are_read_and_longer_ones_are_not():
    padded = "es".center(MAX_VALUE_LENGTH)  # valid once stripped, exactly at the limit
    assert parse_query({"lang": padded}) == {"lang": "es"}
    assert parse_query({"lang": padded + " "}) == {}


def test_choice_parser_folds_case_and_spaces_and_names_the_options():
    parse = params._choice(("kiosk", "staff"))
    assert parse("  Staff ") == "staff"
    with pytest.raises(ValueError, match="^expected one of kiosk, staff$"):
        parse("admin")
    upper = params._choice(("L4", "S1"), str.upper)
    assert upper(" s1") == "S1"
    with pytest.raises(ValueError):
        upper("s2")


def test_declared_names_and_keys_agree_and_nothing_has_a_hidden_default():
    assert list(DECLARED) == ["lang", "mode", "step", "level", "kiosk"]
    for name, param in DECLARED.items():
        assert param.name == name
        assert param.default is None  # the caller's own default applies (clinic language, kiosk mode)


@pytest.mark.parametrize("name, options", [("lang", LANGUAGES), ("mode", MODES), ("level", NERVE_LEVELS)])
def test_each_choice_parameter_says_what_it_accepts_and_accepts_what_it_says(name, options):
    param = DECLARED[name]
    for option in options:
        assert re.search(rf"\b{option}\b", param.purpose), f"{name}: purpose does not name {option!r}"
        assert param.parse(option) == option
        assert parse_query({name: option}) == {name: option}


def test_the_readme_documents_every_declared_parameter_and_its_values():
    readme = (ROOT / "README.md").read_text()
    line = next(line for line in readme.splitlines() if "URL parameters" in line)
    for name in DECLARED:
        assert f"{name}=" in readme, f"README does not document ?{name}="
    for value in (*LANGUAGES, *MODES, *NERVE_LEVELS):
        assert value in readme, f"README's URL parameters do not list {value!r}: {line}"

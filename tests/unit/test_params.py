"""Query parameters: only declared ones, valid values; everything else ignored."""
import pytest

from explainer.params import DECLARED, parse_query


def test_valid_values_are_typed():
    assert parse_query({"lang": "ES", "mode": "staff", "step": "3", "level": "s1"}) == {
        "lang": "es", "mode": "staff", "step": 3, "level": "S1",
    }


@pytest.mark.parametrize(
    "raw",
    [
        {"lang": "fr"}, {"lang": ""}, {"lang": "<script>alert(1)</script>"}, {"mode": "admin"},
        {"step": "0"}, {"step": "-1"}, {"step": "2.5"}, {"step": "9" * 50}, {"step": "٣"},
        {"level": "L9"}, {"utm_source": "x"}, {"lang": []},
    ],
)
def test_garbage_is_dropped(raw):
    assert parse_query(raw) == {}


def test_repeated_keys_take_the_last_valid_value():
    assert parse_query({"lang": ["en", "es"]}) == {"lang": "es"}


def test_every_parameter_says_what_it_is_for():
    for param in DECLARED.values():
        assert param.purpose and param.parse

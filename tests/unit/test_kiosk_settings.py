"""A kiosk's name (?kiosk= or clinic.toml [kiosk] name) and how long an
emergency or urgent result is held on screen ([kiosk] alert_hold_seconds)."""
import pytest

from explainer.common.clinic import ALERT_HOLD_SECONDS_DEFAULT, ConfigError, load_clinic
from explainer.common.params import DECLARED, kiosk_name, parse_query

GOOD_NAMES = [
    ("Kiosk 2", "Kiosk 2"),
    ("Waiting room - left", "Waiting room - left"),
    ("  Front   desk  ", "Front desk"),
    ("Recepción", "Recepción"),
    ("Recepcio\u0301n", "Recepción"),  # a combining accent is one letter
    ("K" * 32, "K" * 32),
    ("2", "2"),
    ("ｋｉｏｓｋ１", "kiosk1"),  # NFKC: fullwidth letters are the plain ones, shown as such
    ("Приёмная 1", "Приёмная 1"),  # one alphabet, any alphabet
    ("受付 2", "受付 2"), ("うけつけ 受付", "うけつけ 受付"), ("접수 1", "접수 1"),
]
BAD_NAMES = [
    "", "   ", "---", "K" * 33, "<script>alert(1)</script>", "**bold**", "[x](http://example.org)",
    "a_b", "a.b", "a/b", "x\ny", "x\ty", "\u202eevil", "kiosk:1", "&amp;", "٣",
    # Lookalikes and blanks the front desk could not tell apart (before: all shown on the desk):
    "W\u0430iting room 2",  # a Cyrillic "а" among Latin letters
    "\u3164", "\u115f", "\u1160", "\uffa0", "Waiting\u3164room", "Room \u115f2",  # Hangul fillers: draw as nothing
    "Wait\u03b9ng",  # a Greek iota
    "\u0412\u0430iting",  # mostly Cyrillic, one Latin run
]


@pytest.mark.parametrize("raw, clean", GOOD_NAMES)
def test_good_kiosk_names(raw, clean):
    assert kiosk_name(raw) == clean


@pytest.mark.parametrize("raw", BAD_NAMES)
def test_bad_kiosk_names_are_refused(raw):
    with pytest.raises(ValueError):
        kiosk_name(raw)


@pytest.mark.parametrize("raw", BAD_NAMES + ["K" * 500])
def test_bad_query_value_falls_back_to_the_default(raw):
    assert parse_query({"kiosk": raw}) == {}


def test_query_parameter_is_declared_and_parsed():
    assert "kiosk" in DECLARED and DECLARED["kiosk"].purpose
    assert parse_query({"kiosk": "Waiting room 2", "lang": "es"}) == {"kiosk": "Waiting room 2", "lang": "es"}
    assert parse_query({"kiosk": ["bad<", "Room 3"]}) == {"kiosk": "Room 3"}


def _clinic(tmp_path, kiosk_table: str, env=None):
    path = tmp_path / "clinic.toml"
    path.write_text(f'[clinic]\nname = "X"\n[kiosk]\n{kiosk_table}\n', encoding="utf-8")
    return load_clinic(path, env=env or {})


def test_defaults(tmp_path):
    clinic = _clinic(tmp_path, "")
    assert clinic.kiosk_name == "Kiosk"
    assert clinic.alert_hold_seconds == ALERT_HOLD_SECONDS_DEFAULT == 300
    default = load_clinic(env={})
    assert default.kiosk_name == "Kiosk" and default.alert_hold_seconds == 300


def test_configured_name_and_hold(tmp_path):
    clinic = _clinic(tmp_path, 'name = "Sala de espera"\nalert_hold_seconds = 600')
    assert clinic.kiosk_name == "Sala de espera" and clinic.alert_hold_seconds == 600


@pytest.mark.parametrize("value", ['"<b>x</b>"', '""', "42", '"' + "K" * 40 + '"'])
def test_bad_configured_name_names_file_key_and_problem(tmp_path, value):
    with pytest.raises(ConfigError, match=r"clinic\.toml: \[kiosk\] name: "):
        _clinic(tmp_path, f"name = {value}")


@pytest.mark.parametrize("value", ["0", "1", "3601", '"soon"', "true", "-5", "2.5"])
def test_bad_hold_names_file_key_and_problem(tmp_path, value):
    with pytest.raises(ConfigError, match=r"\[kiosk\] alert_hold_seconds: must be a whole number of seconds from 2 to 3600"):
        _clinic(tmp_path, f"alert_hold_seconds = {value}")


def test_hold_env_override_for_tests(tmp_path):
    assert _clinic(tmp_path, "alert_hold_seconds = 600", env={"EXPLAINER_ALERT_HOLD_SECONDS": "8"}).alert_hold_seconds == 8
    with pytest.raises(ConfigError, match="EXPLAINER_ALERT_HOLD_SECONDS"):
        _clinic(tmp_path, "", env={"EXPLAINER_ALERT_HOLD_SECONDS": "later"})


@pytest.mark.parametrize("raw, message", [
    (None, "expected text"),
    ("", "expected 1 to 32 characters"),
    ("K" * 33, "expected 1 to 32 characters"),
    ("a_b", "only letters, digits, spaces and dashes, got '_'"),
    ("---", "needs a letter or a digit"),
])
def test_a_refused_name_says_why(raw, message):
    """The reason reaches the clinic's "not set up" screen and the log for a bad
    [kiosk] name, so it must name the problem exactly."""
    with pytest.raises(ValueError) as refused:
        kiosk_name(raw)
    assert str(refused.value) == message

"""Clinic config: the default file is valid; broken files name file, key and problem."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.common.clinic import DEFAULT_CONFIG, ConfigError, load_clinic

GOOD = """
[clinic]
name = "Test Clinic"
city = "Gainesville"
region = "Florida"
phone = "555-0100"
website = "https://example.org/back"
[kiosk]
languages = ["es", "en"]
default_language = "es"
idle_seconds = 120
"""


def test_default_clinic_is_active_medical_in_jacksonville_with_no_invented_contacts():
    clinic = load_clinic(env={})
    assert clinic.name == "Active Medical & Chiropractic"
    assert clinic.location == "Jacksonville, Florida"
    assert clinic.phone == "" and clinic.website == ""
    assert clinic.idle_seconds == 90
    assert clinic.languages == ("en", "es") and clinic.default_language == "en"
    assert clinic.source == DEFAULT_CONFIG


def test_env_var_points_to_another_file(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(GOOD)
    clinic = load_clinic(env={"EXPLAINER_CLINIC_CONFIG": str(path)})
    assert clinic.name == "Test Clinic"
    assert clinic.default_language == "es"
    assert clinic.idle_seconds == 120
    assert clinic.website == "https://example.org/back"


def test_idle_seconds_env_override(tmp_path):
    assert load_clinic(env={"EXPLAINER_IDLE_SECONDS": "5"}).idle_seconds == 5
    with pytest.raises(ConfigError, match="EXPLAINER_IDLE_SECONDS"):
        load_clinic(env={"EXPLAINER_IDLE_SECONDS": "soon"})


@pytest.mark.parametrize(
    "text, key, problem",
    [
        ("[clinic]\nname = \"\"\n", "name", "required"),
        ("[clinic\nname = 'x'", "", "not valid TOML"),
        ("[kiosk]\nidle_seconds = 90\n", "[clinic]", "missing"),
        ("[clinic]\nname = \"X\"\n[kiosk]\nidle_seconds = \"ninety\"\n", "idle_seconds", "whole number"),
        ("[clinic]\nname = \"X\"\n[kiosk]\nidle_seconds = 0\n", "idle_seconds", "from 2 to 3600"),
        ("[clinic]\nname = \"X\"\n[kiosk]\nlanguages = [\"en\", \"fr\"]\n", "languages", "some of"),
        ("[clinic]\nname = \"X\"\n[kiosk]\ndefault_language = \"es\"\nlanguages = [\"en\"]\n", "default_language", "one of"),
        ("[clinic]\nname = \"X\"\nwebsite = \"javascript:alert(1)\"\n", "website", "https://"),
        ("[clinic]\nname = 42\n", "name", "text"),
    ],
)
def test_broken_config_names_file_key_and_problem(tmp_path, text, key, problem):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_clinic(path, env={})
    message = str(err.value)
    assert str(path) in message and key in message and problem in message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_clinic(tmp_path / "nope.toml", env={})


# --- Every way a clinic file can be unreadable is a ConfigError naming the file ---

UNREADABLE = {
    "latin1": ('[clinic]\nname = "Clínica del Sur"\n'.encode("latin-1"), "line 2: is not UTF-8 text"),
    "windows-1252": ('[clinic]\nname = "Clinic \u2019s"\n'.encode("cp1252"), "is not UTF-8 text"),
    "utf16-bom": ('[clinic]\nname = "Clínica"\n'.encode("utf-16"), "is saved as UTF-16"),
    "utf16-be-bom": (b"\xfe\xff" + '[clinic]\nname = "X"\n'.encode("utf-16-be"), "is saved as UTF-16"),
    "utf16-no-bom": ('[clinic]\nname = "Clínica"\n'.encode("utf-16-le"), "is not a text file"),
    "utf8-bom": (b"\xef\xbb\xbf" + b'[clinic]\nname = "X"\n', "byte-order mark"),
    "binary": (bytes(range(256)) * 4, "is not a text file"),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is not a text file"),
    "too-big": (b"# " + b"x" * (70 * 1024) + b"\n", "is larger than"),
    "deep-nesting": (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "is not valid TOML"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_file_is_a_config_error_naming_file_and_problem(tmp_path, case):
    raw, problem = UNREADABLE[case]
    path = tmp_path / "clinic.toml"
    path.write_bytes(raw)
    with pytest.raises(ConfigError) as err:
        load_clinic(path, env={})
    assert str(path) in str(err.value) and problem in str(err.value)


def test_a_folder_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="is a folder"):
        load_clinic(tmp_path, env={})


@pytest.mark.parametrize(
    "website, problem",
    [
        ("http://[oops", "is not a web address"),
        ("https://[::1", "is not a web address"),
        ("http://exa mple.org", "not a plain web address"),
        ('https://example.org/"onload', "not a plain web address"),
        ("https://example.org/<script>", "not a plain web address"),
        ("https://user:pw@example.org", "user name"),
        ("ftp://example.org", "https://"),
        ("https://", "https://"),
        ("example.org", "https://"),
    ],
)
def test_bad_website_is_a_config_error(tmp_path, website, problem):
    path = tmp_path / "clinic.toml"
    path.write_text(f'[clinic]\nname = "X"\nwebsite = {json.dumps(website)}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_clinic(path, env={})
    assert "website" in str(err.value) and problem in str(err.value)


@pytest.mark.parametrize("name", ["Line one\nline two", "Tab\there", "\u202eevil", "zero\u200bwidth", "bell\x07"])
def test_invisible_control_characters_are_refused(tmp_path, name):
    path = tmp_path / "clinic.toml"
    path.write_text(f"[clinic]\nname = {json.dumps(name)}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="control character"):
        load_clinic(path, env={})


def test_accents_and_symbols_are_fine(tmp_path):
    path = tmp_path / "clinic.toml"
    name = "Clínica Ñandú — Dr. José Peña & Asociados (2º piso) #1"
    path.write_text(f"[clinic]\nname = {json.dumps(name, ensure_ascii=False)}\n", encoding="utf-8")
    assert load_clinic(path, env={}).name == name


@pytest.mark.parametrize("value", ["²", "٣٠", "90.5", "-5"])
def test_idle_seconds_oddities_are_config_errors(value):
    with pytest.raises(ConfigError, match="EXPLAINER_IDLE_SECONDS"):
        load_clinic(env={"EXPLAINER_IDLE_SECONDS": value})


# --- staff_pin ---

@pytest.mark.parametrize("line, pin", [('staff_pin = "0427"', "0427"), ("staff_pin = 48213", "48213"),
                                       ('staff_pin = "12345678"', "12345678"), ('staff_pin = ""', ""), ("", "")])
def test_staff_pin_is_read(tmp_path, line, pin):
    path = tmp_path / "clinic.toml"
    path.write_text(f'[clinic]\nname = "X"\n[kiosk]\n{line}\n', encoding="utf-8")
    assert load_clinic(path, env={}).staff_pin == pin


@pytest.mark.parametrize("value", ['"123"', '"123456789"', '"12a4"', '"１２３４"', "true", "-1234", '"12 34"', "[1234]"])
def test_bad_staff_pin_is_refused_without_echoing_it(tmp_path, value):
    path = tmp_path / "clinic.toml"
    path.write_text(f'[clinic]\nname = "X"\n[kiosk]\nstaff_pin = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_clinic(path, env={})
    message = str(err.value)
    assert "staff_pin" in message and "4 to 8 digits" in message
    assert value.strip('"') not in message.replace(str(path), "")


def test_staff_pin_never_appears_in_repr(tmp_path):
    path = tmp_path / "clinic.toml"
    path.write_text('[clinic]\nname = "X"\n[kiosk]\nstaff_pin = "90417"\n', encoding="utf-8")
    clinic = load_clinic(path, env={})
    assert clinic.staff_pin == "90417" and "90417" not in repr(clinic)


# --- Whatever the bytes, only ConfigError or a valid config ---

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda key, value: f'[clinic]\nname = "X"\n{key} = {value}\n[kiosk]\n{key} = {value}\n'.encode("utf-8", "surrogatepass"),
        st.sampled_from(["name", "website", "phone", "languages", "default_language", "idle_seconds", "staff_pin", "city"]),
        st.one_of(st.integers().map(str), st.text(max_size=40).map(json.dumps), st.just("[]"), st.just("{}"),
                  st.just("[[1]]"), st.just("true"), st.just("1.5"), st.just("1979-05-27")),
    ),
))
def test_any_bytes_give_a_config_or_a_config_error(tmp_path, raw):
    path = tmp_path / "clinic.toml"
    path.write_bytes(raw)
    try:
        clinic = load_clinic(path, env={})
    except ConfigError as exc:
        assert str(path) in str(exc)
    else:
        assert clinic.name

"""Clinic config: the default file is valid; broken files name file, key and problem."""
import pytest

from explainer.clinic import DEFAULT_CONFIG, ConfigError, load_clinic

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

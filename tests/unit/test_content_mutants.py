"""More checks of explainer/common/content.py, written where mutation testing (`make mutate`) showed
the loader could change without a test noticing: every problem sentence of ``validate``,
English fallback for empty strings, bullets and placeholders, key order and prefixes."""
from pathlib import Path

import pytest

from explainer.common.content import (
    REFERENCE_LANGUAGE, Content, ContentError, Strings, load_language, placeholders, validate,
)


def _write(folder: Path, lang: str, name: str, text: str) -> None:
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / name).write_text(text, encoding="utf-8")


def test_files_become_dotted_keys_from_their_name_and_tables(tmp_path):
    _write(tmp_path, "en", "b_part.toml", 'z = "Zed"\n[inner]\nx = "Ex"\n[inner.deep]\ny = ["one", "two"]\n')
    _write(tmp_path, "en", "a_part.toml", 'title = "A"\n')
    strings = load_language("en", tmp_path)
    assert strings == {"a_part.title": "A", "b_part.z": "Zed", "b_part.inner.x": "Ex", "b_part.inner.deep.y": ["one", "two"]}
    assert list(strings)[0] == "a_part.title"  # files in name order, then each file's own order
    assert load_language("fr", tmp_path) == {}  # no folder: nothing, never a crash


@pytest.mark.parametrize("toml, key, kind", [("n = 3\n", "p.n", "int"), ('l = ["a", 2]\n', "p.l", "list"),
                                             ("[t]\nb = true\n", "p.t.b", "bool")])
def test_values_that_are_not_text_name_file_key_and_type(tmp_path, toml, key, kind):
    _write(tmp_path, "en", "p.toml", toml)
    with pytest.raises(ContentError) as err:
        load_language("en", tmp_path)
    message = str(err.value)
    assert "p.toml" in message and f"'{key}'" in message and "expected text or a list of texts" in message
    assert message.endswith(f"got {kind}")


def test_broken_toml_reports_the_path_and_the_parser_message(tmp_path):
    _write(tmp_path, "en", "p.toml", 'a = "x"\na = "y"\n')
    with pytest.raises(ContentError, match=r"p\.toml: .+"):
        load_language("en", tmp_path)


def test_placeholders_of_strings_and_lists():
    assert placeholders("Wait {seconds} s, {name}") == {"seconds", "name"}
    assert placeholders(["{a} and", "then {b}", "none"]) == {"a", "b"}
    assert placeholders("No {{braces}} here") == set()
    assert placeholders("plain") == set()


def test_validate_reports_each_problem_once_in_words():
    catalog = {
        "en": {"p.a": "Hi {name}", "p.b": ["one", "two"], "p.c": "C", "p.d": "D", "p.e": "E"},
        "es": {"p.a": "Hola {nombre}", "p.b": ["uno"], "p.c": "  ", "p.e": ["E"], "p.x": "Extra"},
    }
    assert validate(catalog) == [
        "[en] missing 'p.x'",
        "[es] missing 'p.d'",
        "[es] 'p.a' placeholders ['nombre'] differ from English ['name']",
        "[es] 'p.b' is not the same kind of list as in English",
        "[es] empty 'p.c'",
        "[es] 'p.e' is not the same kind of list as in English",
    ]


def test_validate_on_english_alone_checks_emptiness_only():
    assert validate({"en": {"p.a": "{x}", "p.b": [], "p.c": ["ok", " "]}}) == ["[en] empty 'p.b'", "[en] empty 'p.c'"]
    assert validate({}) == []
    assert validate({"es": {"p.a": "Hola", "p.b": ""}}) == ["[es] empty 'p.b'"]  # no English to compare with
    assert REFERENCE_LANGUAGE == "en"


def test_fallback_to_english_for_empty_and_missing_strings(tmp_path):
    _write(tmp_path, "en", "p.toml", 'a = "Hello"\nb = ["one", "two"]\nc = "Only English"\n')
    _write(tmp_path, "es", "p.toml", 'a = "Hola"\nb = ["uno", " "]\n')
    content = Content.load(tmp_path)
    assert content.raw("es", "p.a") == "Hola"
    assert content.raw("es", "p.b") == ["one", "two"]  # one blank item: the whole list falls back
    assert content.raw("es", "p.c") == "Only English"
    assert content.raw("fr", "p.a") == "Hello"
    assert content.raw("es", "p.none") == "p.none"
    assert content.problems  # and the gaps are reported


def test_text_items_and_strings(tmp_path):
    _write(tmp_path, "en", "p.toml", 'a = "Wait {n} s"\nb = ["first {n}", "second"]\nc = "Literal {n}"\n'
                                     'd = "D"\n[sub]\nx = "X"\ny = "Y"\n')
    _write(tmp_path, "es", "p.toml", 'a = "Espere {n} s"\nb = ["primero {n}", "segundo"]\nc = "Literal {n}"\n'
                                     'd = "D"\n[sub]\nx = "X"\ny = "Y"\n')
    content = Content.load(tmp_path, languages=("en", "es"))
    t = content.for_language("es")
    assert isinstance(t, Strings) and t.lang == "es" and t.content is content
    assert t("p.a", n=3) == "Espere 3 s"
    assert t("p.c") == "Literal {n}"  # no values: the text is left as it is
    assert t("p.b", n=1) == "- primero 1\n- segundo"
    assert t.items("p.b", n=2) == ["primero 2", "segundo"]
    assert t.items("p.a", n=4) == ["Espere 4 s"]
    assert t.items("p.b") == ["primero {n}", "segundo"]
    assert t.keys("p.sub") == ["p.sub.x", "p.sub.y"]
    assert t.keys("p") == ["p.a", "p.b", "p.c", "p.d", "p.sub.x", "p.sub.y"]
    assert t.keys("p.s") == []  # a prefix is a whole part of the key, not its start
    assert content.text("en", "p.a", n=5) == "Wait 5 s"
    assert content.items("en", "p.b", n=6) == ["first 6", "second"]


def test_load_reads_only_the_languages_asked_for(tmp_path):
    _write(tmp_path, "en", "p.toml", 'a = "A"\n')
    _write(tmp_path, "es", "p.toml", 'a = "A es"\n')
    content = Content.load(tmp_path, languages=("en",))
    assert set(content.catalog) == {"en"} and content.problems == []

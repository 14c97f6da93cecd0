"""Content files: every string exists, non-empty, in English and Spanish."""
from pathlib import Path

import pytest

from explainer.common.content import Content, ContentError, load_language, validate


def test_every_key_exists_and_is_filled_in_both_languages():
    content = Content.load()
    assert content.problems == [], "\n".join(content.problems)
    assert set(content.catalog["en"]) == set(content.catalog["es"])
    assert len(content.catalog["en"]) > 20


def _write(folder: Path, lang: str, name: str, text: str) -> None:
    (folder / lang).mkdir(parents=True, exist_ok=True)
    (folder / lang / name).write_text(text, encoding="utf-8")


def test_missing_empty_and_mismatched_strings_are_reported(tmp_path):
    _write(tmp_path, "en", "page.toml", 'a = "Hello"\nb = "Wait {seconds} s"\nc = ["one", "two"]\nd = "Only English"\n')
    _write(tmp_path, "es", "page.toml", 'a = "  "\nb = "Espere {segundos} s"\nc = ["uno"]\n')
    content = Content.load(tmp_path)
    problems = "\n".join(content.problems)
    assert "[es] empty 'page.a'" in problems
    assert "[es] missing 'page.d'" in problems
    assert "'page.b' placeholders" in problems
    assert "'page.c' is not the same kind of list" in problems


def test_missing_translation_falls_back_to_english_on_screen(tmp_path):
    _write(tmp_path, "en", "page.toml", 'title = "Hello"\n')
    _write(tmp_path, "es", "page.toml", "\n")
    content = Content.load(tmp_path)
    assert content.text("es", "page.title") == "Hello"
    assert content.text("es", "page.unknown") == "page.unknown"  # never a crash


def test_broken_toml_names_the_file(tmp_path):
    _write(tmp_path, "en", "page.toml", 'title = "unclosed\n')
    with pytest.raises(ContentError, match="page.toml"):
        load_language("en", tmp_path)


def test_non_text_value_is_rejected_with_its_key(tmp_path):
    _write(tmp_path, "en", "page.toml", "count = 3\n")
    with pytest.raises(ContentError, match="page.count"):
        load_language("en", tmp_path)


def test_placeholders_are_filled_and_lists_become_bullets():
    content = Content.load()
    t = content.for_language("es")
    assert "0.1.0" in t("sources.version", version="0.1.0")
    assert t.items("sources.disclaimer")[2].endswith("emergencias.")


def test_validate_accepts_identical_structure():
    assert validate({"en": {"x.a": "Hi {n}"}, "es": {"x.a": "Hola {n}"}}) == []

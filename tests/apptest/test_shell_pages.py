"""Home and Sources, in both languages and modes, from app.py and from the file alone."""
import pytest

from explainer.content import Content
from explainer.escape import markdown_text
from explainer.sources import load_sources
from tests.apptest.helpers import all_text, run_page

CONTENT = Content.load()


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
@pytest.mark.parametrize("part_id", ["home", "sources"])
def test_page_renders_with_heading(part_id, via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page(part_id, lang, mode, via_app=via_app)
    title_key = {"home": "home.title", "sources": "sources.title"}[part_id]
    assert at.title[0].value == CONTENT.text(lang, title_key)


def test_home_shows_clinic_name_and_sources_tile():
    at = run_page("home")
    text = all_text(at)
    assert "Active Medical & Chiropractic" in text


def test_staff_tile_only_in_staff_mode(tmp_path):
    kiosk = all_text(run_page("home", mode="kiosk"))
    assert CONTENT.text("en", "home.tiles.staff_title") not in kiosk


def test_language_switch_changes_text_and_survives_navigation():
    at = run_page("home", via_app=True)
    at.button(key="lang_es").click().run()
    assert at.title[0].value == CONTENT.text("es", "home.title")
    assert at.query_params["lang"] == ["es"] or at.query_params["lang"] == "es"
    at.switch_page("pages/sources.py")
    at.query_params.clear()  # switch_page drops query parameters; the session must remember
    at.run()
    assert at.title[0].value == CONTENT.text("es", "sources.title")


def test_unknown_lang_and_mode_fall_back_without_error():
    at = run_page("home", lang="xx", mode="hacker")
    assert at.title[0].value == CONTENT.text("en", "home.title")
    assert at.session_state["mode"] == "kiosk"


def test_bigger_text_toggle_persists():
    at = run_page("home")
    at.button(key="big_text_toggle").click().run()
    assert at.session_state["big_text"] is True
    assert at.button(key="big_text_toggle").label == CONTENT.text("en", "common.normal_text")


def test_sources_lists_every_source_with_its_purpose():
    for lang in ("en", "es"):
        text = all_text(run_page("sources", lang))
        for source in load_sources():
            # Citations are shown as literal text (escaped for Markdown).
            assert markdown_text(source.citation) in text
            if source.url:
                assert markdown_text(source.url) in text
            assert markdown_text(CONTENT.text(lang, f"sources.supports.{source.id}")) in text
        assert "911" in text


@pytest.mark.parametrize("part_id", ["home", "sources"])
def test_broken_clinic_config_shows_not_set_up_screen(tmp_path, monkeypatch, part_id):
    broken = tmp_path / "clinic.toml"
    broken.write_text('[clinic]\nname = "X"\n[kiosk]\nidle_seconds = "soon"\n')
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(broken))
    at = run_page(part_id)  # asserts no exception
    text = all_text(at)
    assert CONTENT.text("en", "common.not_set_up_title") in text
    assert CONTENT.text("es", "common.not_set_up_title") in text
    assert str(broken) in text and "idle_seconds" in text
    assert "Traceback" not in text

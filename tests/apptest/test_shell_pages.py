"""Home and Sources, in both languages and modes, from app.py and from the file
alone; the shell on every page (top bar, staff links, no level codes on a kiosk)."""
import re

import pytest

from explainer import journey
from explainer.content import Content
from explainer.escape import markdown_text
from explainer.sitemap import BY_ID, available_parts
from explainer.sources import load_sources
from tests.apptest.helpers import LANGS, MODES, all_text, raw_text, run_page

CONTENT = Content.load()
LEVEL_CODE = re.compile(r"\b(L4|L5|S1)\b")


def links(at) -> dict[str, str]:
    """Page links on screen: label -> the page they open (url path)."""
    return {el.proto.label: el.proto.page for el in at.get("page_link")}


def tile_label(lang: str, part_id: str) -> str:
    part = BY_ID[part_id]
    return f"**{CONTENT.text(lang, part.tile_title_key)}** {CONTENT.text(lang, part.tile_text_key)}"


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
@pytest.mark.parametrize("part_id", ["home", "sources"])
def test_page_renders_with_heading(part_id, via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page(part_id, lang, mode, via_app=via_app)
    title_key = {"home": "home.title", "sources": "sources.title"}[part_id]
    assert at.title[0].value == CONTENT.text(lang, title_key)


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_clinic_name_and_sources_link(lang):
    at = run_page("home", lang, via_app=True)
    text = all_text(at)
    assert "Active Medical & Chiropractic" in text
    # Sources is a small link at the bottom, to the sources page.
    assert links(at)[CONTENT.text(lang, "home.tiles.sources_title")] == BY_ID["sources"].url_path
    assert at.get("page_link")[-1].proto.label == CONTENT.text(lang, "home.tiles.sources_title")


@pytest.mark.parametrize("lang", LANGS)
def test_home_in_kiosk_mode_shows_start_here_and_the_parts_but_not_the_staff_tools(lang):
    at = run_page("home", lang, "kiosk", via_app=True)
    start = at.button(key="home_start")
    assert start.label == f"**{CONTENT.text(lang, 'home.start_title')}** {CONTENT.text(lang, 'home.start_text', total=4)}"
    shown = links(at)
    for part_id in ("where", *journey.PATH):
        assert shown[tile_label(lang, part_id)] == BY_ID[part_id].url_path
    staff = {CONTENT.text(lang, "home.tiles.staff_title"), CONTENT.text(lang, "common.staff_tools")}
    assert not staff & set(shown) and BY_ID["staff"].url_path not in shown.values()
    assert CONTENT.text(lang, "home.tiles.staff_title") not in all_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_home_in_staff_mode_links_to_the_staff_tools(lang):
    at = run_page("home", lang, "staff", via_app=True)
    to_staff = [el.proto.label for el in at.get("page_link") if el.proto.page == BY_ID["staff"].url_path]
    # The small link at the bottom of Home, and the one in the top bar (in English both say "Staff tools").
    assert sorted(to_staff) == sorted([CONTENT.text(lang, "home.tiles.staff_title"), CONTENT.text(lang, "common.staff_tools")])
    # The staff tools are a small link at the bottom, after every part's tile (not a tile of equal weight).
    pages = [el.proto.page for el in at.get("page_link")]
    bottom_staff = max(i for i, page in enumerate(pages) if page == BY_ID["staff"].url_path)
    assert bottom_staff > max(i for i, page in enumerate(pages) if page == BY_ID["care"].url_path)


def test_staff_tile_only_in_staff_mode():
    def to_staff(mode):
        return [el for el in run_page("home", mode=mode, via_app=True).get("page_link") if el.proto.page == BY_ID["staff"].url_path]

    assert to_staff("kiosk") == []
    assert len(to_staff("staff")) == 2


@pytest.mark.parametrize("part", [p for p in available_parts() if p.id != "staff"], ids=lambda p: p.id)
def test_every_page_in_staff_mode_has_a_small_staff_tools_link(part):
    at = run_page(part.id, "es", "staff", via_app=True)
    top = [el for el in at.get("page_link") if el.proto.label == CONTENT.text("es", "common.staff_tools")]
    assert len(top) == 1 and top[0].proto.page == BY_ID["staff"].url_path
    assert "mode=staff" in top[0].proto.query_string and "lang=es" in top[0].proto.query_string
    kiosk = run_page(part.id, "es", "kiosk", via_app=True)
    assert CONTENT.text("es", "common.staff_tools") not in links(kiosk)


def test_desk_link_only_once_the_desk_page_exists(monkeypatch):
    """The desk is another part's page: its link shows only once BY_ID has it and its file exists."""
    from ui import shell

    assert shell.desk_available() == ("desk" in BY_ID and (shell.ROOT / BY_ID["desk"].file).exists())
    monkeypatch.setitem(BY_ID, "desk", BY_ID["sources"])  # stand-in: a part whose page exists
    assert shell.desk_available()
    monkeypatch.setitem(BY_ID, "desk", type(BY_ID["sources"])("desk", "pages/no-such-desk.py", "desk", ":material/desk:", "x", "y"))
    assert not shell.desk_available()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("part", available_parts(), ids=lambda p: p.id)
def test_every_page_runs_in_both_languages_and_modes(part, lang, mode):
    at = run_page(part.id, lang, mode)  # asserts no exception
    assert at.title, f"{part.id} drew no title"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("part_id", ["home", "where"])
def test_no_nerve_level_codes_on_my_parts_in_kiosk_mode(part_id, lang):
    at = run_page(part_id, lang, "kiosk", via_app=True)
    assert not LEVEL_CODE.search(all_text(at))
    assert not any(LEVEL_CODE.search(el.proto.label) for el in at.get("page_link"))


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
        at = run_page("sources", lang)
        text, source_text = all_text(at), raw_text(at)
        for source in load_sources():
            # Citations are read as written, and sent as literal text (escaped for Markdown).
            assert source.citation in text and markdown_text(source.citation) in source_text
            if source.url:
                assert source.url in text and markdown_text(source.url) in source_text
            assert CONTENT.text(lang, f"sources.supports.{source.id}") in text
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

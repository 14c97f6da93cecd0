"""Home and Sources, in both languages and modes, from app.py and from the file
alone; the shell on every page (top bar, staff links, no level codes on a kiosk)."""
import re

import pytest

from explainer.common import journey
from explainer.common.content import Content
from explainer.common.escape import markdown_text
from explainer.common.sitemap import BY_ID, available_parts
from explainer.common.sources import load_sources
from tests.apptest.helpers import LANGS, MODES, all_text, raw_text, run_page, walk

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


#: Each page's title, as literals (not read from the content under test).
TITLES = {
    "home": ("Back spasms, made simple", "El espasmo de espalda, fácil de entender"),
    "where": ("Where does it hurt?", "¿Dónde le duele?"),
    "reflex": ("Why muscles tighten", "Por qué se tensan los músculos"),
    "spasm_or_disc": ("Spasm or disc?", "¿Espasmo o disco?"),
    "self_check": ("Should I get checked?", "¿Debo hacerme revisar?"),
    "care": ("Caring for a spasm", "Cómo cuidar un espasmo"),
    "sources": ("Sources and about", "Fuentes e información"),
    "staff": ("Staff tools", "Herramientas del personal"),
    "desk": ("Front desk alerts", "Avisos para la recepción"),
}
#: What each page draws in both modes (element keys), and how many charts.
SHOWS = {
    "home": ({"home_start", "home-where", "home-parts", "home-picture"}, 0),
    "where": ({"body_map", "where_low_back", "where_back_buttock", "where_leg_to_knee", "where_inner_shin",
               "where_outer_shin_foot", "where_sole_outer_foot", "where_both_legs"}, 0),
    "reflex": ({"reflex_speed_control", "reflex_distance_control", "reflex_replay", "reflex_instant",
                *(f"reflex_stage_{n}" for n in range(1, 6)), "reflex_next_stage", "reflex-charts"}, 3),
    "spasm_or_disc": ({"walk-way-strain", "walk-way-disc", "walk_next", "walk-nav"}, 0),
    "self_check": ({"self_check_q_saddle_numbness", "self_check_q_bladder_bowel_change", "self_check_q_both_legs",
                    "self_check_none", "self_check_next", "self_check_start_over"}, 0),
    "care": ({"care-helps", "care-avoid", "care-days", "care-come-back", "care-call-now", "care_moment_control"}, 1),
    "sources": ({f"source_{s}" for s in ("prochazka1998", "pruszynski2012", "jbiomech2004", "pengel2003", "costa2012",
                                        "koes2007", "wang2020", "chiu2015", "harrison", "nice_ng59", "nhs_back_pain",
                                        "nice_cks_back_pain", "henschke2009", "qaseem2017", "kornhaber2020",
                                        "fda_cpsc_heating_pads")}, 0),
    "staff": (set(), 0),
    "desk": (set(), 0),
}
#: Staff-only pages: their tools in staff mode; in kiosk mode, a plain "for the staff" screen without them.
STAFF_ONLY = {
    "staff": {"staff_parts", "staff_steps", "staff_level_choice", "staff_sections_choice", "staff_download"},
    "desk": {"desk-alerts", "desk_chime_toggle"},
}
FOR_THE_STAFF = {"en": "This page is for the staff", "es": "Esta página es para el personal"}
#: Every page: the top bar and footer; a kiosk's idle watch; staff mode's Present button and staff link.
EVERY_PAGE = {"topbar", "footer", "lang_en", "lang_es", "big_text_toggle"}
KIOSK_ONLY, STAFF_MODE_ONLY = {"idle_watch"}, {"present_toggle", "topbar-staff"}


def drawn_keys(at) -> set[str]:
    """The keys of every element and container the run drew."""
    return {node.key for node in walk(at) if getattr(node, "key", None)}


def test_the_literal_tables_cover_every_page():
    assert set(TITLES) == set(SHOWS) == {p.id for p in available_parts()}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("part", available_parts(), ids=lambda p: p.id)
def test_every_page_runs_in_both_languages_and_modes(part, lang, mode):
    """Each page, from its file alone: its own title in the language asked for, what it
    is for (its controls and charts), the shell of the mode (idle watch on a kiosk,
    Present and the staff link in staff mode), and staff-only tools only in staff mode."""
    at = run_page(part.id, lang, mode)  # asserts no exception
    assert [t.value for t in at.title] == [TITLES[part.id][LANGS.index(lang)]]
    keys = drawn_keys(at)
    must, charts = SHOWS[part.id]
    assert must <= keys, f"{part.id} ({lang}, {mode}) lacks {sorted(must - keys)}"
    assert len(at.get("vega_lite_chart")) == charts
    assert EVERY_PAGE <= keys
    if mode == "kiosk":
        assert KIOSK_ONLY <= keys and not STAFF_MODE_ONLY & keys
    else:
        assert STAFF_MODE_ONLY <= keys and not KIOSK_ONLY & keys
    if part.id in STAFF_ONLY:
        if mode == "staff":
            assert STAFF_ONLY[part.id] <= keys
        else:
            assert not STAFF_ONLY[part.id] & keys
            assert FOR_THE_STAFF[lang] in all_text(at)
    # the chosen language is the ticked one (its label starts with the tick)
    assert at.button(key=f"lang_{lang}").label.startswith("✓")
    assert not at.button(key=f"lang_{'es' if lang == 'en' else 'en'}").label.startswith("✓")


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

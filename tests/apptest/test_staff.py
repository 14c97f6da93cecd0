"""Staff tools (/staff): only in staff mode; nerve level (with its plain place)
shared with the walkthrough; jump links to every part and step (and to the
front desk once it exists); handout options change the PDF offered, read back
from the download; QR code only when the clinic has a web page; Present mode
is staff only and leaves the walkthrough's step and level alone."""
from __future__ import annotations

import io

import pytest
import streamlit.testing.v1.app_test as app_test_module
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from explainer.common import sitemap
from explainer.common.content import Content
from explainer.common.escape import markdown_text
from explainer.common.sitemap import Part, available_parts
from explainer.disc import walkthrough as walk
from explainer.handout.pdf import SECTIONS
from tests.apptest.helpers import all_text, raw_text, run_page

CONTENT = Content.load()


def _links(at):
    return [(el.proto.label, el.proto.query_string) for el in at.get("page_link")]


@pytest.fixture
def downloads(monkeypatch):
    """What the download button gives when tapped. The PDF is built on the tap (a deferred
    download: Streamlit keeps the callable in its media file manager, which AppTest makes
    afresh for each run), so every manager is kept here and the callable run as a tap would."""
    managers: list[MediaFileManager] = []

    class Kept(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Kept)

    def pdf_text(at) -> str:
        file_id = at.get("download_button")[0].proto.deferred_file_id
        for manager in reversed(managers):
            entry = manager._deferred_callables.get(file_id)
            if entry is not None:
                data = entry["callable"]()
                assert data[:5] == b"%PDF-"
                reader = PdfReader(io.BytesIO(data))
                return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
        raise AssertionError(f"no deferred download {file_id!r}")

    return pdf_text


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_staff_page_in_both_languages_and_modes(lang_mode, via_app):
    lang, mode = lang_mode
    at = run_page("staff", lang, mode, via_app=via_app)
    assert at.title[0].value == CONTENT.text(lang, "staff.title")
    text = all_text(at)
    if mode == "staff":
        assert CONTENT.text(lang, "staff.level_heading") in text
        assert CONTENT.text(lang, "staff.privacy") in text
        assert at.get("download_button")[0].label == CONTENT.text(lang, "staff.download")
        assert at.button(key="present_toggle").label == CONTENT.text(lang, "staff.present")
    else:
        # A patient who finds /staff learns politely it is not for them, and gets nothing else.
        assert CONTENT.text(lang, "staff.not_staff_title") in text
        assert not at.get("download_button") and not at.get("button_group")
        assert "present_toggle" not in [b.key for b in at.button]
        if via_app:
            assert {label for label, _ in _links(at)} == {CONTENT.text(lang, "common.home")}


def test_download_label_is_an_action_in_both_languages():
    assert CONTENT.text("en", "staff.download") == "Download handout (PDF)"
    assert CONTENT.text("es", "staff.download").startswith("Descargar")


def test_jump_links_to_every_part_and_step_carry_mode_and_level():
    at = run_page("staff", "es", "staff", via_app=True)
    links = _links(at)
    labels = [label for label, _ in links]
    for part in available_parts():
        if part.id != "staff":
            assert CONTENT.text("es", part.tile_title_key) in labels
    steps = [(label, query) for label, query in links if "step=" in query]
    assert len(steps) == walk.step_count()
    for number, ((label, query), step_id) in enumerate(zip(steps, walk.STEPS), start=1):
        heading = CONTENT.text("es", f"spasm_or_disc.steps.{step_id}.heading")
        assert label == CONTENT.text("es", "staff.step_link", n=number, heading=heading)
        assert f"step={number}" in query and "level=L5" in query and "mode=staff" in query and "lang=es" in query


def test_desk_link_appears_once_the_desk_part_exists(monkeypatch):
    at = run_page("staff", "en", "staff")
    assert not any("desk" in query or label == "Desk" for label, query in _links(at))
    # A desk part (as the front-desk page adds it to the sitemap), served here by an existing file.
    desk = Part("desk", "pages/sources.py", "desk", ":material/desk:", "common.home", "common.home", staff_only=True)
    monkeypatch.setitem(sitemap.BY_ID, "desk", desk)
    monkeypatch.setattr(sitemap, "available_parts", lambda: [*sitemap.PARTS, desk])
    at = run_page("staff", "en", "staff")
    hrefs = [el.value for el in at.markdown if "fallback-link" in el.value]
    assert any('href="/desk?lang=en&amp;mode=staff"' in href for href in hrefs), hrefs


def test_level_options_name_their_place_and_set_the_walkthrough():
    at = run_page("staff", "en", "staff", via_app=True)
    group = at.button_group[0]
    assert group.options == [CONTENT.text("en", "staff.level_option", level=level,
                                          place=CONTENT.text("en", f"spasm_or_disc.roots.{level}.areas")) for level in
                             ("L4", "L5", "S1")]
    # The same description of the level as the walkthrough and the handout.
    assert group.options[1] == "L5 — The outer side of the lower leg, the top of the foot and the big toe"
    group.set_value("S1").run()
    assert at.session_state["walk_level"] == "S1"
    assert all("level=S1" in query for _, query in _links(at) if "step=" in query)
    # The walkthrough opened from here shows S1 (the session key it reads).
    at.switch_page("pages/spasm-or-disc.py")
    at.query_params.update({"lang": "en", "mode": "staff", "step": "3", "level": "S1"})
    at.run()
    assert not at.exception
    assert at.session_state["walk_level"] == "S1"
    assert CONTENT.text("en", "spasm_or_disc.roots.S1.areas") in all_text(at)


def test_level_survives_a_visit_elsewhere():
    at = run_page("staff", "en", "staff", via_app=True)
    at.button_group[0].set_value("L4").run()
    at.switch_page("pages/sources.py")
    at.run()
    at.switch_page("pages/staff.py")
    at.run()
    assert at.session_state["walk_level"] == "L4"
    assert at.button_group[0].value == "L4"


def test_handout_options_change_what_the_pdf_says(downloads):
    t = CONTENT.for_language("en")
    at = run_page("staff", "en", "staff", via_app=True)
    pills = at.button_group[1]
    assert list(pills.value) == list(SECTIONS)  # everything, by default
    full = downloads(at)
    for section in ("two_ways", "compare", "outlook"):
        assert t(f"spasm_or_disc.steps.{section}.heading") in full
    assert t("care.title") in full and t("staff.handout.level_note", level="L5") in full

    pills.set_value(["care"]).run()
    assert at.session_state["staff_sections"] == ["care"]
    only_care = downloads(at)
    assert t("care.title") in only_care
    assert t("spasm_or_disc.steps.compare.heading") not in only_care
    assert t("staff.handout.level_note", level="L5") not in only_care  # no leg map, no level
    assert t("emergency.heading") in only_care  # always

    at.button_group[0].set_value("L4").run()
    at.button_group[1].set_value(["leg_map", "care"]).run()
    l4 = downloads(at)
    assert t("staff.handout.level_note", level="L4") in l4 and t("spasm_or_disc.roots.L4.areas") in l4
    at.button_group[0].set_value("S1").run()
    s1 = downloads(at)
    assert t("staff.handout.level_note", level="S1") in s1 and t("spasm_or_disc.roots.S1.areas") in s1
    assert t("spasm_or_disc.roots.L4.areas") not in s1

    at.button_group[1].set_value([]).run()
    assert not at.get("download_button")
    assert CONTENT.text("en", "staff.none_chosen") in all_text(at)


def test_language_changes_the_download(downloads):
    en = downloads(run_page("staff", "en", "staff"))
    es = downloads(run_page("staff", "es", "staff"))
    assert CONTENT.text("en", "staff.handout.title") in en and CONTENT.text("es", "staff.handout.title") not in en
    assert CONTENT.text("es", "staff.handout.title") in es and CONTENT.text("es", "emergency.heading") in es


def test_qr_only_when_the_clinic_has_a_website(tmp_path, monkeypatch):
    at = run_page("staff", "en", "staff")
    assert "<svg" not in raw_text(at)
    assert CONTENT.text("en", "staff.no_website") in all_text(at)

    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nname = "Test Clinic"\nwebsite = "https://example.org/spine_care"\n', encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(config))
    at = run_page("staff", "es", "staff")
    text = all_text(at)
    assert "<svg" in raw_text(at) and 'aria-label="' + CONTENT.text("es", "staff.qr_alt", website="https://example.org/spine_care") in raw_text(at)
    # The address is shown as written: its underscore is not read as Markdown.
    assert CONTENT.text("es", "staff.qr_explain", website="https://example.org/spine_care") in text
    # Sent as literal text: the address is not read as Markdown (no link, no emphasis).
    assert markdown_text("https://example.org/spine_care") in raw_text(at)


def test_present_toggles_without_losing_step_or_level():
    at = run_page("spasm_or_disc", "en", "staff", via_app=True, step="3", level="S1")
    assert at.session_state["walk_step"] == 3
    at.button(key="present_toggle").click().run()
    assert at.session_state["present"] is True
    assert at.button(key="present_toggle").label == CONTENT.text("en", "staff.present_stop")
    assert ".st-key-present_toggle { position: fixed" in _style(at)  # the Present rules are on the page
    assert at.session_state["walk_step"] == 3 and at.session_state["walk_level"] == "S1"
    at.button(key="walk_next").click().run()
    assert at.session_state["walk_step"] == 4
    at.button(key="present_toggle").click().run()
    assert at.session_state["present"] is False and ".st-key-present_toggle { position: fixed" not in _style(at)
    assert at.session_state["walk_step"] == 4 and at.session_state["walk_level"] == "S1"


def test_kiosk_never_presents_even_with_the_key_set():
    at = run_page("spasm_or_disc", "en", "kiosk", via_app=True)
    at.session_state["present"] = True
    at.run()
    assert "present_toggle" not in [b.key for b in at.button]
    assert ".st-key-present_toggle { position: fixed" not in _style(at)


def _style(at) -> str:
    return "\n".join(str(el.proto.body) for el in at.get("html") if "<style>" in str(el.proto.body))

"""Staff tools (/staff): only in staff mode; nerve level shared with the
walkthrough; jump links to every part and step; handout options change the
PDF offered; QR code only when the clinic has a web page."""
from __future__ import annotations

import pytest

from explainer import walkthrough as walk
from explainer.content import Content
from explainer.handout import SECTIONS
from explainer.sitemap import available_parts
from tests.apptest.helpers import all_text, run_page

CONTENT = Content.load()


def _links(at):
    return [(el.proto.label, el.proto.query_string) for el in at.get("page_link")]


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
    else:
        # A patient who finds /staff learns politely it is not for them, and gets nothing else.
        assert CONTENT.text(lang, "staff.not_staff_title") in text
        assert not at.get("download_button") and not at.get("button_group")
        if via_app:
            assert {label for label, _ in _links(at)} == {CONTENT.text(lang, "common.home")}


def test_jump_links_to_every_part_and_step_carry_mode_and_level():
    at = run_page("staff", "es", "staff", via_app=True)
    links = _links(at)
    labels = [label for label, _ in links]
    for part in available_parts():
        if part.id != "staff":
            assert CONTENT.text("es", part.tile_title_key) in labels
    steps = [(label, query) for label, query in links if "step=" in query]
    assert len(steps) == walk.step_count()
    for number, (label, query) in enumerate(steps, start=1):
        assert label.startswith(CONTENT.text("es", "staff.step_link", n=number, heading="").strip())
        assert f"step={number}" in query and "level=L5" in query and "mode=staff" in query and "lang=es" in query


def test_level_choice_sets_the_walkthrough_key_and_the_links():
    at = run_page("staff", "en", "staff", via_app=True)
    at.button_group[0].set_value("S1").run()
    assert at.session_state["walk_level"] == "S1"
    assert all("level=S1" in query for _, query in _links(at) if "step=" in query)
    assert CONTENT.text("en", "staff.level_chosen", level="S1") in all_text(at)
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


def test_handout_options_change_the_download():
    at = run_page("staff", "en", "staff", via_app=True)
    pills = at.button_group[1]
    assert list(pills.value) == list(SECTIONS)  # everything, by default
    full = at.get("download_button")[0].proto.url
    pills.set_value(["care"]).run()
    only_care = at.get("download_button")[0].proto.url
    assert only_care != full
    assert at.session_state["staff_sections"] == ["care"]
    at.button_group[0].set_value("L4").run()  # the level changes the leg map, but care only has none...
    at.button_group[1].set_value(["leg_map", "care"]).run()
    l4 = at.get("download_button")[0].proto.url
    at.button_group[0].set_value("S1").run()
    assert at.get("download_button")[0].proto.url != l4  # ...and with the leg map it does
    at.button_group[1].set_value([]).run()
    assert not at.get("download_button")
    assert CONTENT.text("en", "staff.none_chosen") in all_text(at)


def test_language_changes_the_download():
    en = run_page("staff", "en", "staff").get("download_button")[0].proto.url
    es = run_page("staff", "es", "staff").get("download_button")[0].proto.url
    assert en != es


def test_qr_only_when_the_clinic_has_a_website(tmp_path, monkeypatch):
    at = run_page("staff", "en", "staff")
    assert "<svg" not in all_text(at)
    assert CONTENT.text("en", "staff.no_website") in all_text(at)

    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nname = "Test Clinic"\nwebsite = "https://example.org/spine"\n', encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(config))
    at = run_page("staff", "es", "staff")
    text = all_text(at)
    assert "<svg" in text and 'aria-label="' + CONTENT.text("es", "staff.qr_alt", website="https://example.org/spine") in text
    assert CONTENT.text("es", "staff.qr_explain", website="https://example.org/spine") in text

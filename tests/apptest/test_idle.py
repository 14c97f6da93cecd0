"""Idle watch in AppTest: drawn on kiosk pages only, and its "expired" trigger
clears everything and returns Home in the clinic's default language.

AppTest never runs the browser clock, so the trigger the component would send
when the countdown ends is sent here by hand (the same widget message the
browser sends). The clock itself is tested in tests/browser/test_kiosk_idle.py.
"""
from __future__ import annotations

import json

import pytest
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from explainer.content import Content
from tests.apptest.helpers import run_page
from ui.idle import warning_seconds

CONTENT = Content.load()


def _watch(at):
    return [el for el in at.main if getattr(el, "type", None) == "bidi_component"
            and el.proto.component_name == "back_spasm_idle_watch"]


def _send_expired(at):
    (watch,) = _watch(at)
    states = WidgetStates()
    state = states.widgets.add()
    state.id = _make_trigger_id(watch.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "expired", "value": 1}])
    return at._run(states)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_watch_on_kiosk_pages_with_translated_warning(lang):
    at = run_page("sources", lang=lang, mode="kiosk")
    (watch,) = _watch(at)
    data = json.loads(watch.proto.json)
    assert data["title"] == CONTENT.text(lang, "idle.title")
    assert data["stay"] == CONTENT.text(lang, "idle.stay")
    assert "{seconds}" in data["countdown"]
    assert data["idle_ms"] == 90_000 and data["warn_ms"] == 20_000  # clinic.toml: 90 s
    assert data["home_url"] == "/?lang=en&mode=kiosk"
    assert watch.proto.html_content == ""  # nothing to see until the warning


@pytest.mark.parametrize("part_id", ["home", "sources"])
def test_no_watch_in_staff_mode(part_id):
    at = run_page(part_id, lang="es", mode="staff")
    assert _watch(at) == []


def test_expired_clears_everything_and_goes_home_in_default_language():
    at = run_page("sources", lang="es", mode="kiosk", via_app=True)
    at.button(key="big_text_toggle").click().run()
    at.session_state["walk_level"] = "S1"  # an answer a patient left behind
    assert at.session_state["big_text"] is True
    assert at.title[0].value == CONTENT.text("es", "sources.title")

    at = _send_expired(at)
    assert not at.exception
    assert at.title[0].value == CONTENT.text("en", "home.title")  # Home, clinic default (en)
    assert "walk_level" not in at.session_state
    assert at.button(key="big_text_toggle").label == CONTENT.text("en", "common.bigger_text")
    assert at.session_state["lang"] == "en" and at.session_state["mode"] == "kiosk"
    # The watch is armed again on Home, for the next person.
    assert len(_watch(at)) == 1


def test_no_trigger_means_no_reset():
    at = run_page("sources", lang="es", mode="kiosk", via_app=True)
    at.button(key="big_text_toggle").click().run()
    assert at.session_state["big_text"] is True
    assert at.title[0].value == CONTENT.text("es", "sources.title")


@pytest.mark.parametrize("idle, warning", [(90, 20), (30, 15), (4, 2), (2, 1), (3, 1), (3600, 20)])
def test_warning_is_min_of_20s_and_half_the_idle_time(idle, warning):
    assert warning_seconds(idle) == warning

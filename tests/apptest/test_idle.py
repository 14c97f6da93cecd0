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

from explainer.common.content import Content
from tests.apptest.helpers import run_page
from ui.idle import warning_seconds

CONTENT = Content.load()


def _watch(at):
    return [el for el in at.main if getattr(el, "type", None) == "bidi_component"
            and el.proto.component_name == "back_spasm_idle_watch"]


def _send_event(at, event: str):
    (watch,) = _watch(at)
    states = WidgetStates()
    state = states.widgets.add()
    state.id = _make_trigger_id(watch.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": event, "value": 1}])
    return at._run(states)


def _send_expired(at):
    return _send_event(at, "expired")


def _data(at) -> dict:
    (watch,) = _watch(at)
    return json.loads(watch.proto.json)


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


def test_only_the_expired_trigger_resets():
    """Reruns (a tap) and any other event from the watch leave the page alone."""
    at = run_page("sources", lang="es", mode="kiosk", via_app=True)
    at.button(key="big_text_toggle").click().run()
    at = _send_event(at, "still_here")
    assert not at.exception
    assert at.session_state["big_text"] is True
    assert at.title[0].value == CONTENT.text("es", "sources.title")
    at.run()  # a plain rerun after it: still no reset
    assert at.session_state["big_text"] is True and at.session_state["lang"] == "es"


def test_expired_resets_once():
    """The trigger is one-shot: the run after the reset (the next person's first tap) keeps its choice."""
    at = run_page("sources", lang="es", mode="kiosk", via_app=True)
    at = _send_expired(at)
    assert at.title[0].value == CONTENT.text("en", "home.title")
    at.button(key="big_text_toggle").click().run()
    # (AppTest reruns the page it was last switched to; the session is what matters.)
    assert at.session_state["big_text"] is True and at.session_state["lang"] == "en"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_watch_carries_the_outage_words(lang):
    data = _data(run_page("sources", lang=lang, mode="kiosk"))
    assert data["wait_title"] == CONTENT.text(lang, "idle.wait_title")
    assert data["wait_body"] == CONTENT.text(lang, "idle.wait_body")
    assert data["lang"] == lang


# --- "Nothing to clear": an untouched Home stays quiet, anything else is armed ---

def test_untouched_home_is_not_armed():
    at = run_page("home", lang="en", mode="kiosk", via_app=True)
    assert _data(at)["armed"] is False
    at.run()  # a rerun (the watch reporting back) does not change that
    assert _data(at)["armed"] is False


def test_home_in_another_language_is_armed():
    assert _data(run_page("home", lang="es", mode="kiosk", via_app=True))["armed"] is True


def test_home_with_bigger_text_is_armed():
    at = run_page("home", lang="en", mode="kiosk", via_app=True)
    at.button(key="big_text_toggle").click().run()
    assert _data(at)["armed"] is True


def test_home_after_another_part_keeps_its_choices_armed():
    """A part that kept a choice in the session (a plain key) leaves something to clear on Home."""
    at = run_page("sources", lang="en", mode="kiosk", via_app=True)
    at.session_state["walk_level"] = "S1"  # an answer a patient left behind
    at.switch_page("pages/home.py")
    at.query_params.update({"lang": "en", "mode": "kiosk"})
    at.run()
    assert at.title[0].value == CONTENT.text("en", "home.title")
    assert _data(at)["armed"] is True
    at = _send_expired(at)
    assert "walk_level" not in at.session_state
    assert _data(at)["armed"] is False  # after the reset: an untouched Home again


@pytest.mark.parametrize("part_id", ["sources", "care"])
def test_other_parts_are_always_armed(part_id):
    assert _data(run_page(part_id, lang="en", mode="kiosk"))["armed"] is True


def test_clinic_default_language_is_the_quiet_one(tmp_path, monkeypatch):
    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nname = "X"\n[kiosk]\nlanguages = ["es", "en"]\ndefault_language = "es"\n', encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(config))
    assert _data(run_page("home", lang="es", mode="kiosk", via_app=True))["armed"] is False
    assert _data(run_page("home", lang="en", mode="kiosk", via_app=True))["armed"] is True


@pytest.mark.parametrize("idle, warning", [(90, 20), (30, 15), (4, 2), (2, 1), (3, 1), (3600, 20)])
def test_warning_is_min_of_20s_and_half_the_idle_time(idle, warning):
    assert warning_seconds(idle) == warning

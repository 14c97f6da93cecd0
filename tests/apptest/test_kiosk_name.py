"""A kiosk's name (?kiosk=): kept in a plain session key across pages, used on
its alerts, carried into Home's address by the idle reset and the restart
watchdog; an invalid value falls back to clinic.toml's name."""
import json

import pytest
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from explainer.common.alerts import REGISTRY
from explainer.common.sitemap import BY_ID
from tests.apptest.helpers import run_page


def _watch(at):
    (watch,) = [el for el in at.main if getattr(el, "type", None) == "bidi_component"
                and el.proto.component_name == "back_spasm_idle_watch"]
    return watch


def _send_expired(at):
    states = WidgetStates()
    state = states.widgets.add()
    state.id = _make_trigger_id(_watch(at).proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "expired", "value": 1}])
    return at._run(states)


@pytest.mark.usefixtures("empty_alert_registry")
def test_name_survives_pages_and_names_the_alert():
    at = run_page("home", "es", "kiosk", via_app=True, kiosk="Sala de espera 2")
    assert at.session_state["kiosk_name"] == "Sala de espera 2"
    at.query_params.pop("kiosk")  # a page link drops it from the address
    at.switch_page(BY_ID["self_check"].file).run()
    at.button_group(key="self_check_q_both_legs").set_value("yes").run()
    assert [a.kiosk for a in REGISTRY.active()] == ["Sala de espera 2"]


def test_reset_and_restart_reload_keep_the_name_and_nothing_else():
    at = run_page("sources", "es", "kiosk", via_app=True, kiosk="Front room")
    assert json.loads(_watch(at).proto.json)["home_url"] == "/?lang=en&mode=kiosk&kiosk=Front+room"
    at.button(key="big_text_toggle").click().run()
    at = _send_expired(at)
    assert not at.exception
    assert at.session_state["kiosk_name"] == "Front room"  # back from Home's address
    assert "big_text" not in at.session_state or at.session_state["big_text"] is False
    assert at.query_params["kiosk"] in ("Front room", ["Front room"])


def test_no_name_uses_the_clinic_name_and_adds_nothing_to_home():
    for params in ({},):
        at = run_page("sources", "en", "kiosk", **params)
        assert "kiosk_name" not in at.session_state
        assert json.loads(_watch(at).proto.json)["home_url"] == "/?lang=en&mode=kiosk"


@pytest.mark.usefixtures("empty_alert_registry")
@pytest.mark.parametrize("bad", ["W\u0430iting room 2", "\u3164", "\u115f", "<script>", "x" * 40])
def test_a_refused_name_still_alerts_and_the_desk_says_it_was_refused(bad):
    """Before: "Wаiting room 2" (Cyrillic а) showed on the desk looking exactly like
    the real one, and filler names showed as blanks."""
    from explainer.common.content import Content
    from explainer.common.params import KIOSK_NAME_REFUSED
    from tests.apptest.helpers import all_text

    content = Content.load()
    at = run_page("self_check", "en", "kiosk", kiosk=bad)
    at.button_group(key="self_check_q_both_legs").set_value("yes").run()
    assert [a.kiosk for a in REGISTRY.active()] == [KIOSK_NAME_REFUSED]
    # after every reset it stays "not set" (the refused value rides along, never shown)
    assert "kiosk=" in json.loads(_watch(at).proto.json)["home_url"]
    desk = all_text(run_page("desk", "en", "staff"))
    assert content.text("en", "desk.name_refused") in desk
    assert content.text("en", "desk.name_refused_why") in desk
    assert bad not in desk and "Waiting room 2" not in desk

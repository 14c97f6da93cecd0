"""Staff mode behind the clinic's optional PIN (clinic.toml [kiosk] staff_pin).

Asked once per session when set; until it is right the page runs in kiosk
mode (idle watch on, no staff tools); kiosk mode never shows it; the PIN never
reaches the URL, the session after submit, or the log.
"""
from __future__ import annotations

import logging

import pytest

from explainer.common.content import Content
from tests.apptest.helpers import all_text, run_page
from tests.apptest.test_idle import _send_expired, _watch
from ui import staff_pin

CONTENT = Content.load()
PIN = "4821"


@pytest.fixture
def pin_clinic(tmp_path, monkeypatch):
    config = tmp_path / "clinic.toml"
    config.write_text(f'[clinic]\nname = "Test Clinic"\n[kiosk]\nstaff_pin = "{PIN}"\n', encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(config))
    monkeypatch.setattr(staff_pin, "THROTTLE", staff_pin.PinThrottle())
    return config


def _prompt_shown(at) -> bool:
    return any(h.value == CONTENT.text("en", "errors.pin.title") for h in at.subheader)


def _submit(at, pin: str):
    at.text_input(key="staff_pin_entry").input(pin)
    (submit,) = [b for b in at.button if b.label == CONTENT.text("en", "errors.pin.submit")]
    return submit.click().run()


def _staff_tools(at) -> bool:
    """The staff tools are drawn: the nerve-level choice and the handout download."""
    keys = {getattr(el, "key", None) for el in at.button_group}
    return "staff_level_choice" in keys and bool(at.get("download_button"))


def test_no_pin_means_staff_mode_as_before():
    at = run_page("staff", mode="staff")
    assert not _prompt_shown(at) and _staff_tools(at)


def test_staff_mode_asks_for_the_pin_and_stays_kiosk_until_then(pin_clinic):
    at = run_page("staff", mode="staff", via_app=True)
    assert _prompt_shown(at)
    assert not _staff_tools(at)
    assert at.session_state["mode"] == "kiosk" and at.query_params["mode"] == "kiosk"
    assert len(_watch(at)) == 1  # kiosk mode: the idle watch is on


def test_wrong_pin_stays_kiosk(pin_clinic, caplog):
    at = run_page("staff", mode="staff", via_app=True)
    with caplog.at_level(logging.DEBUG):
        at = _submit(at, "0000")
    assert not at.exception
    assert CONTENT.text("en", "errors.pin.wrong") in [w.value for w in at.warning]
    assert not _staff_tools(at) and at.session_state["mode"] == "kiosk"
    assert _prompt_shown(at)  # another try is allowed
    assert "0000" not in caplog.text and PIN not in caplog.text
    # Nothing typed is kept in the session. (Streamlit's own copy of the message
    # that carried it, _new_widget_state, is replaced by the next message.)
    state = at.session_state._state._state
    assert at.session_state["staff_pin_entry"] == ""
    assert "0000" not in repr(state.filtered_state) + repr(state._old_state)


def test_right_pin_opens_staff_mode_once_per_session(pin_clinic, caplog):
    at = run_page("staff", mode="staff", via_app=True)
    with caplog.at_level(logging.DEBUG):
        at = _submit(at, PIN)
    assert not at.exception
    assert _staff_tools(at) and not _prompt_shown(at)
    assert at.session_state["mode"] == "staff" and at.query_params["mode"] == "staff"
    assert _watch(at) == []  # staff mode: no idle reset
    # The PIN is nowhere: not in the URL, not kept in the session, not in the log.
    assert all(PIN not in str(v) for v in at.query_params.values())
    state = at.session_state._state._state  # everything the session keeps, widget values included
    assert PIN not in repr(state.filtered_state) + repr(state._old_state)
    assert PIN not in caplog.text
    # Once per session: back to kiosk and to staff again, no second prompt.
    at.query_params["mode"] = "kiosk"
    at.run()
    at.query_params["mode"] = "staff"
    at.run()
    assert _staff_tools(at) and not _prompt_shown(at)


def test_kiosk_mode_never_shows_the_prompt(pin_clinic):
    for part in ("home", "sources", "staff"):
        at = run_page(part, mode="kiosk")
        assert not _prompt_shown(at)
        assert CONTENT.text("en", "errors.pin.label") not in all_text(at)


def test_cancel_stays_kiosk_and_closes_the_prompt(pin_clinic):
    at = run_page("staff", mode="staff", via_app=True)
    at.button(key="staff_pin_cancel").click().run()
    assert not _prompt_shown(at) and not _staff_tools(at) and at.session_state["mode"] == "kiosk"


def test_a_second_wrong_pin_at_once_is_not_even_compared(pin_clinic, monkeypatch, caplog):
    """The limit holds where the PIN is checked: right after a wrong PIN, even the
    right one is refused unchecked, and the prompt says how long to wait."""
    at = run_page("staff", mode="staff", via_app=True)
    with caplog.at_level(logging.INFO):
        at = _submit(at, "1111")
        at = _submit(at, PIN)
    assert not _staff_tools(at) and at.session_state["mode"] == "kiosk"
    assert "Please wait a few seconds. Then try the PIN again." in [w.value for w in at.warning]
    assert _prompt_shown(at)  # never closed: no lockout
    lines = [r.getMessage() for r in caplog.records if "staff PIN" in r.getMessage()]
    assert len(lines) == 1 and "wrong PIN from unknown" in lines[0]  # one compared, one logged
    assert "1111" not in caplog.text and PIN not in caplog.text
    # Once the wait is over, the right PIN opens staff mode.
    later = staff_pin.time.monotonic() + 2
    monkeypatch.setattr(staff_pin.THROTTLE, "_clock", lambda: later)
    at = _submit(at, PIN)
    assert _staff_tools(at)


def test_a_flood_from_another_address_never_locks_this_one_out(pin_clinic, monkeypatch):
    """Wrong PINs from another address (many of them) do not hide the prompt here
    or hold up this address's first try."""
    for _ in range(50):
        staff_pin.THROTTLE.note_wrong("10.0.0.66")
    at = run_page("staff", mode="staff", via_app=True)
    assert _prompt_shown(at)
    at = _submit(at, PIN)
    assert _staff_tools(at)


def test_idle_reset_locks_staff_mode_again(pin_clinic):
    """Unlocked, then handed back to patients in kiosk mode: the reset forgets the PIN."""
    at = run_page("staff", mode="staff", via_app=True)
    at = _submit(at, PIN)
    at.switch_page("pages/home.py")
    at.query_params.update({"lang": "en", "mode": "kiosk"})
    at.run()
    assert at.session_state["mode"] == "kiosk"
    assert len(_watch(at)) == 1 and _watch_data_armed(at)  # an unlocked session is something to clear
    at = _send_expired(at)
    assert staff_pin.UNLOCKED not in at.session_state
    at.query_params["mode"] = "staff"
    at.run()
    assert _prompt_shown(at)


def _watch_data_armed(at) -> bool:
    import json

    (watch,) = _watch(at)
    return json.loads(watch.proto.json)["armed"]


def test_pin_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = staff_pin.hmac.compare_digest
    monkeypatch.setattr(staff_pin.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert staff_pin.pin_matches("4821", "4821") and not staff_pin.pin_matches("4822", "4821")
    assert not staff_pin.pin_matches("48210", "4821") and not staff_pin.pin_matches("", "4821")
    assert len(calls) == 4


# --- staff mode locks again when left ------------------------------------------

def _staff_watch(at):
    return [el for el in at.main if getattr(el, "type", None) == "bidi_component"
            and el.proto.component_name == "back_spasm_staff_watch"]


def _send_staff_expired(at):
    import json

    from streamlit.components.v2.bidi_component.main import _make_trigger_id as make_id
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    (watch,) = _staff_watch(at)
    states = WidgetStates()
    state = states.widgets.add()
    state.id = make_id(watch.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "expired", "value": 1}])
    return at._run(states)


def _staff_data(at) -> dict:
    import json

    (watch,) = _staff_watch(at)
    return json.loads(watch.proto.json)


def test_staff_pages_carry_a_watch_that_relocks_after_staff_idle_seconds(pin_clinic):
    """Before: staff mode on a kiosk never reset (still open 40 s after a 4 s idle)."""
    at = _submit(run_page("staff", mode="staff", via_app=True), PIN)
    data = _staff_data(at)
    assert data["armed"] is True and data["idle_ms"] == 600_000  # staff_idle_seconds' default
    assert data["return_url"] == "/staff?lang=en&mode=staff"  # a restart comes back here, not to patient Home
    at = _send_staff_expired(at)
    assert staff_pin.UNLOCKED not in at.session_state  # locked again
    assert at.session_state["mode"] == "kiosk"
    at.query_params["mode"] = "staff"
    at.run()
    assert _prompt_shown(at) and not _staff_tools(at)


def test_staff_idle_seconds_comes_from_the_clinic_file(pin_clinic, monkeypatch):
    pin_clinic.write_text(f'[clinic]\nname = "T"\n[kiosk]\nstaff_pin = "{PIN}"\nstaff_idle_seconds = 45\n', encoding="utf-8")
    at = _submit(run_page("sources", mode="staff", via_app=True), PIN)
    at.switch_page("pages/sources.py").run()
    assert _staff_data(at)["idle_ms"] == 45_000


def test_the_server_relocks_a_staff_session_left_too_long(pin_clinic, monkeypatch):
    """Even without the browser's watch (a page left with scripts stopped), the next
    run after staff_idle_seconds asks for the PIN again."""
    at = _submit(run_page("staff", mode="staff", via_app=True), PIN)
    assert _staff_tools(at)
    later = staff_pin.time.monotonic() + 601
    monkeypatch.setattr(staff_pin.time, "monotonic", lambda: later)
    at.run()
    assert staff_pin.UNLOCKED not in at.session_state and at.session_state["mode"] == "kiosk"
    assert not _staff_tools(at)  # Home, in patient mode
    at.switch_page("pages/staff.py")
    at.query_params.update({"lang": "en", "mode": "staff"})
    at.run()
    assert _prompt_shown(at) and not _staff_tools(at)


def test_the_desk_never_relocks_and_comes_back_to_itself(pin_clinic):
    at = _submit(run_page("desk", mode="staff", via_app=True), PIN)
    data = _staff_data(at)
    assert data["armed"] is False  # the front desk's list stays open all day
    assert data["return_url"] == "/desk?lang=en&mode=staff"


def test_a_desk_asking_for_the_pin_stays_a_desk(pin_clinic):
    """After a restart the desk asks for the PIN again; meanwhile the kiosk watch
    must not send it to the patient Home."""
    at = run_page("desk", mode="staff", via_app=True)
    assert _prompt_shown(at)
    (watch,) = _watch(at)
    import json

    data = json.loads(watch.proto.json)
    assert data["armed"] is False and data["return_url"] == "/desk?lang=en&mode=staff"

"""Staff mode behind an optional PIN (``staff_pin`` in clinic.toml's [kiosk]).

Without a PIN, ``?mode=staff`` opens staff mode as before. With one, staff
mode asks for it once per session: until the right PIN is typed the page runs
in kiosk mode (idle watch on, no staff tools), so a wrong PIN, a cancel or an
untouched prompt all leave the screen in patient mode, and the idle reset
clears the session (and with it an unlocked staff mode left on a kiosk).

The PIN is typed into a password field inside a form (never in the URL),
checked in the submit callback, which empties the field's session value at
once, compared with ``hmac.compare_digest`` (constant time) and never logged. Wrong tries are limited per session and for the
whole server, so guessing 4 digits by hand is not practical.
"""
from __future__ import annotations

import hmac
import threading
import time
from collections import deque

import streamlit as st

from explainer.clinic import ClinicConfig

#: Plain session keys (widget keys would vanish on another page).
UNLOCKED = "_staff_unlocked"
PROMPT_OPEN = "_staff_pin_open"
WRONG_TRIES = "_staff_pin_wrong"
JUST_WRONG = "_staff_pin_just_wrong"
#: The password field's widget key (emptied by the submit callback).
ENTRY = "staff_pin_entry"
#: Wrong PINs a session may try before the prompt stops showing.
MAX_WRONG_PER_SESSION = 5
#: Wrong PINs the whole server accepts in WINDOW_SECONDS before refusing every try.
MAX_WRONG_PER_SERVER = 10
WINDOW_SECONDS = 600

_wrong_times: deque[float] = deque()
_wrong_lock = threading.Lock()


def _server_locked(now: float | None = None) -> bool:
    now = time.monotonic() if now is None else now
    with _wrong_lock:
        while _wrong_times and now - _wrong_times[0] > WINDOW_SECONDS:
            _wrong_times.popleft()
        return len(_wrong_times) >= MAX_WRONG_PER_SERVER


def _note_wrong() -> None:
    with _wrong_lock:
        _wrong_times.append(time.monotonic())
    st.session_state[WRONG_TRIES] = st.session_state.get(WRONG_TRIES, 0) + 1


def pin_matches(entered: str, pin: str) -> bool:
    """Constant-time comparison of what was typed with the clinic's PIN."""
    return hmac.compare_digest(entered.strip().encode("utf-8"), pin.encode("utf-8"))


def _close(message: str | None = None) -> None:
    st.session_state[PROMPT_OPEN] = False
    if message:
        st.warning(message, icon=":material/lock:")


def _check() -> None:
    """The form's submit callback: compare, then wipe what was typed at once."""
    from explainer.clinic import ConfigError, load_clinic

    entered = st.session_state.get(ENTRY) or ""
    st.session_state[ENTRY] = ""  # nothing typed stays in the session
    try:
        pin = load_clinic().staff_pin
    except ConfigError:
        return  # the next run shows the not-set-up screen
    if pin and pin_matches(entered, pin):
        st.session_state[UNLOCKED] = True
        st.session_state[PROMPT_OPEN] = False
        st.session_state["mode"] = "staff"
        st.query_params["mode"] = "staff"
    else:
        _note_wrong()
        st.session_state[JUST_WRONG] = True


def staff_gate(requested_mode: str, clinic: ClinicConfig, t) -> str:
    """The mode this run may use: ``requested_mode``, or "kiosk" until the PIN is right."""
    if not clinic.staff_pin or st.session_state.get(UNLOCKED):
        return requested_mode
    if requested_mode == "staff":
        st.session_state[PROMPT_OPEN] = True
    just_wrong = st.session_state.pop(JUST_WRONG, False)
    if not st.session_state.get(PROMPT_OPEN):
        return "kiosk"
    if st.session_state.get(WRONG_TRIES, 0) >= MAX_WRONG_PER_SESSION or _server_locked():
        _close(t("errors.pin.too_many"))
        return "kiosk"

    with st.container(key="staff_pin", border=True):
        st.subheader(t("errors.pin.title"), anchor=False)
        st.markdown(t("errors.pin.body"))
        with st.form("staff_pin_form", clear_on_submit=True, border=False):
            st.text_input(t("errors.pin.label"), type="password", max_chars=8, key=ENTRY, autocomplete="off")
            st.form_submit_button(t("errors.pin.submit"), type="primary", on_click=_check)
        if just_wrong:  # still kiosk mode; the prompt stays for another try
            st.warning(t("errors.pin.wrong"), icon=":material/lock:")
        if st.button(t("errors.pin.cancel"), key="staff_pin_cancel"):
            _close()
            st.rerun()
    return "kiosk"

"""Staff mode behind an optional PIN (``staff_pin`` in clinic.toml's [kiosk]).

Without a PIN, ``?mode=staff`` opens staff mode as before. With one, staff
mode asks for it once per session: until the right PIN is typed the page runs
in kiosk mode (idle watch on, no staff tools), so a wrong PIN, a cancel or an
untouched prompt all leave the screen in patient mode, and the idle reset
clears the session (and with it an unlocked staff mode left on a kiosk).
Staff mode also locks again by itself after ``staff_idle_seconds`` without a
touch (``relock_if_idle``, and the browser's watch in ui/idle.py).

The PIN is typed into a password field inside a form (never in the URL),
checked in the submit callback, which empties the field's session value at
once, compared with ``hmac.compare_digest`` (constant time) and never logged.

Guessing is limited where the PIN is checked (the submit callback), not where
the prompt is drawn: a client that sends submits faster than the page can be
drawn is held back all the same. ``PinThrottle`` keeps, per client address
(the TCP peer of the session's WebSocket), how many wrong PINs it sent in the
last hour; after the n-th wrong PIN that address waits

    delay(n) = min(2 ** (n - 1), ADDRESS_DELAY_MAX) seconds   (1, 2, 4, ... 15 min)

before its next PIN is even compared. 10,000 four-digit guesses from one
address take about 10,000 x 15 min = 104 days. Overall, two gates space the
checks of all addresses together: one for addresses with no wrong PIN in the
last hour ("clean") and one for the rest; after GATE_FREE wrong PINs through a
gate in the last hour, its next check waits min(m - GATE_FREE + 1,
GATE_DELAY_MAX) seconds after the last one. So many addresses at once still
get at most 2 checks per 30 s (10,000 guesses: about 2 days), and a flood
from addresses that already sent a wrong PIN never holds up the clean gate a
member of staff's own tablet uses. Nothing is ever locked for good: the
longest wait a clean address can meet is GATE_DELAY_MAX.

A submit that comes too early is not compared and not counted as a guess; the
prompt says how long to wait. Every compared wrong PIN is logged with the
client address and the counts, never the PIN; the throttle itself bounds how
often that can happen, and refused submits are only counted into the next line.
"""
from __future__ import annotations

import hmac
import logging
import math
import threading
import time
from collections import deque

import streamlit as st

from explainer.common.clinic import ClinicConfig
# The throttle's rules, shared with the Redis throttle (ui/pin_store.py); imported by name here too.
from ui.pin_rules import (  # noqa: F401
    ADDRESS_DELAY_MAX, FORGET_SECONDS, GATE_DELAY_MAX, GATE_FREE, MAX_ADDRESSES, PROMPT_OPEN, _Address, address_delay,
    gate_delay,
)

log = logging.getLogger("explainer")

#: Plain session keys (widget keys would vanish on another page).
UNLOCKED = "_staff_unlocked"
JUST_WRONG = "_staff_pin_just_wrong"
JUST_WAIT = "_staff_pin_wait"
#: Plain session key: monotonic time of the last run in unlocked staff mode.
LAST_STAFF_RUN = "_staff_last_run"
#: The password field's widget key (emptied by the submit callback).
ENTRY = "staff_pin_entry"

class PinThrottle:
    """Who may have a PIN compared now (thread-safe; ``clock`` is monotonic seconds)."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Address] = {}
        self._gates: dict[str, deque[float]] = {"clean": deque(), "dirty": deque()}

    # -- internal (lock held) --
    def _state(self, address: str, now: float) -> _Address | None:
        state = self._addresses.get(address)
        if state is not None and now - state.last_wrong > FORGET_SECONDS:
            del self._addresses[address]
            return None
        return state

    def _gate(self, name: str, now: float) -> deque[float]:
        times = self._gates[name]
        while times and now - times[0] > FORGET_SECONDS:
            times.popleft()
        return times

    def _wait(self, address: str, now: float) -> float:
        state = self._state(address, now)
        own = state.last_wrong + address_delay(state.wrong) - now if state else 0.0
        gate = self._gate("dirty" if state else "clean", now)
        shared = gate[-1] + gate_delay(len(gate)) - now if gate else 0.0
        return max(0.0, own, shared)

    # -- public --
    def wait(self, address: str) -> float:
        """Seconds before a PIN from ``address`` will be compared (0: now)."""
        with self._lock:
            return self._wait(address, self._clock())

    def try_check(self, address: str) -> float:
        """0 if a PIN from ``address`` may be compared now, else the seconds to wait
        (and the refused submit is counted for the next log line)."""
        with self._lock:
            now = self._clock()
            wait = self._wait(address, now)
            if wait > 0:
                state = self._addresses.get(address)
                if state is not None:
                    state.refused += 1
            return wait

    def note_wrong(self, address: str) -> _Address:
        """Count a compared wrong PIN; returns the address's counts (for the log)."""
        with self._lock:
            now = self._clock()
            state = self._state(address, now)
            gate = self._gate("dirty" if state else "clean", now)
            gate.append(now)
            if len(gate) > 4 * FORGET_SECONDS:  # at most one per GATE_DELAY_MAX s once busy: never reached
                gate.popleft()
            if state is None:
                if len(self._addresses) >= MAX_ADDRESSES:
                    oldest = min(self._addresses, key=lambda a: self._addresses[a].last_wrong)
                    del self._addresses[oldest]
                state = self._addresses[address] = _Address()
            state.wrong += 1
            state.last_wrong = now
            counts = _Address(state.wrong, now, state.refused)
            state.refused = 0
            return counts

    def note_right(self, address: str) -> None:
        """The right PIN: this address starts afresh."""
        with self._lock:
            self._addresses.pop(address, None)

    def clear(self) -> None:
        with self._lock:
            self._addresses.clear()
            for gate in self._gates.values():
                gate.clear()


#: The one throttle of this server process, shared by all its sessions.
THROTTLE = PinThrottle()


class _SharedOrLocal:
    """A clinic group's shared counts (Redis), or this process's own while Redis cannot be
    reached: staff can still unlock, and guessing is still limited, per replica."""

    def __init__(self, shared):
        self._shared = shared

    def __getattr__(self, name):
        from explainer.common.shared_store import StoreUnavailable

        shared, local = getattr(self._shared, name), getattr(THROTTLE, name)

        def call(*args):
            try:
                return shared(*args)
            except StoreUnavailable as exc:
                log.warning("staff PIN: shared try counts unavailable (%s); using this server's own", exc)
                return local(*args)

        return call


_shared_throttles: dict[tuple[str, str], _SharedOrLocal] = {}


def throttle_for(clinic: ClinicConfig):
    """This clinic's throttle: shared through Redis when ``[shared] redis_url`` is set, else THROTTLE."""
    if not clinic.redis_url:
        return THROTTLE
    key = (clinic.redis_url, clinic.clinic_id)
    if key not in _shared_throttles:
        from explainer.common.shared_store import redis_client
        from ui.pin_store import RedisPinThrottle

        _shared_throttles[key] = _SharedOrLocal(RedisPinThrottle(redis_client(clinic.redis_url), clinic.clinic_id))
    return _shared_throttles[key]


def client_address() -> str:
    """The TCP peer of this session's connection ("unknown" outside a server, e.g. AppTest).

    Not ``st.context.ip_address``: that one is None for 127.0.0.1, and every
    local client would share one count. The launcher switches uvicorn's proxy
    headers off (ui/server.py), so a client cannot name another address.
    """
    try:
        from streamlit.runtime.context import _get_client_context

        client = _get_client_context()
        address = client.remote_ip if client else None
        return address if isinstance(address, str) and address else "unknown"
    except Exception:
        return "unknown"


def pin_matches(entered: str, pin: str) -> bool:
    """Constant-time comparison of what was typed with the clinic's PIN."""
    return hmac.compare_digest(entered.strip().encode("utf-8"), pin.encode("utf-8"))


def _close(message: str | None = None) -> None:
    st.session_state[PROMPT_OPEN] = False
    if message:
        st.warning(message, icon=":material/lock:")


def _check() -> None:
    """The form's submit callback: throttle, compare, then wipe what was typed at once."""
    from explainer.common.clinic import ConfigError, load_clinic

    entered = st.session_state.get(ENTRY) or ""
    st.session_state[ENTRY] = ""  # nothing typed stays in the session
    try:
        clinic = load_clinic()
    except ConfigError:
        return  # the next run shows the not-set-up screen
    pin = clinic.staff_pin
    if not pin:
        return
    address = client_address()
    throttle = throttle_for(clinic)
    wait = throttle.try_check(address)
    if wait > 0:  # too early: not compared, not a guess
        st.session_state[JUST_WAIT] = math.ceil(wait)
        return
    if pin_matches(entered, pin):
        throttle.note_right(address)
        st.session_state[UNLOCKED] = True
        st.session_state[LAST_STAFF_RUN] = time.monotonic()
        st.session_state[PROMPT_OPEN] = False
        st.session_state["mode"] = "staff"
        st.query_params["mode"] = "staff"
        log.info("staff PIN: staff mode opened from %s", address)
    else:
        counts = throttle.note_wrong(address)
        # Never the PIN (typed or real): only who, how many, and how long they now wait.
        log.warning("staff PIN: wrong PIN from %s (%d wrong from this address in the last hour, "
                    "%d early tries refused since the last one; next check in %.0f s)",
                    address, counts.wrong, counts.refused, throttle.wait(address))
        st.session_state[JUST_WRONG] = True


def _wait_words(t, seconds: int) -> str:
    if seconds < 10:
        return t("errors.pin.wait_moment")
    if seconds < 120:
        return t("errors.pin.wait_seconds", seconds=seconds)
    return t("errors.pin.wait_minutes", minutes=math.ceil(seconds / 60))


def relock_if_idle(clinic: ClinicConfig, part_id: str) -> None:
    """Unlocked staff mode untouched for ``staff_idle_seconds`` locks again: the
    session is cleared and the screen goes to Home in patient mode, as the
    browser's watch does (ui/idle.py); this is the server's own check, for a run
    that comes after the browser's clock (or without it). The desk page keeps its
    session unlocked while it stays open: it is meant to sit on the front desk all day."""
    if not st.session_state.get(UNLOCKED):
        return
    now = time.monotonic()
    last = st.session_state.get(LAST_STAFF_RUN, now)
    if part_id != "desk" and now - last > clinic.staff_idle_seconds:
        from ui.idle import _url_kiosk, reset_kiosk

        reset_kiosk(clinic.default_language, _url_kiosk())  # clears UNLOCKED with everything else
    st.session_state[LAST_STAFF_RUN] = now


def staff_gate(requested_mode: str, clinic: ClinicConfig, t, part_id: str = "") -> str:
    """The mode this run may use: ``requested_mode``, or "kiosk" until the PIN is right."""
    if clinic.staff_pin:
        relock_if_idle(clinic, part_id)
    if not clinic.staff_pin or st.session_state.get(UNLOCKED):
        return requested_mode
    if requested_mode == "staff":
        st.session_state[PROMPT_OPEN] = True
    just_wrong = st.session_state.pop(JUST_WRONG, False)
    just_wait = st.session_state.pop(JUST_WAIT, 0)
    if not st.session_state.get(PROMPT_OPEN):
        return "kiosk"

    with st.container(key="staff_pin", border=True):
        st.subheader(t("errors.pin.title"), anchor=False)
        st.markdown(t("errors.pin.body"))
        with st.form("staff_pin_form", clear_on_submit=True, border=False):
            st.text_input(t("errors.pin.label"), type="password", max_chars=8, key=ENTRY, autocomplete="off")
            st.form_submit_button(t("errors.pin.submit"), type="primary", on_click=_check)
        if just_wait:  # refused before comparing: say how long, in words
            st.warning(_wait_words(t, just_wait), icon=":material/hourglass_top:")
        elif just_wrong:  # still kiosk mode; the prompt stays for another try
            st.warning(t("errors.pin.wrong"), icon=":material/lock:")
        if st.button(t("errors.pin.cancel"), key="staff_pin_cancel"):
            _close()
            st.rerun()
    return "kiosk"

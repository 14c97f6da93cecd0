"""Kiosk idle watch: warn, then clear everything and return Home.

The browser keeps the clock (``ui/idle.js``, inlined into an
``st.components.v2`` component; no network): every touch, click, key, wheel
or scroll anywhere on the page counts as activity, including taps that change
no widget and so never reach the server. After ``idle_seconds`` it shows a
full-screen "Are you still there?" with a countdown of ``warning_seconds``;
"I'm still here" (or any tap) only resets the browser's clock. When the
countdown ends the component reports ``expired`` once, and the server runs
``reset_kiosk``: all session state and query parameters cleared, then Home in
the clinic's default language. Nothing is redrawn while the clock runs, so the
page never flickers.

The same script is the restart watchdog: it polls ``/_stcore/health`` and
reloads Home when the server comes back after being unreachable, or when a
render carries another server boot id (the old session is gone).

On an untouched Home with nothing to clear (``nothing_to_clear``) the watch
is drawn disarmed: no warning, no reset, only the restart watchdog. While the
server does not answer, the browser waits on its own page under a "One moment"
overlay and loads Home once /_stcore/health passes (never a navigation to a
server that is down).

Staff mode draws the same watch with the clinic's ``staff_idle_seconds``
(``staff_watch``): untouched that long, staff mode locks again (the reset
clears the session, and with it an unlocked PIN) and the screen goes back to
patient mode on Home. The front desk page (/desk) is meant to sit open all
day: there the watch never warns or resets. On every staff page the restart
watchdog reloads *that* page in staff mode (``return_url``; the PIN is asked
again if the clinic set one), never the patient Home; so does a /desk page
still asking for the PIN.

Two small options ride on the data the component already receives:

- ``hold_screen(part_id, seconds)``: a page may ask for another idle time
  while it shows one screen (the self-check holds an emergency or urgent
  result for ``alert_hold_seconds`` so the front desk has time to come);
  ``release_screen()`` ends it. It applies only while that part is on screen.
- The kiosk's name (``?kiosk=``, kept in a plain session key) is carried into
  the Home address the reset and the restart watchdog go to, so a named kiosk
  keeps its name after every reset.
"""
from __future__ import annotations

import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException, StreamlitDuplicateElementKey

from explainer.common.sitemap import BY_ID
from ui.context import Context

_HERE = Path(__file__).parent
#: Changes whenever the server process starts; a page that sees another one reloads Home.
BOOT_TIME = time.time()
BOOT_ID = f"{BOOT_TIME:.6f}"
#: Plain session key: a new id after every reset tells the browser the reset happened.
SESSION_ID = "_idle_session"
#: Longest warning, in seconds: min(20 s, half the idle time), long enough to read and tap.
WARNING_SECONDS_MAX = 20
#: How often the browser asks /_stcore/health whether the server is there. A
#: restart (process start plus Streamlit's imports) keeps health down for about
#: a second on a fast machine, so poll well under that to never miss one; the
#: frontend reconnects by itself but does not rerun, so a missed restart would
#: leave a page whose session is gone. A local request, a few bytes each.
HEALTH_EVERY_MS = 500
#: If the server has not reset the page this long after "expired", the browser reloads Home.
FALLBACK_MS = 4000
#: Plain session key: {"part": part id, "seconds": n}, an idle time for that part's current screen.
SCREEN_IDLE = "_idle_screen"
#: Plain session key: this kiosk's name, from ``?kiosk=`` (validated in explainer.common.params).
KIOSK_NAME = "kiosk_name"
#: Plain session key: a ``?kiosk=`` value that was refused (never shown; carried
#: into Home's address so the kiosk stays "name not set" after every reset).
KIOSK_REFUSED = "kiosk_name_refused"

_watch = st.components.v2.component(
    "back_spasm_idle_watch",
    js=(_HERE / "idle.js").read_text(encoding="utf-8"),
)
#: The same script for staff pages, under its own name: a staff page holds no
#: patient's screen (nothing of the kiosk watch's hold or reset rules applies).
_staff_watch = st.components.v2.component(
    "back_spasm_staff_watch",
    js=(_HERE / "idle.js").read_text(encoding="utf-8"),
)


def warning_seconds(idle_seconds: int) -> int:
    """Countdown shown in the warning: min(20 s, half the idle time), at least 1 s."""
    return max(1, min(WARNING_SECONDS_MAX, idle_seconds // 2))


def home_query(default_language: str, kiosk: str | None = None) -> dict[str, str]:
    query = {"lang": default_language, "mode": "kiosk"}
    if kiosk:
        query["kiosk"] = kiosk  # the kiosk's own name survives the reset; nothing of the person does
    return query


def home_url(default_language: str, kiosk: str | None = None) -> str:
    return f"{BY_ID['home'].url}?{urlencode(home_query(default_language, kiosk))}"


def hold_screen(part_id: str, seconds: int) -> None:
    """Use ``seconds`` as the idle time while ``part_id`` shows its current screen."""
    st.session_state[SCREEN_IDLE] = {"part": part_id, "seconds": int(seconds)}


def release_screen() -> None:
    """Back to the clinic's idle time."""
    st.session_state.pop(SCREEN_IDLE, None)


def idle_seconds_for(ctx: Context) -> int:
    held = st.session_state.get(SCREEN_IDLE)
    if isinstance(held, dict) and held.get("part") == ctx.part.id:
        return int(held["seconds"])
    return ctx.clinic.idle_seconds


def kiosk_name(ctx: Context) -> str:
    """This kiosk's name: ``?kiosk=`` (remembered for the session), else clinic.toml's;
    ``explainer.common.params.KIOSK_NAME_REFUSED`` if the address named it and the name was
    refused (the desk then says so, rather than showing the clinic's default name)."""
    from explainer.common.params import KIOSK_NAME_REFUSED

    from_url = ctx.params.get("kiosk")
    raw = st.query_params.get("kiosk")
    if from_url:
        st.session_state[KIOSK_NAME] = from_url
        st.session_state.pop(KIOSK_REFUSED, None)
    elif raw:
        st.session_state[KIOSK_REFUSED] = str(raw)[:64]
        st.session_state.pop(KIOSK_NAME, None)
    if st.session_state.get(KIOSK_REFUSED):
        return KIOSK_NAME_REFUSED
    return st.session_state.get(KIOSK_NAME) or ctx.clinic.kiosk_name


def _url_kiosk() -> str | None:
    """What goes into ``?kiosk=`` of the addresses the watch loads: the name, or the refused value."""
    return st.session_state.get(KIOSK_NAME) or st.session_state.get(KIOSK_REFUSED)


def reset_kiosk(default_language: str, kiosk: str | None = None) -> None:
    """Forget everything this person did, then show Home in the default language."""
    st.session_state.clear()
    st.query_params.clear()
    query = home_query(default_language, kiosk)
    try:
        st.switch_page(BY_ID["home"].file, query_params=query)
    except StreamlitAPIException:
        # The page ran outside app.py's navigation (a first deep link): rerun
        # as Home's URL would; the browser's fallback reloads "/" if needed.
        st.query_params.from_dict(query)
        st.rerun()


def _on_expired() -> None:
    # The work happens in the script run (st.switch_page is not for callbacks);
    # the callback only has to exist so Streamlit accepts the "expired" trigger.
    pass


#: Session keys that hold nobody's answers: the app-wide settings (compared with
#: the clinic's defaults separately) and the watch's own bookkeeping.
NOT_ANSWERS = frozenset({"lang", "mode", "big_text", SESSION_ID, KIOSK_NAME, KIOSK_REFUSED})


def _transient_widget_keys() -> set[str]:
    """Keys of widgets whose values Streamlit drops when a page that does not
    draw them runs: on Home that is every other page's controls (gone at the
    end of this run) and Home's own buttons (never an answer).

    Streamlit has no public way to tell a widget's key from a plain key; this
    reads its session state. If that ever changes, every key counts (the
    warning shows as before: privacy holds, only the quiet Home is lost, and
    tests/browser/test_kiosk_idle.py says so).
    """
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        state = get_session_state()._state
        keys = set()
        for key in st.session_state.keys():
            widget_id = state.get_widget_id_from_key(key)
            if widget_id is not None and state._persist_tracker.scope_of(widget_id) != "session":
                keys.add(key)
        return keys
    except Exception:
        return set()


def nothing_to_clear(ctx: Context) -> bool:
    """An untouched Home: default language, default text size, no answers or choices kept."""
    if ctx.part.id != "home" or ctx.lang != ctx.clinic.default_language or ctx.big_text:
        return False
    widgets = _transient_widget_keys()
    return all(key in NOT_ANSWERS or key in widgets for key in st.session_state.keys())


def _strings(t, lang: str) -> dict:
    return {
        "lang": lang,
        "title": t("idle.title"),
        "body": t("idle.body"),
        "countdown": t("idle.countdown"),
        "countdown_one": t("idle.countdown_one"),  # "1 second": the singular
        "stay": t("idle.stay"),
        "wait_title": t("idle.wait_title"),
        "wait_body": t("idle.wait_body"),
    }


def page_url(ctx: Context, mode: str) -> str:
    """This page's own address in ``mode`` (where a staff page's restart watchdog returns)."""
    query = {"lang": ctx.lang, "mode": mode}
    kiosk = _url_kiosk()
    if kiosk:
        query["kiosk"] = kiosk
    return f"{ctx.part.url}?{urlencode(query)}"


def _draw(strings: dict, idle_seconds: int, default_language: str, armed: bool = True, kiosk: str | None = None,
          return_url: str | None = None, staff: bool = False) -> None:
    session_id = st.session_state.setdefault(SESSION_ID, uuid.uuid4().hex)
    data = {
        "idle_ms": idle_seconds * 1000,
        "warn_ms": warning_seconds(idle_seconds) * 1000,
        "fallback_ms": FALLBACK_MS,
        "health_every_ms": HEALTH_EVERY_MS,
        "health_url": "/_stcore/health",
        "home_url": home_url(default_language, kiosk),
        # Where the restart watchdog goes: Home for a kiosk page, the page itself for staff.
        "return_url": return_url or home_url(default_language, kiosk),
        "boot": BOOT_ID,
        "session": session_id,
        "armed": armed,
        **strings,
        "css": _css(),
    }
    # Both draw nothing (ui/first_paint.js lists their keys); a run draws one of them.
    result = (_staff_watch if staff else _watch)(key="staff_watch" if staff else "idle_watch", data=data,
                                                 height=0, on_expired_change=_on_expired)
    if result is not None and getattr(result, "expired", None):
        reset_kiosk(default_language, kiosk)


def idle_watch(ctx: Context) -> None:
    """Draw the (invisible) watch on a kiosk page; reset if its countdown ended."""
    if ctx.staff:
        return
    kiosk_name(ctx)  # remember ?kiosk= before anything can drop it from the address
    desk_asks_pin = ctx.part.id == "desk" and _pin_prompt_open()
    _draw(_strings(ctx.t, ctx.lang), idle_seconds_for(ctx), ctx.clinic.default_language,
          armed=not nothing_to_clear(ctx) and not desk_asks_pin, kiosk=_url_kiosk(),
          return_url=page_url(ctx, "staff") if desk_asks_pin else None)


def _pin_prompt_open() -> bool:
    from ui.pin_rules import PROMPT_OPEN

    return bool(st.session_state.get(PROMPT_OPEN))


def staff_watch(ctx: Context) -> None:
    """Staff mode: lock again after ``staff_idle_seconds`` untouched (never on /desk),
    and after a server restart come back to this page in staff mode."""
    if not ctx.staff:
        return
    kiosk_name(ctx)
    desk = ctx.part.id == "desk"
    _draw(_strings(ctx.t, ctx.lang), ctx.clinic.staff_idle_seconds, ctx.clinic.default_language,
          armed=not desk, kiosk=_url_kiosk(), return_url=page_url(ctx, "staff"), staff=True)


def plain_screen_watch(t, lang: str, idle_seconds: int, default_language: str) -> None:
    """The watch on the app's plain screens (not set up, page error): the same
    warning, reset and restart watchdog, drawn unless this run drew it already
    (a page that failed after ``ui.shell.setup``)."""
    try:
        _draw(_strings(t, lang), idle_seconds, default_language, kiosk=_url_kiosk())
    except StreamlitDuplicateElementKey:
        pass


def _css() -> str:
    return (_HERE / "idle.css").read_text(encoding="utf-8")



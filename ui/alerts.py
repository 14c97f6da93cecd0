"""The Streamlit side of the front-desk alerts (the registry is explainer.common.alerts).

- ``raise_once(ctx, level)``: a kiosk session raises an alert the first time
  it shows that level's result (a session that shows urgent, then emergency,
  raises both). Staff mode raises none. The alert ids live in a plain session
  key, which an idle reset or the self-check's Start over drops; the limit
  does not depend on it: every raise names its source (this server session's
  id and the kiosk's name, which no page can clear), and the registry merges
  a repeat from that source into its open alert (explainer.common.alerts), so a loop
  of Yes -> Start over adds a count on the desk, not a new alert, while a
  repeat after "I'm on it" (a new person) is a new alert.
- Where the alerts live: ``registry(clinic)`` is this clinic's registry, in
  this process's memory or, for a clinic group, in Redis
  (explainer.common.shared_store). When Redis cannot be reached a kiosk carries on:
  ``raise_once`` returns None (the self-check then tells the person to show
  the screen to the front desk) and leaves an empty watch that asks every
  RETRY_EVERY seconds whether the store is back, and reruns the page then,
  which raises the alert: the desk learns of it without anyone touching the
  kiosk. Nothing from the store ever raises into a kiosk page.
- ``rerun_on_change(key, probe, seen, every)``: an *empty* fragment that runs
  every ``every`` seconds and reruns the page only when ``probe()`` differs
  from ``seen`` (what the page drew). A fragment that redrew its elements each
  second would mark them stale and back on every run (DOM churn, flicker);
  an empty one changes nothing on the page until there is something new.
- ``chime(on, alert_ids)``: a short tone made in the browser with Web Audio
  (no sound file, no network) when a new alert id appears, only once a staff
  member has turned the sound on on that desk page (browsers block sound
  until the page has been tapped; the tap on "Turn sound on" is that tap).
"""
from __future__ import annotations

import logging
from typing import Callable

import streamlit as st

from explainer.common.alerts import Level
from explainer.common.clinic import ClinicConfig
from explainer.common.shared_store import StoreUnavailable, registry_for
from ui.context import Context
from ui.idle import kiosk_name

#: Plain session key: {level value: alert id} raised by this session.
RAISED = "alerts_raised"
#: While the store cannot be reached, how often a kiosk asks whether it is back (seconds).
RETRY_EVERY = 2


log = logging.getLogger("explainer")


def registry(clinic: ClinicConfig):
    """This clinic's alert registry (memory, or Redis when ``[shared] redis_url`` is set)."""
    return registry_for(clinic.clinic_id, clinic.redis_url)


def raise_once(ctx: Context, level: Level) -> str | None:
    """The id of this session's alert for ``level``, raising it the first time (kiosk mode only).
    None when it could not reach the desk (the kiosk page carries on; the next run tries again)."""
    if ctx.staff:
        return None
    raised = dict(st.session_state.get(RAISED, {}))
    if level.value not in raised:
        kiosk = kiosk_name(ctx)
        try:
            alert_id = registry(ctx.clinic).raise_alert(kiosk, level, source=f"{_session_id()}|{kiosk}")
        except StoreUnavailable as exc:
            log.warning("front-desk alert from %r could not be stored (%s); the kiosk tells the person "
                        "to show the screen to the front desk", kiosk, exc)
            store = registry(ctx.clinic)
            rerun_on_change(f"alerts_retry_{level.value}", lambda: _reachable(store), False, RETRY_EVERY)
            return None
        except Exception:  # never into a kiosk page: the person still sees their result
            log.exception("front-desk alert from %r failed", kiosk)
            return None
        raised[level.value] = alert_id
        st.session_state[RAISED] = raised
    return raised[level.value]


def _reachable(store) -> bool:
    try:
        store.version
        return True
    except Exception:
        return False


def _session_id() -> str:
    """The server's id of this browser session (the same across Start over and an idle reset)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def acknowledged(alert_id: str | None, clinic: ClinicConfig) -> bool:
    """Whether someone at the desk said "I'm on it" (False when that cannot be known now).
    ``clinic`` is the page's own (``ctx.clinic``): the held screen asks every few seconds,
    and the clinic file need not be read again for that."""
    if not alert_id:
        return False
    try:
        alert = registry(clinic).get(alert_id)
    except StoreUnavailable:
        return False
    except Exception:
        log.exception("front-desk alert %s could not be read", alert_id)
        return False
    return bool(alert and alert.acknowledged)


def rerun_on_change(key: str, probe: Callable[[], object], seen: object, every: float) -> None:
    """Rerun the whole page as soon as ``probe()`` stops returning ``seen``."""

    @st.fragment(run_every=every, key=key)
    def _watch() -> None:
        if probe() != seen:
            st.rerun()

    _watch()


_CHIME_JS = """
export default function (component) {
  const { data } = component;
  const w = window;
  const g = w.__bseChime || (w.__bseChime = { seen: null, audio: null, played: 0, on: false });
  g.on = !!data.on;
  if (!g.unlock) {
    // Browsers start an AudioContext only from a tap: make (or wake) it on any tap.
    g.unlock = () => {
      try {
        const Ctx = w.AudioContext || w.webkitAudioContext;
        if (!g.audio && Ctx) g.audio = new Ctx();
        if (g.audio && g.audio.state === "suspended") g.audio.resume();
      } catch (e) { /* no sound on this device: the list still shows */ }
    };
    document.addEventListener("pointerdown", g.unlock, { capture: true, passive: true });
  }
  const ids = data.ids || [];
  const fresh = g.seen === null ? [] : ids.filter((id) => !g.seen.has(id));
  g.seen = new Set([...(g.seen || []), ...ids]);
  if (!g.on || fresh.length === 0 || !g.audio) return;
  // Two short soft tones (880 Hz, then 660 Hz), with a gentle start and end so they do not click.
  const now = g.audio.currentTime;
  [[880, 0], [660, 0.22]].forEach(([hz, at]) => {
    const osc = g.audio.createOscillator();
    const gain = g.audio.createGain();
    osc.type = "sine";
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, now + at);
    gain.gain.exponentialRampToValueAtTime(0.3, now + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.2);
    osc.connect(gain).connect(g.audio.destination);
    osc.start(now + at);
    osc.stop(now + at + 0.21);
  });
  g.played += 1;  // tests read it
}
"""

_chime = st.components.v2.component("back_spasm_desk_chime", js=_CHIME_JS)


def chime(on: bool, alert_ids: list[str]) -> None:
    """Play a tone in this browser when an id new to it appears (only when ``on``)."""
    _chime(key="desk_chime", data={"on": on, "ids": alert_ids}, height=0)

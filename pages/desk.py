"""Front desk alerts (/desk, staff mode): which kiosk reached the emergency or
urgent result of the self-check, and when. Newest first; never an answer,
never anything about the person. "I'm on it" acknowledges an alert on every
open desk page and on the kiosk at once.

The list is drawn by ordinary full runs. Between them an empty fragment asks
every second whether the registry changed (ui.alerts.rerun_on_change), so a
new alert shows within about a second and nothing on the page moves while
nothing changes. Alerts live in the server's memory, or for a clinic group
in Redis (explainer.common.shared_store), one list per clinic. When Redis cannot be
reached the page says so in words instead of an empty list, keeps asking each
second, and shows the list again by itself when Redis is back.
"""
import time

import streamlit as st

from explainer.common.alerts import TTL_SECONDS, Alert, Level, clock_time
from explainer.common.escape import html_text, markdown_text
from explainer.common.params import KIOSK_NAME_REFUSED
from explainer.common.shared_store import StoreUnavailable
from ui.alerts import chime, registry, rerun_on_change
from ui import idle
from ui.nav import page_link
from ui.shell import footer, setup

#: Plain session key: the sound is off until a staff member turns it on on this page.
CHIME_ON = "desk_chime_on"
#: What the watch compares while the shared store cannot be reached.
DOWN = "store-down"
#: How often the page asks whether an alert came, changed or expired (seconds).
CHECK_EVERY = 1
ICONS = {Level.EMERGENCY: ":material/emergency_home:", Level.URGENT: ":material/priority_high:"}

ctx = setup("desk")
t = ctx.t
st.title(t("desk.title"))

if not ctx.staff:
    st.header(t("desk.not_staff_title"))
    st.write(t("desk.not_staff_body"))
    page_link(ctx, "home", t("common.home"), icon=":material/home:")
    footer(ctx)
    st.stop()


def _toggle_chime() -> None:
    st.session_state[CHIME_ON] = not st.session_state.get(CHIME_ON, False)


STORE = registry(ctx.clinic)


def _on_it(alert_id: str) -> None:
    try:
        STORE.acknowledge(alert_id)
    except StoreUnavailable:
        pass  # this run shows that alerts cannot get through; the tap can be made again once back


def _version() -> object:
    try:
        return STORE.version
    except StoreUnavailable:
        return DOWN


def _time(seconds: float) -> str:
    return clock_time(seconds, am=t("desk.am"), pm=t("desk.pm"))


def _alert_card(alert: Alert) -> None:
    """One alert in few elements (a desk may list 50): the level in words with an
    icon, the kiosk, the time and what the person was told; then "I'm on it", or
    only the time someone acknowledged it."""
    level = alert.level.value
    state = "done" if alert.acknowledged else "open"
    repeats = f" · {markdown_text(t('desk.repeats', count=alert.repeats))}" if alert.repeats > 1 else ""
    refused = alert.kiosk == KIOSK_NAME_REFUSED
    kiosk = t("desk.name_refused") if refused else alert.kiosk
    why = f'<br><span class="desk-told">{html_text(t("desk.name_refused_why"))}</span>' if refused else ""
    with st.container(key=f"desk-{level}-{state}-{alert.id}", border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(
            f'**{ICONS[alert.level]} {markdown_text(t(f"desk.level.{level}"))}** · **{markdown_text(kiosk)}** · '
            f'{markdown_text(t("desk.raised", time=_time(alert.raised_at)))}{repeats}<br><span class="desk-told">{html_text(t(f"desk.told.{level}"))}</span>{why}',
            unsafe_allow_html=True,
            width="stretch",
        )
        if alert.acknowledged:
            st.markdown(f":material/check_circle: {markdown_text(t('desk.acknowledged', time=_time(alert.acknowledged_at)))}", width="content")
        else:
            st.button(t("desk.on_it"), key=f"desk_on_it_{alert.id}", type="primary",
                      icon=":material/directions_walk:", on_click=_on_it, args=(alert.id,))


try:
    version = STORE.version
    alerts = STORE.active()
    merged, dropped = STORE.merged, STORE.dropped
except StoreUnavailable:
    version, alerts, merged, dropped = DOWN, [], 0, 0
chime_on = bool(st.session_state.get(CHIME_ON, False))

st.markdown(t("desk.intro"))
# First, not below a list that may be 50 alerts long: it only helps while it is seen.
st.caption(t("desk.live"))
# Alerts live in this process's memory: for as long as an alert could still be
# listed (its TTL), say when the server started (after the list, which comes
# first), so an empty list after a restart is never read as "nothing happened";
# and the sound, off in every new page, needs a tap again.
# Alerts in Redis outlive a restart of this app process: nothing to say then.
restarted = not ctx.clinic.redis_url and time.time() - idle.BOOT_TIME < TTL_SECONDS
with st.container(key="desk-sound", horizontal=True, vertical_alignment="center"):
    st.button(t("desk.chime_off") if chime_on else t("desk.chime_on"), key="desk_chime_toggle",
              icon=":material/volume_off:" if chime_on else ":material/volume_up:", on_click=_toggle_chime)
    if chime_on:
        st.markdown(t("desk.chime_is_on"))
    elif restarted:
        st.markdown(f"**{markdown_text(t('desk.sound_again'))}**")
    else:
        st.markdown(t("desk.chime_is_off"))
chime(chime_on, [a.id for a in alerts if not a.acknowledged])

with st.container(key="desk-alerts"):
    # Never hidden: alerts cannot get through; how many were joined, or could not be kept.
    if version == DOWN:
        st.error(f"**{markdown_text(t('desk.store_down'))}**", icon=":material/cloud_off:")
    elif dropped:
        st.error(t("desk.dropped", count=dropped), icon=":material/warning:")
    if merged:
        st.info(t("desk.merged", count=merged), icon=":material/call_merge:")
    if not alerts and version != DOWN:
        st.info(t("desk.none"), icon=":material/check_circle:")
    for alert in alerts:
        _alert_card(alert)
if restarted:
    with st.container(key="desk-restarted"):
        st.warning(t("desk.restarted", time=_time(idle.BOOT_TIME)), icon=":material/restart_alt:")
rerun_on_change("desk_watch", _version, version, CHECK_EVERY)

footer(ctx)

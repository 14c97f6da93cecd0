"""Present mode: a clinician shows the screen to a patient (staff mode only).

A "Present" button in the top bar switches it on. Then the page drops its
chrome (the top bar's Home, language and text-size buttons, and the footer),
the figure gets more of the screen (wider column, charts and diagrams larger),
and the walkthrough's Back and Next sit fixed in the bottom corners, big
enough to reach with the thumb of the hand holding the tablet. "Stop
presenting" stays fixed in the top corner, so there is always a way out.

It is pure CSS (``ui/present.css``), added by ``ui.shell.setup`` only while
presenting: nothing is redrawn differently, so the walkthrough's step and
nerve level (plain session keys) are untouched by a toggle. The switch itself
is a plain session key too (a widget's key would vanish on the next page).
A kiosk never shows the button and never gets the CSS, whatever the session
holds.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.context import Context

#: Plain session key: True while presenting.
PRESENT = "present"
_CSS = Path(__file__).with_name("present.css")


def presenting(staff: bool) -> bool:
    return staff and bool(st.session_state.get(PRESENT, False))


def _toggle() -> None:
    st.session_state[PRESENT] = not st.session_state.get(PRESENT, False)


def present_toggle(ctx: Context) -> None:
    """The Present / Stop presenting button (drawn in the top bar; staff mode only)."""
    if not ctx.staff:
        return
    on = presenting(True)
    st.button(
        ctx.t("staff.present_stop") if on else ctx.t("staff.present"),
        key="present_toggle",
        icon=":material/close_fullscreen:" if on else ":material/slideshow:",
        type="primary" if on else "secondary",
        on_click=_toggle,
    )


def present_css(staff: bool) -> str:
    """The Present mode rules while presenting in staff mode, else nothing."""
    return "\n" + _CSS.read_text(encoding="utf-8") if presenting(staff) else ""

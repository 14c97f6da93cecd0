"""Forgetting what one person did, so the next person never meets it.

- ``forget_self_check()``: the self-check's answers, screen, result, its answer
  controls, the front-desk alerts it raised, its held idle time and the body
  map's "both legs" note. The shell calls it whenever a page other than the
  self-check runs (leaving the self-check forgets it: Home, another part, the
  body map, which then sets the note afresh for "both legs"), and the
  self-check's Start over calls it. A language or text-size change reruns the
  self-check itself, so it is not leaving.
- ``forget_body_map_choice()``: the story order and nerve level the body map
  chose for the walkthrough (Start over on a kiosk: perhaps the next person).

Only plain session keys and widget keys are touched; nothing is written anywhere.
"""
from __future__ import annotations

import streamlit as st

from explainer.disc import walkthrough as walk
from explainer.self_check import triage
from ui.alerts import RAISED as ALERTS_RAISED
from ui.idle import SCREEN_IDLE
#: Plain session key: set by the body map's "both legs"; the self-check then opens
#: with a line saying why it was shown.
BOTH_LEGS_NOTE = "both_legs_note"
#: What the body map chooses for the walkthrough.
BODY_MAP_KEYS: tuple[str, ...] = (walk.WALK_STORY, walk.WALK_LEVEL)


def _self_check_keys() -> list[str]:
    widgets = [key for key in st.session_state.keys() if str(key).startswith(triage.WIDGET_KEY_PREFIX)]
    return [*triage.SESSION_KEYS, ALERTS_RAISED, BOTH_LEGS_NOTE, *widgets]


def forget_self_check() -> None:
    for key in _self_check_keys():
        st.session_state.pop(key, None)
    held = st.session_state.get(SCREEN_IDLE)
    if isinstance(held, dict) and held.get("part") == "self_check":
        st.session_state.pop(SCREEN_IDLE, None)


def forget_body_map_choice() -> None:
    for key in BODY_MAP_KEYS:
        st.session_state.pop(key, None)

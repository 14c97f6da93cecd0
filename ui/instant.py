"""Instant choices: a tap on a choice control redraws the charts and swaps the
words in the browser, without waiting for the server's rerun (a tap is answered
in the tap's own task instead of after a round trip and a script run).

The choice stays a Streamlit widget (a segmented control: keyboard, screen
readers and AppTest all work as before) and the server stays the source of
truth: it reruns on every tap and renders the same choice. ``ui/instant.js``
only gets there first. It needs, on the page:

- charts whose Vega-Lite parameter is bound to the element ``host`` (a CSS
  selector: an element that exists before any chart and is never replaced,
  see ``explainer.reflex.choices.CHOICE_HOST``) and carry every choice's data;
  the choice shown is that element's ``value``;
- the words that change, marked with ``slot_attribute`` (``explainer.common.slots.slot``);
- the table of those words for every choice (``texts``).
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from explainer.common.slots import SLOT_ATTRIBUTE

_HERE = Path(__file__).parent
#: How long a tap's own picture wins over renders that disagree with it (the
#: rerun it started is on its way). After that the server's render wins.
PENDING_MS = 5000

_instant = st.components.v2.component("back_spasm_instant_choice", js=(_HERE / "instant.js").read_text(encoding="utf-8"))


def instant_choice(
    *,
    key: str,
    groups: list[tuple[str, list[str]]],
    current: str,
    separator: str,
    host: str,
    event: str,
    texts: dict,
    slot_attribute: str = SLOT_ATTRIBUTE,
) -> None:
    """Answer taps on ``groups`` (widget key, option values in order) in the browser.

    ``current`` is the server's choice: the group values joined by ``separator``.
    """
    _instant(
        key=key,
        height=0,
        data={
            "groups": [{"key": widget_key, "options": list(options)} for widget_key, options in groups],
            "current": current,
            "separator": separator,
            "host": host,
            "event": event,
            "slot_attribute": slot_attribute,
            "texts": texts,
            "pending_ms": PENDING_MS,
        },
    )

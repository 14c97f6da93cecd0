"""Start a screen at its top when the person moves on.

Streamlit keeps the scroll position across reruns, so after Next, Back or a
part change the new screen would open where the old one was scrolled to, with
its heading and first questions out of sight. ``start_at_top(view)`` scrolls
the page to the top whenever ``view`` (a string naming what is on screen, such
as "self_check:2") differs from the one the browser last saw; a rerun that
keeps the same view (a tap on a choice) leaves the scroll where it is. It runs
in the browser (an inline ``st.components.v2`` component; no network).
"""
from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const view = component.data.view;
  const w = window;
  const g = w.__bseScroll || (w.__bseScroll = { view: null });
  if (g.view === view) return;
  const first = g.view === null;
  g.view = view;
  if (first) return;  // a fresh page load already starts at the top
  const targets = [document.querySelector('[data-testid="stMain"]'), document.scrollingElement];
  const top = () => targets.forEach((el) => el && el.scrollTo({ top: 0, left: 0, behavior: "instant" }));
  top();
  requestAnimationFrame(top);  // again once the new screen has drawn
};
"""

_scroll = st.components.v2.component("back_spasm_start_at_top", js=_JS)


def start_at_top(view: str) -> None:
    """Scroll to the top when ``view`` is new to this browser page."""
    _scroll(key="start_at_top", data={"view": view}, height=0)

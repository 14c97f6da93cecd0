"""Start a screen at its top when the person moves on.

Streamlit keeps the scroll position across reruns and page changes, so after
Next, Back or a part change the new screen would open where the old one was
scrolled to, with its heading and first questions out of sight.
``start_at_top(view)`` scrolls the page to the top whenever ``view`` (a string
naming what is on screen, such as "self_check:2") differs from the one the
browser last saw for the same ``scope``; a rerun that keeps the same view (a
tap on a choice) leaves the scroll where it is.

Two scopes, so a page's own calls never fight the shell's: the shell calls
``start_at_top(part_id, scope="part")`` on every page run (a part change);
a page calls ``start_at_top("self_check:2")`` for its own screens (default
scope "screen"). Each scope is its own invisible element (keys
``start_at_top`` and ``start_at_top_part``), so both can be on one page.

What scrolls (checked on Streamlit 1.67 at 1080x1920 and 1180x820): the
``<section data-testid="stMain">`` element holds the app and has
``overflow: auto``; the document itself does not scroll. The script scrolls
every scrolled ancestor of the app it finds, and the document, so it keeps
working if Streamlit moves the scroll to another element. It scrolls again on
the next two frames and after the new screen settles, because Streamlit draws
a page change in several passes and a pass that replaces a long element can
leave the old offset behind.

It runs in the browser (an inline ``st.components.v2`` component; no network).
"""
from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const { view, scope } = component.data;
  const w = window;
  const g = w.__bseScroll || (w.__bseScroll = { views: {}, count: 0 });
  const known = Object.prototype.hasOwnProperty.call(g.views, scope);
  const changed = g.views[scope] !== view;
  g.views[scope] = view;
  // Nothing new for this scope, or its first sighting on this browser page. Every page
  // run draws the shell's "part" scope, so a scope is first seen either on a fresh load
  // (which already starts at the top: a scroll then, and again 120 ms later, pulled back
  // a finger that had already started scrolling, and made a tap land elsewhere) or on a
  // change of part, which the "part" scope, seen before, scrolls for.
  if (!known || !changed) return;
  const scrollers = () => {
    const found = new Set();
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) found.add(main);
    // The component's own root may sit in a shadow root: climb out through its host.
    let el = component.parentElement;
    while (el && el !== document.body) {
      if (el instanceof Element) {
        const style = getComputedStyle(el);
        if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) found.add(el);
      }
      el = el.parentElement || (el.getRootNode && el.getRootNode().host) || el.host || null;
    }
    if (document.scrollingElement) found.add(document.scrollingElement);
    return [...found];
  };
  const top = () => {
    for (const el of scrollers()) {
      if (el.scrollTop !== 0) el.scrollTo({ top: 0, left: 0, behavior: "instant" });
    }
    g.count += 1;  // tests read it: how many times the page was put back at its top
  };
  top();
  requestAnimationFrame(() => { top(); requestAnimationFrame(top); });
  setTimeout(top, 120);
};
"""

_scroll = st.components.v2.component("back_spasm_start_at_top", js=_JS)


def start_at_top(view: str, scope: str = "screen") -> None:
    """Scroll to the top when ``view`` is new to this browser page (within ``scope``)."""
    key = "start_at_top" if scope == "screen" else f"start_at_top_{scope}"
    _scroll(key=key, data={"view": view, "scope": scope}, height=0)

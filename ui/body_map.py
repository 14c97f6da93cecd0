"""The body map on screen: the SVG from ``explainer.disc.body_map`` whose places are
real buttons. A tap (or Enter/Space on a focused place) reports the place's id
to the server once (a trigger value); the page then acts on it exactly as on
the place's big labelled button.

An inline ``st.components.v2`` component (no iframe, no network). Styles are
not isolated (``isolate_styles=False``): the SVG sits in the page itself, so
the app's CSS (assets/css/where.css), the accessibility checks and the
keyboard reach it like any other control.
"""
from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const host = parentElement;
  if (host.dataset.svgFor !== data.version) {
    host.innerHTML = data.svg;
    host.dataset.svgFor = data.version;
  }
  host.__bseTrigger = setTriggerValue;  // the latest one: each render brings its own
  if (host.__bseListening) return;
  host.__bseListening = true;
  host.__bseOutside = data.outside;
  const choose = (target) => {
    const place = target && target.closest && target.closest('[data-place]');
    if (!place || !host.contains(place)) return false;
    // The leg tapped (its tap area says which) is marked; a key press marks the place.
    const hit = target.closest('[data-side]');
    const side = hit ? hit.dataset.side : '';
    const areas = side ? place.querySelectorAll(`.body-map-area[data-side="${side}"]`) : [];
    if (areas.length) areas.forEach((a) => a.classList.add('body-map-chosen'));
    else place.classList.add('body-map-chosen');
    host.__bseTrigger('place', side ? `${place.dataset.place}:${side}` : place.dataset.place);
    return true;
  };
  // A tap on the picture but on no place: say which places can be tapped (over the
  // picture, so nothing below moves), until the next tap.
  const outside = () => {
    let note = host.querySelector('.body-map-outside');
    if (!note) {
      note = document.createElement('p');
      note.className = 'body-map-outside';
      note.setAttribute('role', 'status');
      host.appendChild(note);
    }
    note.textContent = host.__bseOutside;
    note.hidden = false;
  };
  host.addEventListener('click', (event) => {
    const note = host.querySelector('.body-map-outside');
    if (note) note.hidden = true;
    if (choose(event.target)) event.preventDefault();
    else if (event.target.closest && event.target.closest('svg')) outside();
  });
  host.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && choose(event.target)) event.preventDefault();
  });
};
"""

_map = st.components.v2.component("back_spasm_body_map", js=_JS, isolate_styles=False)


def _on_place() -> None:
    # The page acts on the tapped place in its own run (st.switch_page is not for
    # callbacks); the callback only has to exist so Streamlit accepts the trigger.
    pass


def body_map(svg: str, version: str, outside: str) -> str | None:
    """Draw the map; what was tapped since the last run ("place" or "place:side"), or None.
    ``outside`` is said over the picture after a tap on no place."""
    result = _map(key="body_map", data={"svg": svg, "version": version, "outside": outside}, on_place_change=_on_place)
    place = getattr(result, "place", None) if result is not None else None
    return place if isinstance(place, str) else None

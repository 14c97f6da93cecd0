"""The slow-motion replay of /reflex: the picture, "Watch it happen", sound.

Driven by the model, played in the browser: the frames of every choice come
from explainer.reflex.replay and are handed to the page with the render;
``ui/replay.js`` (inlined into an ``st.components.v2`` component, light DOM,
no network) plays them with requestAnimationFrame, SLOWDOWN times slower than
real life, then stops on the final picture. Nothing is sent to the server
while it plays, so nothing reruns.

- The picture is ``explainer.reflex.figure.figure_svg``; the script moves its
  parts with the same geometry (``GEOMETRY``).
- The choice shown is the one the page shows (``CHOICE_HOST``'s value, set
  by ui/instant.js): a tap on another speed or distance stops a replay and
  shows the new choice at once.
- The signal-path stage buttons (Streamlit buttons, keys ``stage_key(n)``)
  light up as the pulse passes; the charts' time cursor (``CURSOR_HOST``)
  moves with the replay while the charts are on screen.
- Sound (optional): one click per spindle signal, made with Web Audio in the
  browser; the audio context is created on a tap, never before.
- ``prefers-reduced-motion``: the same phases as a step-through, one tap each.
- Screen readers: the caption under the picture is a polite live region that
  changes once per phase, never per frame.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import streamlit as st

_HERE = Path(__file__).parent

_replay = st.components.v2.component(
    "back_spasm_reflex_replay",
    js=(_HERE / "replay.js").read_text(encoding="utf-8"),
    css=(_HERE / "replay.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def replay_markup(svg: str, labels: dict[str, str], lang: str, ghost_shown: bool = True) -> str:
    """The component's HTML: the buttons, the picture, its legend and caption.
    Every word is passed in (``labels``) and escaped here. The legend of the
    dashed outline keeps its room but shows only while the outline is drawn
    (``ghost_shown`` for this picture; ui/replay.js keeps it in step while playing)."""
    e = {name: escape(text) for name, text in labels.items()}
    return (
        f'<div class="bse-replay" lang="{escape(lang)}">'
        '<div class="bse-replay-bar">'
        f'<button type="button" class="bse-replay-watch" data-role="watch">{e["watch"]}</button>'
        f'<button type="button" class="bse-replay-sound" data-role="sound" aria-pressed="false">{e["sound"]}</button>'
        '</div>'
        f'<p class="bse-replay-status"><span class="bse-replay-slowed" hidden>{e["slowed"]}</span> '
        '<span class="bse-replay-step" hidden></span></p>'
        '<p class="bse-replay-caption" aria-live="polite"></p>'
        f'<div class="bse-replay-figure">{svg}</div>'
        f'<p class="bse-replay-legend" data-shown="{"true" if ghost_shown else "false"}">{e["ghost"]}</p>'
        "</div>"
    )


def reflex_replay(*, key: str, markup: str, markup_key: str, data: dict) -> None:
    """Draw the replay. ``markup`` is rebuilt in the browser only when
    ``markup_key`` changes (language, lit stage); ``data`` carries the frames
    of every choice, the captions and the wiring (see ui/replay.js)."""
    _replay(key=key, data={**data, "markup": markup, "markup_key": markup_key})

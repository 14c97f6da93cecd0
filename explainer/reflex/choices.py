"""The nine on-screen choices (3 speeds x 3 distances) and how the browser
shares the one it shows.

A choice is one string, e.g. "sudden-large" (``choice_id``). The page shows
one choice at a time; a tap changes it in the browser at once (ui/instant.js)
before the server's rerun renders the same choice.

The choice the page shows is the ``value`` of the page's ``<body>``
(``CHOICE_HOST``), and a ``CHOICE_EVENT`` on the body says it changed: the
charts' Vega-Lite parameter is bound to it, and the replay listens to it.
Why the body and not an element of our own: Vega looks the bound element up
once, when it builds a chart, and if it is missing binds to an empty form of
its own instead (value undefined: the charts drew no lines, and later taps
never reached them). Anything Streamlit draws for us can arrive after the
charts (HTML markdown waits for a lazily loaded plugin), and React may
replace it later; the body exists before any chart and is never replaced.

The replay's time cursor on the charts works the same way, on the ``<html>``
element (``CURSOR_HOST``, ``CURSOR_EVENT``): its value is the model time
being drawn, in ms, or nothing when no replay is on screen.
"""
from __future__ import annotations

from explainer.reflex.model import DEFAULT_DISTANCE, DEFAULT_SPEED, Distance, Speed, StretchRun, run_choice

#: Joins a speed and a distance into one choice id (ui/instant.js splits on it).
CHOICE_SEPARATOR = "-"
CHOICE_HOST = "body"
CHOICE_EVENT = "reflexchoice"
CURSOR_HOST = "html"
CURSOR_EVENT = "reflexcursor"


def choice_id(speed: Speed | str, distance: Distance | str) -> str:
    """One choice as one string, e.g. "sudden-large"."""
    return f"{Speed(speed).value}{CHOICE_SEPARATOR}{Distance(distance).value}"


def parse_choice(choice: str) -> tuple[Speed, Distance]:
    speed, distance = choice.split(CHOICE_SEPARATOR)
    return Speed(speed), Distance(distance)


DEFAULT_CHOICE = choice_id(DEFAULT_SPEED, DEFAULT_DISTANCE)
#: Every choice, speeds in order, then distances in order.
ALL_CHOICES = tuple(choice_id(s, d) for s in Speed for d in Distance)


def all_runs() -> dict[str, StretchRun]:
    """Every on-screen choice and its simulation, keyed by ``choice_id``."""
    return {choice: run_choice(*parse_choice(choice)) for choice in ALL_CHOICES}

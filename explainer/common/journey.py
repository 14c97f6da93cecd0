"""The "Start here" path: the whole story, one part after another.

    path = reflex -> spasm_or_disc -> self_check -> care        (PATH, in order)

The path lives in one plain session key, ``JOURNEY``, holding the id of the
part the person is on (absent: not on the path). "Start here" sets it to the
first part; the shell then follows it on every page run (``follow``):

- a part of the path keeps the path going, now at that part (the "Next part"
  link, or a page's own link to another part of the path, such as the
  self-check's "how to care for a spasm");
- anything else (Home, the body map, Sources, the staff tools) ends it, so a
  part chosen directly from Home is never shown as "Part N of 4".

Pure data and rules; ``ui.journey`` draws the header and the "Next part".
"""
from __future__ import annotations

from typing import Mapping

#: Plain session key (never a widget key: Streamlit deletes those when another page runs).
JOURNEY = "journey_part"

#: The parts of the story, in the order "Start here" takes them.
PATH: tuple[str, ...] = ("reflex", "spasm_or_disc", "self_check", "care")


def total() -> int:
    return len(PATH)


def first() -> str:
    return PATH[0]


def position(part_id: str) -> int | None:
    """1-based place of ``part_id`` on the path, or None if it is not on it."""
    return PATH.index(part_id) + 1 if part_id in PATH else None


def next_part(part_id: str) -> str | None:
    """The part after ``part_id``; None after the last one (or off the path)."""
    n = position(part_id)
    return PATH[n] if n is not None and n < len(PATH) else None


def is_last(part_id: str) -> bool:
    return position(part_id) == len(PATH)


def follow(at: object, part_id: str) -> str | None:
    """Where the path is after the page ``part_id`` starts to run.

    ``at`` is the session's ``JOURNEY`` value (None when not on the path).
    Returns the new value: ``part_id`` while the person stays on the path,
    None once they leave it (or were never on it).
    """
    if at not in PATH:
        return None
    return part_id if part_id in PATH else None


def current(session: Mapping[str, object], part_id: str) -> int | None:
    """Position to show as "Part N of 4" on ``part_id``, or None (no header)."""
    return position(part_id) if session.get(JOURNEY) == part_id else None

"""The app's one set of "when to get help" lists, in the order a person needs them.

    now:   call 911 (emergency.heading / emergency.signs), then the emergency
           room with "do not drive yourself" (emergency.er_heading / er_signs / er_note)
    today: a medical doctor on the same day (emergency.today_heading / today_signs)
    soon:  seen in the next few days (emergency.soon_heading / soon_signs)

The wording lives in ``assets/content/<lang>/emergency.toml``; every
self-check result that is not an emergency, /care and the take-home handout
draw these lists, so they always say the same as the self-check's rules
(``explainer.self_check.triage``). Pure: no Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class HelpList:
    heading: str
    items: tuple[str, ...]
    note: str | None = None


#: (heading key, items key, note key or None) of the two "get help now" lists.
NOW_KEYS: tuple[tuple[str, str, str | None], ...] = (
    ("emergency.heading", "emergency.signs", None),
    ("emergency.er_heading", "emergency.er_signs", "emergency.er_note"),
)
#: The two levels below "now", least urgent first (as the NHS back-pain page sorts them).
LATER_KEYS: tuple[tuple[str, str, str | None], ...] = (
    ("emergency.soon_heading", "emergency.soon_signs", None),
    ("emergency.today_heading", "emergency.today_signs", None),
)


def _lists(t: Callable, keys) -> list[HelpList]:
    return [HelpList(t(heading), tuple(t.items(items)), t(note) if note else None) for heading, items, note in keys]


def now_lists(t: Callable) -> list[HelpList]:
    """Call 911 now, then go to the emergency room now (do not drive yourself)."""
    return _lists(t, NOW_KEYS)


def later_lists(t: Callable) -> list[HelpList]:
    """Be seen in the next few days, then see a medical doctor today."""
    return _lists(t, LATER_KEYS)


#: The sources of the "get help now" lists (ids in assets/sources.toml): the NHS
#: back-pain and cauda equina pages, NICE CKS (the aorta; infection with nerve
#: signs) and NICE NG234 (cancer with nerve signs). NICE NG59 is not one: it
#: does not list these signs.
NOW_SOURCES: tuple[str, ...] = ("nhs_back_pain", "nhs_ces", "nice_cks_back_pain", "nice_ng234")

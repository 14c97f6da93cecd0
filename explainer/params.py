"""Query parameters the app understands, declared once and validated in one place.

Each parameter has a type, a default and a purpose. Anything not declared here
is ignored; a declared parameter with a bad value falls back to its default
(never an error for the person in front of the kiosk).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

LANGUAGES = ("en", "es")
MODES = ("kiosk", "staff")
NERVE_LEVELS = ("L4", "L5", "S1")
#: Longest value we even look at; anything longer is garbage.
MAX_VALUE_LENGTH = 16


@dataclass(frozen=True)
class QueryParam:
    name: str
    default: object
    purpose: str
    parse: Callable[[str], object]  # returns the typed value or raises ValueError


def _choice(options: tuple[str, ...], fold: Callable[[str], str] = str.lower):
    def parse(raw: str) -> str:
        value = fold(raw.strip())
        if value not in options:
            raise ValueError(f"expected one of {', '.join(options)}")
        return value

    return parse


def _positive_int(raw: str) -> int:
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 3:  # rejects "-1", "2.5", "", "٣"
        raise ValueError("expected a whole number")
    value = int(raw)
    if value < 1:
        raise ValueError("expected 1 or more")
    return value


DECLARED: dict[str, QueryParam] = {
    p.name: p
    for p in (
        QueryParam("lang", None, "Language of every screen: en or es.", _choice(LANGUAGES)),
        QueryParam("mode", None, "kiosk (default, idle reset) or staff (no reset, staff tools).", _choice(MODES)),
        QueryParam("step", None, "Walkthrough step to open on /spasm-or-disc, 1-based.", _positive_int),
        QueryParam("level", None, "Nerve root shown in the walkthrough: L4, L5 or S1.", _choice(NERVE_LEVELS, str.upper)),
    )
}


def parse_query(raw: Mapping[str, object]) -> dict[str, object]:
    """Return only the declared parameters whose values are valid.

    ``raw`` maps a name to a string or to a list of strings (repeated keys:
    the last one wins, as in most web frameworks). Unknown names, empty,
    over-long or invalid values are dropped, so the caller uses its default.
    """
    clean: dict[str, object] = {}
    for name, param in DECLARED.items():
        if name not in raw:
            continue
        value = raw[name]
        if isinstance(value, (list, tuple)):
            if not value:
                continue
            value = value[-1]
        if not isinstance(value, str) or not value or len(value) > MAX_VALUE_LENGTH:
            continue
        try:
            clean[name] = param.parse(value)
        except ValueError:
            continue
    return clean

"""Query parameters the app understands, declared once and validated in one place.

Each parameter has a type, a default and a purpose. Anything not declared here
is ignored; a declared parameter with a bad value falls back to its default
(never an error for the person in front of the kiosk).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Mapping

LANGUAGES = ("en", "es")
MODES = ("kiosk", "staff")
NERVE_LEVELS = ("L4", "L5", "S1")
#: Longest value we even look at; anything longer is garbage.
MAX_VALUE_LENGTH = 16
#: A kiosk's name, shown on the front desk's alert page (/desk).
KIOSK_NAME_MAX = 32


@dataclass(frozen=True)
class QueryParam:
    name: str
    default: object
    purpose: str
    parse: Callable[[str], object]  # returns the typed value or raises ValueError
    max_length: int = MAX_VALUE_LENGTH


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


def kiosk_name(raw: str) -> str:
    """A kiosk's name: letters, digits, spaces and dashes, 1 to 32 characters.

    Letters may be any alphabet's ("Recepción"); digits are 0-9; runs of
    spaces become one. Nothing else is allowed, so a name can never carry
    markup, a link or a control character onto a page. Raises ValueError.
    """
    if not isinstance(raw, str):
        raise ValueError("expected text")
    # NFC first, so "e" + a combining accent counts as the one letter "é".
    name = " ".join(part for part in unicodedata.normalize("NFC", raw).split(" ") if part)
    if not name or len(name) > KIOSK_NAME_MAX:
        raise ValueError(f"expected 1 to {KIOSK_NAME_MAX} characters")
    for char in name:
        if not (char.isalpha() or char in "0123456789 -"):
            raise ValueError(f"only letters, digits, spaces and dashes, got {char!r}")
    if not any(char.isalpha() or char.isdigit() for char in name):
        raise ValueError("needs a letter or a digit")
    return name


DECLARED: dict[str, QueryParam] = {
    p.name: p
    for p in (
        QueryParam("lang", None, "Language of every screen: en or es.", _choice(LANGUAGES)),
        QueryParam("mode", None, "kiosk (default, idle reset) or staff (no reset, staff tools).", _choice(MODES)),
        QueryParam("step", None, "Walkthrough step to open on /spasm-or-disc, 1-based.", _positive_int),
        QueryParam("level", None, "Nerve root shown in the walkthrough: L4, L5 or S1.", _choice(NERVE_LEVELS, str.upper)),
        QueryParam("kiosk", None, "This kiosk's name on the front desk's alerts (letters, digits, spaces, dashes).",
                   kiosk_name, KIOSK_NAME_MAX),
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
        if not isinstance(value, str) or not value or len(value) > param.max_length:
            continue
        try:
            clean[name] = param.parse(value)
        except ValueError:
            continue
    return clean

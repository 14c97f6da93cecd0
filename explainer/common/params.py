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


#: What a kiosk is called on the desk when its ``?kiosk=`` name was refused: a
#: control character, so it can never equal a valid name (the desk shows words instead).
KIOSK_NAME_REFUSED = "\x00refused"
#: Scripts that are written together in one language's names (Japanese, Korean).
_SCRIPT_FAMILIES = {"HIRAGANA": "JAPANESE", "KATAKANA": "JAPANESE", "CJK": "CJK", "HANGUL": "HANGUL"}
_FAMILIES_THAT_MIX = ({"JAPANESE", "CJK"}, {"HANGUL", "CJK"})


def _script(char: str) -> str:
    """A letter's script, from the first word of its Unicode name ("LATIN SMALL
    LETTER A" -> LATIN, "CYRILLIC SMALL LETTER A" -> CYRILLIC). The standard
    library has no Script property; for letters the name's first word is it
    (CJK ideographs all start "CJK"; "HALFWIDTH KATAKANA ..." is read past its
    width word)."""
    words = unicodedata.name(char, "UNKNOWN").split()
    if words[0] in ("HALFWIDTH", "FULLWIDTH") and len(words) > 1:
        words = words[1:]
    return _SCRIPT_FAMILIES.get(words[0], words[0])


def kiosk_name(raw: str) -> str:
    """A kiosk's name: letters of one script, digits, spaces and dashes, 1 to 32 characters.

    The text is NFKC-normalised first (so "e" + a combining accent is the one
    letter "é", and fullwidth or styled letters become plain ones). Letters may
    be any alphabet's ("Recepción", "Приёмная"), but all of one script (Japanese
    and Korean may add CJK ideographs), so a name cannot pass for another with
    a lookalike letter ("Wаiting room 2" with a Cyrillic "а"); the fill
    characters that draw as nothing (U+3164, U+115F, ...) are refused; digits
    are 0-9; runs of spaces become one. Nothing else is allowed, so a name can
    never carry markup, a link or a control character onto a page. Raises ValueError.
    """
    if not isinstance(raw, str):
        raise ValueError("expected text")
    normal = unicodedata.normalize("NFKC", raw)
    name = " ".join(part for part in normal.split(" ") if part)
    if not name or len(name) > KIOSK_NAME_MAX:
        raise ValueError(f"expected 1 to {KIOSK_NAME_MAX} characters")
    scripts = set()
    for char in name:
        if char in "0123456789 -":
            continue
        if not char.isalpha():
            raise ValueError(f"only letters, digits, spaces and dashes, got {char!r}")
        if "FILLER" in unicodedata.name(char, "") or unicodedata.category(char) not in ("Lu", "Ll", "Lt", "Lo", "Lm"):
            raise ValueError(f"a character that shows as nothing is not allowed (U+{ord(char):04X})")
        scripts.add(_script(char))
    if len(scripts) > 1 and not any(scripts <= allowed for allowed in _FAMILIES_THAT_MIX):
        raise ValueError(f"letters of one alphabet only, got {', '.join(sorted(scripts)).lower()}")
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
        QueryParam("kiosk", None, "This kiosk's name on the front desk's alerts (letters of one alphabet, digits, spaces, dashes).",
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

"""Every number a patient reads, and where it comes from (``assets/claims.toml``).

Four kinds of entry:

- ``[[claim]]``: a clinical figure. ``values`` (as numbers), ``keys`` (content-key
  patterns, fnmatch style, where the figure may appear), ``source`` (an id in
  assets/sources.toml) and ``source_says`` (the source's own figure, in its own
  terms). A figure kept in code names it in ``constant`` ("module.NAME"), and a
  test checks the code still holds the registered value.
- ``[[ui]]``: a number that is part of the interface or of the service, not a
  clinical claim: "Step 2 of 6", the emergency number 911, the year in a
  citation's name. ``values``, ``keys`` and ``why``.
- ``[[placeholder]]``: a ``{name}`` in content that code fills in. ``names``,
  ``keys``, and ``origin``: "ui" (a count or a choice on screen), "model"
  (computed by an illustrative model that the screen says is made up or a
  model) or "published" (a registered claim's constant: give ``constant``).
- ``[[statement]]``: a clinical sentence with no number ("most back pain has no
  single cause found"). ``keys``, ``source`` and ``source_says``; every key
  pattern must still match a content key, so a statement cannot outlive its words.

``unregistered`` lists every number and placeholder in the content of every
language that has no entry, so a test fails until someone says where it comes
from.
"""
from __future__ import annotations

import importlib
import re
import string
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from explainer import ASSETS

CLAIMS_FILE = ASSETS / "claims.toml"
ORIGINS = ("ui", "model", "published")

#: A number as written in English or Spanish text: "58", "100.4", "100,4", "11,166", "11.166", "9".
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Entry:
    kind: str  # "claim", "ui", "placeholder" or "statement"
    keys: tuple[str, ...]
    values: tuple[float, ...] = ()
    names: tuple[str, ...] = ()
    source: str = ""
    source_says: str = ""
    constant: str = ""
    origin: str = ""
    why: str = ""

    def covers_key(self, key: str) -> bool:
        return any(fnmatchcase(key, pattern) for pattern in self.keys)


def number_value(text: str) -> float:
    """The value of a number as written: "11,166" and "11.166" are 11166; "100,4" is 100.4."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def numbers_in(text: str) -> list[tuple[str, float]]:
    """Every number written in ``text`` (placeholders such as {ms} are not numbers)."""
    bare = re.sub(r"\{[^{}]*\}", " ", text)
    return [(m.group(0), number_value(m.group(0))) for m in _NUMBER.finditer(bare)]


def placeholders_in(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@lru_cache(maxsize=1)
def load_register() -> tuple[Entry, ...]:
    with CLAIMS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    entries = []
    for kind in ("claim", "ui", "placeholder", "statement"):
        for raw in data.get(kind, ()):
            entries.append(
                Entry(
                    kind=kind,
                    keys=tuple(raw.get("keys", ())),
                    values=tuple(float(v) for v in raw.get("values", ())),
                    names=tuple(raw.get("names", ())),
                    source=raw.get("source", ""),
                    source_says=raw.get("source_says", ""),
                    constant=raw.get("constant", ""),
                    origin=raw.get("origin", ""),
                    why=raw.get("why", ""),
                )
            )
    return tuple(entries)


def constant_value(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def unregistered(strings: dict[str, str | list[str]], register: tuple[Entry, ...]) -> list[str]:
    """Every number or placeholder in ``strings`` that no entry covers, as readable lines."""
    problems = []
    numbered = [e for e in register if e.kind in ("claim", "ui")]
    holders = [e for e in register if e.kind == "placeholder"]
    for key, value in strings.items():
        for text in [value] if isinstance(value, str) else value:
            for written, number in numbers_in(text):
                if not any(number in e.values and e.covers_key(key) for e in numbered):
                    problems.append(f"{key}: the number {written} has no entry in assets/claims.toml")
            for name in sorted(placeholders_in(text)):
                if not any(name in e.names and e.covers_key(key) for e in holders):
                    problems.append(f"{key}: the placeholder {{{name}}} has no entry in assets/claims.toml")
    return problems


def stale_statement_keys(keys: set[str], register: tuple[Entry, ...]) -> list[str]:
    """Key patterns of ``[[statement]]`` entries that match no content key in ``keys``."""
    return [
        f"{pattern} ({entry.source})"
        for entry in register
        if entry.kind == "statement"
        for pattern in entry.keys
        if not any(fnmatchcase(key, pattern) for key in keys)
    ]

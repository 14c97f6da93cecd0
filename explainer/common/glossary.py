"""One term per concept: the glossary of each language (``assets/glossary/<lang>.toml``).

A term names the words to use for a concept and the variants that must not
appear in that language's content (regular expressions, whole words,
case-insensitive). ``violations`` lists every content string that uses a
rejected variant, so a test can fail on it and a translator can fix it.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from explainer import ASSETS

GLOSSARY_DIR = ASSETS / "glossary"


@dataclass(frozen=True)
class Term:
    concept: str
    use: str
    reject: tuple[str, ...]
    why: str

    def rejected_in(self, text: str) -> list[str]:
        """The rejected variants found in ``text``."""
        found = []
        for pattern in self.reject:
            # Whole words: no letter (accented ones included) right before or after.
            if re.search(rf"(?<![\wÁÉÍÓÚáéíóúñÑü])(?:{pattern})(?![\wÁÉÍÓÚáéíóúñÑü])", text, re.IGNORECASE):
                found.append(pattern)
        return found


@lru_cache(maxsize=None)
def load_glossary(lang: str) -> tuple[Term, ...]:
    path = GLOSSARY_DIR / f"{lang}.toml"
    if not path.exists():
        return ()
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(Term(t["concept"], t["use"], tuple(t.get("reject", ())), t.get("why", "")) for t in data.get("term", ()))


def violations(strings: dict[str, str | list[str]], terms: tuple[Term, ...]) -> list[tuple[str, str, str]]:
    """(content key, concept, rejected variant) for every rejected variant used."""
    found = []
    for key, value in strings.items():
        text = " ".join(value) if isinstance(value, list) else value
        for term in terms:
            for pattern in term.rejected_in(text):
                found.append((key, term.concept, pattern))
    return found

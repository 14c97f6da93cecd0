"""The font the take-home handout is printed in, and which characters it can print.

Atkinson Hyperlegible (static/fonts, SIL Open Font License) is embedded in the
PDF so accents and the ¿ ¡ ñ marks print the same on any printer. Its files
here carry the Latin set only: a character outside it (a Japanese clinic name,
a website written in Cyrillic letters) would silently print as nothing. The
clinic config is checked against this set when it is loaded
(``explainer.common.clinic``), so such a field is reported to whoever set up the
kiosk instead of leaving a blank on paper.
"""
from __future__ import annotations

from functools import lru_cache

from explainer import ROOT

FONT_DIR = ROOT / "static" / "fonts"
FAMILY = "Atkinson"
#: fpdf2 style ("" regular, "B" bold) -> font file.
FILES = {
    "": FONT_DIR / "atkinson-hyperlegible-latin-400-normal.ttf",
    "B": FONT_DIR / "atkinson-hyperlegible-latin-700-normal.ttf",
}
#: Never drawn as a glyph, so never missing: line breaks and tabs are layout.
_LAYOUT = frozenset("\n\r\t")


@lru_cache(maxsize=1)
def printable() -> frozenset[str]:
    """Characters that both the regular and the bold file can draw."""
    from fontTools.ttLib import TTFont  # fpdf2's own dependency; loaded once, on first use

    sets = []
    for path in FILES.values():
        with TTFont(str(path), lazy=True) as font:
            sets.append({chr(code) for code in font.getBestCmap()})
    return frozenset(set.intersection(*sets))


def unprintable(text: str) -> list[str]:
    """The distinct characters of ``text`` the handout font cannot draw, in order of appearance."""
    covered = printable()
    missing: list[str] = []
    for char in text:
        if char not in covered and char not in _LAYOUT and char not in missing:
            missing.append(char)
    return missing

"""Small pieces shared by the schematic SVG diagrams (spine, leg map).

Plain shapes and text only (no CSS classes, filters or external references),
so the same SVG renders on screen and inside the fpdf2 handout.
"""
from __future__ import annotations

from html import escape

from explainer.common import palette

# The app's font on screen (served by the app: .streamlit/config.toml). In the
# handout PDF fpdf2 finds the embedded font it registered as "Atkinson"; in a
# PDF without it, fpdf2 maps sans-serif to its built-in Helvetica.
FONT = "Atkinson Hyperlegible, Atkinson, sans-serif"


def text(x: float, y: float, words: str, size: int = 20, weight: str = "normal", anchor: str = "middle",
         fill: str = palette.INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}">{escape(words)}</text>')


def open_svg(width: int, height: int, title: str, desc: str) -> list[str]:
    """The opening of a standalone, accessible SVG: its size, its text alternative
    (role="img" with an aria-label, plus <title> and <desc>) and a white background."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title + ". " + desc)}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{palette.BACKGROUND}"/>',
    ]

"""Read a handout PDF back the way a reader meets it on paper: each page rendered
to an image (pypdfium2), how much of its text area carries ink, and its text
lines from top to bottom (so a test can see what ends a page)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from explainer.handout import text_area

MM = 72 / 25.4  # PDF points (and pixels at scale 1) per millimetre
#: A pixel darker than this (0-255 grey) is ink; the page is white.
INK_BELOW = 200


@dataclass(frozen=True)
class Line:
    top: float  # mm from the top of the page
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    size_pt: tuple[float, float]
    image: np.ndarray  # grey levels, one pixel per point
    rgb: np.ndarray
    lines: tuple[Line, ...]  # in the text area, top to bottom (the footer is left out)
    footer: str

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def fill(page: Page, paper: str) -> float:
    """Share of pixel rows in the page's text area that carry any ink."""
    left, top, right, bottom = text_area(paper)
    area = page.image[round(top * MM):round(bottom * MM), round(left * MM):round(right * MM)]
    return float((area < INK_BELOW).any(axis=1).mean())


def _lines(textpage, height_pt: float, bottom_mm: float) -> tuple[list[Line], str]:
    """Text runs grouped into lines (a run whose middle lies within a line's height
    belongs to it: a bullet sits higher than the descenders of its text), each
    line's runs left to right."""
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            runs.append(((height_pt - top) / MM, (height_pt - bottom) / MM, left, text))
    runs.sort()
    grouped: list[list[tuple[float, float, float, str]]] = []
    for run in runs:
        middle = (run[0] + run[1]) / 2
        if grouped and min(r[0] for r in grouped[-1]) <= middle <= max(r[1] for r in grouped[-1]):
            grouped[-1].append(run)
        else:
            grouped.append([run])
    body, footer = [], []
    for group in grouped:
        text = " ".join(" ".join(r[3] for r in sorted(group, key=lambda r: r[2])).split())
        top = min(r[0] for r in group)
        (footer if top > bottom_mm + 1 else body).append(Line(top, text))
    return body, " ".join(line.text for line in footer)


def read(pdf: bytes, paper: str = "letter") -> list[Page]:
    doc = pdfium.PdfDocument(pdf)
    bottom_mm = text_area(paper)[3]
    pages = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            rgb = np.asarray(page.render(scale=1).to_pil().convert("RGB"))
            grey = rgb.min(axis=2)  # any colour channel that is dark is ink
            body, footer = _lines(page.get_textpage(), height, bottom_mm)
            pages.append(Page(index + 1, (width, height), grey, rgb, tuple(body), footer))
    finally:
        doc.close()
    return pages

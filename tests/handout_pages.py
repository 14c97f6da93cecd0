"""Read a handout PDF back the way a reader meets it on paper: each page rendered
to an image (pypdfium2), how much of its text area carries ink, and its text
lines from top to bottom (so a test can see what ends a page)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from explainer.handout.pdf import text_area

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


@dataclass(frozen=True)
class Words:
    """What a page prints as text: the size of its smallest letters and the box of each run."""

    number: int
    smallest_pt: float  # the size a letter is printed at (its font size times the text's scale)
    smallest_text: str
    boxes: tuple[tuple[float, float, float, float, str], ...]  # left, top, right, bottom (mm), text


def words(pdf: bytes) -> list[Words]:
    """Each page's printed text: letter sizes from pdfium (font size x the character's
    vertical scale, so words in a scaled-down picture count at the size they print),
    and the boxes pdfium groups the text into (one per run of words)."""
    import ctypes

    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            height = page.get_size()[1]
            textpage = page.get_textpage()
            matrix = raw.FS_MATRIX()
            smallest, smallest_text = 1e9, ""
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                raw.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix))
                size = raw.FPDFText_GetFontSize(textpage.raw, i) * abs(matrix.d)
                if size < smallest:
                    smallest, smallest_text = size, textpage.get_text_range(max(0, i - 6), 14)
            boxes = []
            for i in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(i)
                text = textpage.get_text_bounded(left, bottom, right, top).strip()
                if text:
                    boxes.append((left / MM, (height - top) / MM, right / MM, (height - bottom) / MM, text))
            out.append(Words(index + 1, smallest, smallest_text, tuple(boxes)))
    finally:
        doc.close()
    return out


def overlapping(boxes) -> list[str]:
    """Pairs of text boxes that overlap (by more than 0.3 mm across and 0.05 mm down:
    boxes that merely touch are not counted)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a[2], b[2]) - max(a[0], b[0])
            h = min(a[3], b[3]) - max(a[1], b[1])
            if w > 0.3 and h > 0.05:
                found.append(f"{a[4]!r} / {b[4]!r}")
    return found


def free_below(page: Page, paper: str) -> float:
    """mm of the text area left empty below the page's last ink."""
    left, top, right, bottom = text_area(paper)
    area = page.image[round(top * MM):round(bottom * MM), round(left * MM):round(right * MM)]
    rows = np.flatnonzero((area < INK_BELOW).any(axis=1))
    return (bottom - top) - (rows.max() / MM if rows.size else 0)

"""The take-home handout: a PDF built from the same words the screens show.

Pure: it takes the strings of one language, the clinic config, the chosen
sections, the nerve level and the date, and returns PDF bytes (fpdf2). No
Streamlit, no patient data: nothing identifying the patient goes in.

Fonts: Atkinson Hyperlegible (static/fonts, OFL) is embedded so Spanish
accents and the ¿ ¡ ñ marks print correctly on any printer.

What goes in, in this order:
  title, clinic and date; the chosen sections (``SECTIONS``); the emergency
  signs (always: red flags win, NICE NG59 / NHS); the clinic's contact, with a
  QR code to its web page when one is configured; the sources of the chosen
  sections; "not a diagnosis" and page numbers on every page.
"""
from __future__ import annotations

import io
import logging
import re
from datetime import date, datetime, timezone
from typing import Iterable, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from explainer import ROOT
from explainer.clinic import ClinicConfig
from explainer.content import Strings
from explainer.leg_map import leg_map_svg
from explainer.nerve_roots import root
from explainer.qr import website_qr_png
from explainer.sources import load_sources
from explainer.walkthrough import STEP_SOURCES

#: Sections staff can choose, in print order; labels are ``staff.sections.<id>``.
SECTIONS: tuple[str, ...] = ("two_ways", "leg_map", "compare", "outlook", "care")
#: Source ids behind each section (the walkthrough's own list for its steps).
SECTION_SOURCES: dict[str, tuple[str, ...]] = {
    "two_ways": STEP_SOURCES["two_ways"],
    "leg_map": STEP_SOURCES["leg_map"],
    "compare": STEP_SOURCES["compare"],
    "outlook": STEP_SOURCES["outlook"],
    "care": ("qaseem2017", "pengel2003", "costa2012", "nice_ng59", "nhs_ces"),
}
#: The emergency signs are always printed; these are their sources.
EMERGENCY_SOURCES = ("nice_ng59", "nhs_ces")

FONT_DIR = ROOT / "static" / "fonts"
FONT = "Atkinson"
PAGE_FORMAT = "Letter"  # US clinic; A4 also fits the layout
MARGIN_MM = 18
#: Text sizes in points: large enough for older readers on paper.
SIZE_TITLE, SIZE_HEADING, SIZE_BODY, SIZE_SMALL = 22, 16, 13, 10
LINE_MM = 6.2
INK = (31, 31, 31)
MUTED = (89, 89, 89)
ACCENT = (11, 92, 173)  # the app's primary blue, 6.9:1 on white
ALERT = (163, 58, 0)  # palette.DARK_VERMILLION
LEG_MAP_WIDTH_MM = 125
QR_MM = 32

_COMPARE_ROWS = ("where", "leg_pain", "numbness", "eases", "how_long", "comes_back")


def format_date(t: Strings, day: date) -> str:
    month = t.items("staff.handout.months")[day.month - 1]
    return t("staff.handout.date_format", day=day.day, month=month, year=day.year)


def sources_for(sections: Iterable[str]) -> list[str]:
    """Ids of the sources behind ``sections`` plus the emergency signs, in sources.toml order."""
    wanted = set(EMERGENCY_SOURCES)
    for section in sections:
        wanted.update(SECTION_SOURCES[section])
    return [s.id for s in load_sources() if s.id in wanted]


def chosen(sections: Iterable[str]) -> tuple[str, ...]:
    """Known sections, in print order, whatever order they were picked in."""
    picked = set(sections)
    return tuple(s for s in SECTIONS if s in picked)


class _Handout(FPDF):
    def __init__(self, t: Strings):
        super().__init__(format=PAGE_FORMAT, unit="mm")
        self.t = t
        self.add_font(FONT, "", str(FONT_DIR / "atkinson-hyperlegible-latin-400-normal.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "atkinson-hyperlegible-latin-700-normal.ttf"))
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM + 8)
        self.set_lang(t.lang)
        self.set_text_color(*INK)

    def footer(self) -> None:  # fpdf2 calls this on every page
        self.set_y(-MARGIN_MM - 2)
        self.set_font(FONT, "", SIZE_SMALL)
        self.set_text_color(*MUTED)
        page = self.t("staff.handout.page", n=self.page_no(), total="{nb}")
        self.cell(0, 5, f"{self.t('staff.handout.not_diagnosis')}  ·  {page}", align="C")
        self.set_text_color(*INK)

    # Building blocks -----------------------------------------------------
    def heading(self, text: str, size: int = SIZE_HEADING, color=ACCENT) -> None:
        if self.get_y() > self.h - 60:  # never a heading alone at the foot of a page
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.45, _plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1.5)

    def para(self, text: str, bold: bool = False, size: int = SIZE_BODY) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, LINE_MM, _plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def bullets(self, items: Sequence[str]) -> None:
        self.set_font(FONT, "", SIZE_BODY)
        for item in items:
            self.cell(6, LINE_MM, "•")
            self.multi_cell(0, LINE_MM, _plain(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8)
        self.ln(1)

    def labelled(self, label: str, text: str) -> None:
        self.set_font(FONT, "B", SIZE_BODY)
        self.write(LINE_MM, f"{_plain(label)}: ")
        self.set_font(FONT, "", SIZE_BODY)
        self.write(LINE_MM, _plain(text))
        self.ln(LINE_MM + 1.5)


def _plain(text: str) -> str:
    """Screen markdown (bold marks) is not printed literally."""
    return re.sub(r"\*\*|__", "", text)


# Sections ----------------------------------------------------------------
def _two_ways(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.two_ways"
    pdf.heading(t(f"{k}.heading"))
    pdf.para(t(f"{k}.intro"))
    pdf.para(t(f"{k}.strain_title"), bold=True)
    pdf.bullets(t.items(f"{k}.strain_text"))
    pdf.para(t(f"{k}.disc_title"), bold=True)
    pdf.bullets(t.items(f"{k}.disc_text"))


def _leg_map(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.leg_map"
    nerve = root(level)
    pdf.heading(t(f"{k}.heading") + f" ({nerve.level})")
    pdf.para(t(f"{k}.intro"))
    pdf.para(t("spasm_or_disc.level.explain"))
    svg = leg_map_svg(nerve.level, t).encode("utf-8")
    # Shrink the drawing to the space left on the page (down to 90 mm) rather than leave a gap.
    room = pdf.h - MARGIN_MM - 12 - pdf.get_y()
    width = min(LEG_MAP_WIDTH_MM, room * 720 / 690)
    if width < 90:
        pdf.add_page()
        width = LEG_MAP_WIDTH_MM
    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # <title>/<desc> are for screens
    pdf.image(io.BytesIO(svg), x=(pdf.w - width) / 2, w=width,
              alt_text=t("spasm_or_disc.leg_map.title", level=nerve.level))
    pdf.ln(2)
    pdf.labelled(t(f"{k}.areas_label"), t(nerve.areas_key))
    pdf.labelled(t(f"{k}.weakness_label"), t(nerve.weakness_key))
    pdf.labelled(t(f"{k}.reflex_label"), t(nerve.reflex_key))
    pdf.para(t(f"{k}.reflex_explain"), size=SIZE_SMALL + 1)


def _compare(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.compare"
    pdf.heading(t(f"{k}.heading"))
    pdf.para(t(f"{k}.intro"))
    pdf.set_font(FONT, "", SIZE_BODY - 1)
    with pdf.table(col_widths=(26, 37, 37), line_height=5.6, padding=1.6,
                   headings_style=_heading_style(), first_row_as_headings=True,
                   text_align="LEFT") as table:
        head = table.row()
        for text in ("", t(f"{k}.ordinary_title"), t(f"{k}.disc_title")):
            head.cell(_plain(text))
        for row_key in _COMPARE_ROWS:
            row = table.row()
            row.cell(_plain(t(f"{k}.rows.{row_key}")))
            row.cell(_plain(t(f"{k}.ordinary.{row_key}")))
            row.cell(_plain(t(f"{k}.disc.{row_key}")))
    pdf.ln(2)


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", color=INK, fill_color=(241, 244, 248))


def _outlook(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.outlook"
    pdf.heading(t(f"{k}.heading"))
    pdf.para(t(f"{k}.intro"))
    pdf.bullets([t(f"{k}.month"), t(f"{k}.comes_back"), t(f"{k}.sciatica"), t(f"{k}.shrink")])


def _care(pdf: _Handout, t: Strings, level: str) -> None:
    pdf.heading(t("care.title"))
    pdf.para(t("care.helps_heading"), bold=True)
    pdf.bullets(t.items("care.helps"))
    pdf.para(t("care.avoid_heading"), bold=True)
    pdf.bullets(t.items("care.avoid"))
    pdf.para(t("care.days_heading"), bold=True)
    pdf.para(t("care.days_intro"))
    for span in ("d1_3", "d4_7", "d8_14"):
        pdf.labelled(t(f"care.days.{span}_title"), t(f"care.days.{span}"))
    pdf.para(t("care.come_back_heading"), bold=True)
    pdf.bullets(t.items("care.come_back"))


_DRAW = {"two_ways": _two_ways, "leg_map": _leg_map, "compare": _compare, "outlook": _outlook, "care": _care}
assert tuple(_DRAW) == SECTIONS


def _emergency(pdf: _Handout, t: Strings) -> None:
    pdf.heading(t("care.call_now_heading"), color=ALERT)
    pdf.bullets(t.items("care.call_now"))


def _contact(pdf: _Handout, t: Strings, clinic: ClinicConfig) -> None:
    pdf.heading(t("staff.handout.contact_heading"))
    qr = website_qr_png(clinic.website)
    top = pdf.get_y()
    if qr and top + QR_MM > pdf.h - MARGIN_MM - 10:
        pdf.add_page()
        top = pdf.get_y()
    lines = [clinic.name]
    if clinic.location:
        lines.append(clinic.location)
    if clinic.phone:
        lines.append(t("staff.handout.phone", phone=clinic.phone))
    if clinic.address:
        lines.append(t("staff.handout.address", address=clinic.address))
    if clinic.website:
        lines.append(t("staff.handout.website", website=clinic.website))
    width = pdf.epw - (QR_MM + 6 if qr else 0)
    for index, line in enumerate(lines):
        pdf.set_font(FONT, "B" if index == 0 else "", SIZE_BODY)
        pdf.multi_cell(width, LINE_MM, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if qr:
        x = pdf.w - MARGIN_MM - QR_MM
        pdf.image(io.BytesIO(qr), x=x, y=top, w=QR_MM, h=QR_MM, alt_text=t("staff.qr_alt", website=clinic.website))
        pdf.set_xy(x - 4, top + QR_MM)
        pdf.set_font(FONT, "", SIZE_SMALL)
        pdf.multi_cell(QR_MM + 8, 4.2, t("staff.handout.scan"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), top + QR_MM + 10))
    pdf.ln(2)


def _sources(pdf: _Handout, t: Strings, ids: list[str]) -> None:
    pdf.heading(t("staff.handout.sources_heading"), size=SIZE_BODY + 1)
    citations = {s.id: s.citation for s in load_sources()}
    pdf.set_font(FONT, "", SIZE_SMALL)
    for number, source_id in enumerate(ids, start=1):
        pdf.multi_cell(0, 4.6, f"{number}. {citations[source_id]}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.6)


def build_handout(t: Strings, clinic: ClinicConfig, sections: Iterable[str], level: str, day: date) -> bytes:
    """The handout as PDF bytes, in ``t``'s language."""
    sections = chosen(sections)
    nerve = root(level)
    pdf = _Handout(t)
    title = t("staff.handout.title")
    pdf.set_title(title)
    pdf.set_author(clinic.name)
    # No clock time in the file: the same choices on the same day give the same bytes.
    pdf.set_creation_date(datetime(day.year, day.month, day.day, tzinfo=timezone.utc))
    pdf.add_page()

    pdf.set_font(FONT, "B", SIZE_TITLE)
    pdf.multi_cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", SIZE_BODY)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, LINE_MM, t("staff.handout.prepared", clinic=clinic.name, date=format_date(t, day)),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if "leg_map" in sections:
        pdf.multi_cell(0, LINE_MM, t("staff.handout.level_note", level=nerve.level), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_MM, pdf.get_y() + 2, pdf.w - MARGIN_MM, pdf.get_y() + 2)
    pdf.ln(4)

    for section in sections:
        _DRAW[section](pdf, t, nerve.level)
    _emergency(pdf, t)
    _contact(pdf, t, clinic)
    _sources(pdf, t, sources_for(sections))
    return bytes(pdf.output())

"""The take-home handout: a PDF built from the same words the screens show.

Pure: it takes the strings of one language, the clinic config, the chosen
sections, the nerve level and the date, and returns PDF bytes (fpdf2). No
Streamlit, no patient data: nothing identifying the patient goes in.

What goes in, in this order:
  page 1: the clinic and the date, the title, the nerve root shown (when the
  leg map is chosen), then a boxed "Call 911 now" list (``emergency.*``, the
  app's one list of emergency signs; always printed, first: red flags win,
  NICE NG59 / NHS);
  then the chosen sections (``SECTIONS``), the leg map beside the spine
  picture of the chosen level; the clinic's contact block only when it has
  configured a phone, an address or a website (with a QR code to the web
  page); the sources; "not a diagnosis" and "Page n of N" on every page.

Paper: Letter (US clinics) or A4, from clinic.toml ``[handout] paper``.

Layout rules (tests/unit/test_handout.py renders every page to check them):
  - a heading never ends a page: it moves to the next page with at least the
    first lines of its section (``_Handout.heading``);
  - only small blocks are kept whole (a bullet, a table row, the pictures), and
    the pictures shrink to the room left on a page before they move on, so no
    page but the last is left mostly empty;
  - the text the font cannot print never reaches here (clinic fields are
    checked at load, ``explainer.clinic``); the page count in the footer stands
    in as a character no text can hold (``PAGE_TOTAL_ALIAS``), so a literal
    "{nb}" in any text prints as written.
"""
from __future__ import annotations

import io
import logging
import re
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from explainer.clinic import ClinicConfig
from explainer.content import Strings
from explainer.handout_font import FAMILY as FONT, FILES as FONT_FILES
from explainer.leg_map import leg_map_svg
from explainer.nerve_roots import as_sentence, root
from explainer.help_lists import NOW_SOURCES, later_lists, now_lists
from explainer.qr import website_qr_png
from explainer.sources import load_sources
from explainer.spine_diagram import spine_svg
from explainer.walkthrough import STEP_SOURCES

#: Sections staff can choose, in print order; labels are ``staff.sections.<id>``.
SECTIONS: tuple[str, ...] = ("two_ways", "leg_map", "compare", "outlook", "care")
#: Source ids behind each section (the walkthrough's own list for its steps).
SECTION_SOURCES: dict[str, tuple[str, ...]] = {
    "two_ways": STEP_SOURCES["two_ways"],
    "leg_map": tuple(dict.fromkeys(STEP_SOURCES["spine"] + STEP_SOURCES["leg_map"])),
    "compare": STEP_SOURCES["compare"],
    "outlook": STEP_SOURCES["outlook"],
    "care": ("qaseem2017", "nhs_ibuprofen", "medlineplus_cyclobenzaprine", "ags_beers2023", "kornhaber2020",
             "fda_cpsc_heating_pads",
             "pengel2003", "costa2012", "nice_ng59", "nhs_ces"),
}
#: The "get help now" lists are always printed; these are their sources.
EMERGENCY_SOURCES = NOW_SOURCES

#: Stands in the footer for the page count until the document is closed. A private-use
#: character: the handout font has no glyph for it, so no printed text can contain it
#: (clinic fields are checked at load, content strings by a test), and fpdf2's own
#: "{nb}" alias, which would replace a literal "{nb}" in any text, is not used.
PAGE_TOTAL_ALIAS = "\ue000\ue000"
#: clinic.toml ``[handout] paper`` -> fpdf2 page format.
PAGE_FORMATS = {"letter": "Letter", "a4": "A4"}

# Geometry, in mm. The text area runs from the top margin to the bottom break line;
# the footer sits below it, in the bottom margin.
MARGIN_MM = 18
BOTTOM_MM = MARGIN_MM + 8
#: Text sizes in points: large enough for older readers on paper.
SIZE_TITLE, SIZE_HEADING, SIZE_SUBHEADING, SIZE_BODY, SIZE_SMALL = 21, 16, 13.5, 13, 10
LINE_MM = 6.2
LINE_TIGHT_MM = 5.7
SMALL_LINE_MM = 4.6
INK = (31, 31, 31)
MUTED = (89, 89, 89)
ACCENT = (11, 92, 173)  # the app's primary blue, 6.9:1 on white
ALERT = (163, 58, 0)  # palette.DARK_VERMILLION
ALERT_TINT = (255, 246, 240)
TABLE_HEAD_FILL = (241, 244, 248)
#: A heading moves to the next page unless this many lines of its section fit under it.
KEEP_LINES = 2
#: The spine and leg pictures: at most this tall; on a nearly full page they shrink
#: to the room left, down to this share of that height, before moving to the next page.
FIGURE_MAX_MM = 80
#: The tighter layout (``_render(tight=True)``), used only when it saves a page that would
#: otherwise carry a few lines: smaller pictures and less space between paragraphs.
FIGURE_MAX_TIGHT_MM = 60
#: A last page holding less than this share of a text area is worth trying to save.
LAST_PAGE_SAVE_SHARE = 0.3
FIGURE_MIN_SHARE = 0.72
#: The smallest words printed in the spine and leg pictures, in points.
MIN_LABEL_PT = 7.0
PT_MM = 25.4 / 72
FIGURE_GAP_MM = 6
QR_MM = 30
#: Citations are for the care team more than the patient: smaller, but still 9 pt.
SIZE_SOURCES, SOURCES_LINE_MM = 9, 4.1

_COMPARE_ROWS = ("where", "leg_pain", "numbness", "eases", "how_long", "comes_back")

# fpdf2 logs every <title>/<desc> of an SVG it skips; those are for screens.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


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


def has_contact(clinic: ClinicConfig) -> bool:
    """The contact block is printed only with something to contact (name and city are on page 1)."""
    return bool(clinic.phone or clinic.address or clinic.website)


def text_area(paper: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a page's text area in mm, for ``paper``."""
    pdf = FPDF(format=PAGE_FORMATS[paper], unit="mm")
    return MARGIN_MM, MARGIN_MM, pdf.w - MARGIN_MM, pdf.h - BOTTOM_MM


def _plain(text: str) -> str:
    """Screen markdown (bold marks) is not printed literally."""
    return re.sub(r"\*\*|__", "", text)


def _svg_aspect(svg: str) -> float:
    """Width / height of a standalone SVG (from its viewBox, else width and height)."""
    opening = svg[: svg.index(">", svg.index("<svg"))]
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', opening)
    if box is None:
        box = re.search(r'width="([\d.]+)[a-z]*".*?height="([\d.]+)', opening)
    width, height = (float(v) for v in box.groups())
    return width / height


class _Handout(FPDF):
    def __init__(self, t: Strings, paper: str, tight: bool = False):
        super().__init__(format=PAGE_FORMATS[paper], unit="mm")
        self.figure_max = FIGURE_MAX_TIGHT_MM if tight else FIGURE_MAX_MM
        self.space = 0.4 if tight else 1.0  # mm after a paragraph; other gaps scale with it
        self.lh = LINE_TIGHT_MM if tight else LINE_MM  # body line height
        # Not fpdf2's "{nb}": a literal "{nb}" (in a clinic name, say) must print as written.
        self.alias_nb_pages(PAGE_TOTAL_ALIAS)
        self.t = t
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=BOTTOM_MM)
        self.set_lang(t.lang)
        self.set_text_color(*INK)

    def footer(self) -> None:  # fpdf2 calls this on every page
        self.set_y(-MARGIN_MM - 2)
        self.set_font(FONT, "", SIZE_SMALL)
        self.set_text_color(*MUTED)
        page = self.t("staff.handout.page", n=self.page_no(), total=PAGE_TOTAL_ALIAS)
        self.cell(0, 5, f"{self.t('staff.handout.not_diagnosis')}  ·  {page}", align="C")
        self.set_text_color(*INK)

    def multi_cell(self, *args, align="L", **kwargs):
        """Ragged right by default (fpdf2 justifies): justified lines open uneven gaps
        between words, which slow down weaker readers."""
        return super().multi_cell(*args, align=align, **kwargs)

    # Measuring ---------------------------------------------------------
    def height_of(self, text: str, style: str, size: float, line: float, width: float = 0) -> float:
        self.set_font(FONT, style, size)
        return self.multi_cell(width, line, _plain(text), dry_run=True, output="HEIGHT")

    def room(self) -> float:
        """Height left in the text area of this page."""
        return self.page_break_trigger - self.get_y()

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits on this one."""
        if height > self.room():
            self.add_page()

    # Building blocks -----------------------------------------------------
    def heading(self, text: str, size: float = SIZE_HEADING, color=ACCENT, keep: float | None = None,
                then: str | None = None) -> None:
        """A heading, kept on the same page as the first ``keep`` mm of what follows it
        (by default, ``KEEP_LINES`` lines of body text), or as the subheading ``then``
        that follows it with that subheading's first lines."""
        keep = KEEP_LINES * self.lh if keep is None else keep
        if then is not None:
            keep = self._heading_height(then, SIZE_SUBHEADING, with_space=True) + keep
        space_above = self._space_above(size) if self.get_y() > self.t_margin else 0
        self.keep(space_above + self._heading_height(text, size, with_space=False) + keep)
        if self.get_y() > self.t_margin:
            self.ln(space_above)
        self.set_font(FONT, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.45, _plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1.5)

    def _space_above(self, size: float) -> float:
        return (3 if size >= SIZE_HEADING else 1.5) * self.space

    def _heading_height(self, text: str, size: float, with_space: bool) -> float:
        above = self._space_above(size) if with_space else 0
        return above + self.height_of(text, "B", size, size * 0.45) + 1.5

    def subheading(self, text: str) -> None:
        self.heading(text, size=SIZE_SUBHEADING, color=INK)

    def para(self, text: str, bold: bool = False, size: float = SIZE_BODY, line: float | None = None, color=INK) -> None:
        line = self.lh if line is None else line
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, line, _plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(self.space)

    def bullets(self, items: Sequence[str], indent: float = 6) -> None:
        for item in items:
            # A bullet of up to 3 lines is never split across two pages.
            height = self.height_of(item, "", SIZE_BODY, self.lh, self.epw - indent)
            if height <= 3 * self.lh:
                self.keep(height)
            self.set_font(FONT, "", SIZE_BODY)
            self.cell(indent, self.lh, "•")
            self.multi_cell(0, self.lh, _plain(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8 * self.space)
        self.ln(self.space)

    def labelled(self, label: str, text: str) -> None:
        self.keep(2 * self.lh)
        self.set_font(FONT, "B", SIZE_BODY)
        self.write(self.lh, f"{_plain(label)}: ")
        self.set_font(FONT, "", SIZE_BODY)
        self.write(self.lh, _plain(text))
        self.ln(self.lh + 1.5)


# Page 1 ------------------------------------------------------------------
def _letterhead(pdf: _Handout, t: Strings, clinic: ClinicConfig, day: date, level: str | None) -> None:
    top = pdf.get_y()
    date_text = t("staff.handout.date_line", date=format_date(t, day))
    pdf.set_font(FONT, "", SIZE_BODY)
    date_width = pdf.get_string_width(date_text) + 2
    # The clinic on the left, the date on the right.
    pdf.set_font(FONT, "B", SIZE_BODY + 2)
    pdf.multi_cell(pdf.epw - date_width - 6, 7, clinic.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if clinic.location:
        pdf.set_font(FONT, "", SIZE_BODY)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(pdf.epw - date_width - 6, pdf.lh, clinic.location, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    bottom = pdf.get_y()
    pdf.set_xy(pdf.w - MARGIN_MM - date_width, top + 0.6)
    pdf.set_font(FONT, "", SIZE_BODY)
    pdf.set_text_color(*MUTED)
    pdf.cell(date_width, 6, date_text, align="R")
    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN_MM, bottom + 1)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_MM, pdf.get_y(), pdf.w - MARGIN_MM, pdf.get_y())
    _plain_pen(pdf)
    pdf.ln(3)
    pdf.set_font(FONT, "B", SIZE_TITLE)
    pdf.multi_cell(0, 9.5, t("staff.handout.title"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if level:
        pdf.set_font(FONT, "", SIZE_BODY)
        pdf.multi_cell(0, pdf.lh, t("staff.handout.level_note", level=level), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _emergency_box(pdf: _Handout, t: Strings) -> None:
    """The "get help now" lists (call 911; the emergency room), boxed, in the app's one
    set of lists (``explainer.help_lists``, ``emergency.*``)."""
    pad, indent, border = 4, 6, 0.9
    blocks = now_lists(t)
    inner = pdf.epw - 2 * pad
    height = pad - 0.6 + pad
    for block in blocks:
        height += pdf.height_of(block.heading, "B", SIZE_SUBHEADING + 1, 7, inner) + 1.5
        height += sum(pdf.height_of(item, "", SIZE_BODY, pdf.lh, inner - indent) + 0.6 for item in block.items)
        if block.note:
            height += pdf.height_of(block.note, "B", SIZE_BODY, pdf.lh, inner) + 0.6
    height += 2.5 * (len(blocks) - 1)
    top = pdf.get_y()
    pdf.set_draw_color(*ALERT)
    pdf.set_fill_color(*ALERT_TINT)
    pdf.set_line_width(border)
    pdf.rect(MARGIN_MM, top, pdf.epw, height, style="DF")
    pdf.set_xy(MARGIN_MM + pad, top + pad)
    for n, block in enumerate(blocks):
        if n:
            pdf.ln(2.5)
        pdf.set_x(MARGIN_MM + pad)
        pdf.set_font(FONT, "B", SIZE_SUBHEADING + 1)
        pdf.set_text_color(*ALERT)
        pdf.multi_cell(inner, 7, block.heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.ln(1.5)
        for sign in block.items:
            pdf.set_x(MARGIN_MM + pad)
            pdf.set_font(FONT, "B", SIZE_BODY)
            pdf.cell(indent, pdf.lh, "•")
            pdf.set_font(FONT, "", SIZE_BODY)
            pdf.multi_cell(inner - indent, pdf.lh, _plain(sign), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.6)
        if block.note:
            pdf.set_x(MARGIN_MM + pad)
            pdf.set_font(FONT, "B", SIZE_BODY)
            pdf.multi_cell(inner, pdf.lh, _plain(block.note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.6)
    pdf.set_y(top + height + 2)
    _plain_pen(pdf)


def _plain_pen(pdf: _Handout) -> None:
    """Thin grey lines and no fill: what tables and rules after a coloured box draw with."""
    pdf.set_draw_color(*MUTED)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.3)


# Sections ----------------------------------------------------------------
def _two_ways(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.two_ways"
    pdf.heading(t(f"{k}.heading"))
    pdf.para(t(f"{k}.intro"))
    for kind in ("strain", "disc"):
        pdf.subheading(t(f"{k}.{kind}_title"))
        pdf.bullets(t.items(f"{k}.{kind}_text"))


def _svg_smallest_text(svg: str) -> float:
    """The smallest font size in a standalone SVG, in its own units."""
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


def print_width_mm(svg: str) -> float:
    """The width at which the SVG's smallest words print at ``MIN_LABEL_PT`` (a little over)."""
    opening = svg[: svg.index(">", svg.index("<svg"))]
    units = float(re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)', opening).group(1))
    return MIN_LABEL_PT * PT_MM / _svg_smallest_text(svg) * units * 1.01


def _pictures(pdf: _Handout, t: Strings, level: str) -> None:
    """The spine (a disc pressing on ``level``'s root), then the leg map of that root, one
    under the other, each with its title underneath. Each is printed at
    the width at which its smallest words are ``MIN_LABEL_PT`` (side by side they were 5-6 pt);
    a picture that does not fit in the room left on a page starts the next page."""
    pictures = [
        (spine_svg(level, t), t("spasm_or_disc.spine.title", level=level)),
        (leg_map_svg(level, t), t("spasm_or_disc.leg_map.title", level=level)),
    ]
    for svg, title in pictures:
        width = min(pdf.epw, print_width_mm(svg))
        x = MARGIN_MM + (pdf.epw - width) / 2
        height = width / _svg_aspect(svg)
        caption = pdf.height_of(title, "B", SIZE_SMALL, SMALL_LINE_MM, width) + 3
        if height + caption + 1 > pdf.room():
            pdf.add_page()
        top = pdf.get_y() + 1
        pdf.image(io.BytesIO(svg.encode("utf-8")), x=x, y=top, w=width, h=height, alt_text=title)
        pdf.set_xy(x, top + height + 1)
        pdf.set_font(FONT, "B", SIZE_SMALL)
        pdf.multi_cell(width, SMALL_LINE_MM, title, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(MARGIN_MM, pdf.get_y() + 2)


def _leg_map(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.leg_map"
    nerve = root(level)
    pdf.heading(t(f"{k}.heading") + f" ({nerve.level})")
    pdf.para(t(f"{k}.intro"))
    pdf.para(t("spasm_or_disc.level.explain"))
    _pictures(pdf, t, nerve.level)
    pdf.labelled(t(f"{k}.areas_label"), as_sentence(t(nerve.areas_key)))
    pdf.labelled(t(f"{k}.weakness_label"), t(nerve.weakness_key))
    pdf.labelled(t(f"{k}.reflex_label"), t(nerve.reflex_key))
    pdf.para(t(f"{k}.reflex_explain"), size=SIZE_SMALL + 1, line=5.4, color=MUTED)


def _compare(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.compare"
    pdf.heading(t(f"{k}.heading"), keep=pdf.lh + 22)  # the intro and the table's first rows
    pdf.para(t(f"{k}.intro"))
    pdf.set_font(FONT, "", SIZE_BODY - 1)
    # Rows never split; the header row repeats on a new page.
    with pdf.table(col_widths=(26, 37, 37), line_height=5.6, padding=1.6,
                   headings_style=FontFace(family=FONT, emphasis="BOLD", color=INK, fill_color=TABLE_HEAD_FILL),
                   first_row_as_headings=True, text_align="LEFT") as table:
        head = table.row()
        for text in ("", t(f"{k}.ordinary_title"), t(f"{k}.disc_title")):
            head.cell(_plain(text))
        for row_key in _COMPARE_ROWS:
            row = table.row()
            row.cell(_plain(t(f"{k}.rows.{row_key}")))
            row.cell(_plain(t(f"{k}.ordinary.{row_key}")))
            row.cell(_plain(t(f"{k}.disc.{row_key}")))
    pdf.ln(2)


def _outlook(pdf: _Handout, t: Strings, level: str) -> None:
    k = "spasm_or_disc.steps.outlook"
    pdf.heading(t(f"{k}.heading"))
    pdf.para(t(f"{k}.intro"))
    pdf.bullets([t(f"{k}.month"), t(f"{k}.comes_back"), t(f"{k}.sciatica"), t(f"{k}.shrink")])


def _care(pdf: _Handout, t: Strings, level: str) -> None:
    pdf.heading(t("care.title"), then=t("care.helps_heading"))
    pdf.subheading(t("care.helps_heading"))
    pdf.bullets(t.items("care.helps"))
    pdf.subheading(t("care.heat_heading"))
    pdf.bullets(t.items("care.heat"))
    pdf.subheading(t("care.avoid_heading"))
    pdf.bullets(t.items("care.avoid"))
    # Not care.days_heading: it reads "What to expect", the outlook section's own heading.
    pdf.subheading(t("staff.handout.days_heading"))
    pdf.para(t("care.days_intro"))
    for span in ("d1_3", "d4_7", "d8_14"):
        pdf.labelled(t(f"care.days.{span}_title"), t(f"care.days.{span}"))
    pdf.subheading(t("care.come_back_heading"))
    for block in later_lists(t):  # the "get help now" lists are boxed on page 1
        pdf.para(block.heading)
        pdf.bullets(block.items)


_DRAW: dict[str, Callable[[_Handout, Strings, str], None]] = {
    "two_ways": _two_ways, "leg_map": _leg_map, "compare": _compare, "outlook": _outlook, "care": _care,
}
assert tuple(_DRAW) == SECTIONS


# The end ------------------------------------------------------------------
def _contact(pdf: _Handout, t: Strings, clinic: ClinicConfig) -> None:
    """Only the details the clinic configured; nothing at all without any."""
    if not has_contact(clinic):
        return
    lines = [(clinic.name, "B")]
    if clinic.location:
        lines.append((clinic.location, ""))
    if clinic.phone:
        lines.append((t("staff.handout.phone", phone=clinic.phone), ""))
    if clinic.address:
        lines.append((t("staff.handout.address", address=clinic.address), ""))
    if clinic.website:
        lines.append((t("staff.handout.website", website=clinic.website), ""))
    qr = website_qr_png(clinic.website)
    width = pdf.epw - (QR_MM + 10 if qr else 0)
    block = sum(pdf.height_of(text, style, SIZE_BODY, pdf.lh, width) for text, style in lines)
    pdf.heading(t("staff.handout.contact_heading"), keep=max(block, QR_MM + 10 if qr else 0))
    top = pdf.get_y()
    for text, style in lines:
        pdf.set_font(FONT, style, SIZE_BODY)
        pdf.multi_cell(width, pdf.lh, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if qr:
        x = pdf.w - MARGIN_MM - QR_MM
        pdf.image(io.BytesIO(qr), x=x, y=top, w=QR_MM, h=QR_MM, alt_text=t("staff.qr_alt", website=clinic.website))
        pdf.set_xy(x - 6, top + QR_MM)
        pdf.set_font(FONT, "", SIZE_SMALL)
        pdf.multi_cell(QR_MM + 12, 4.2, t("staff.handout.scan"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), top + block))
    pdf.ln(2)


def _sources(pdf: _Handout, t: Strings, ids: list[str]) -> None:
    citations = {s.id: s.citation for s in load_sources()}
    entries = [f"{number}. {citations[source_id]}" for number, source_id in enumerate(ids, start=1)]
    first = pdf.height_of(entries[0], "", SIZE_SOURCES, SOURCES_LINE_MM)
    pdf.heading(t("staff.handout.sources_heading"), size=SIZE_BODY + 1, color=INK, keep=first)
    pdf.set_font(FONT, "", SIZE_SOURCES)
    for entry in entries:
        pdf.multi_cell(0, SOURCES_LINE_MM, entry, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.5)


def _render(t: Strings, clinic: ClinicConfig, sections: tuple[str, ...], level: str, day: date,
            tight: bool) -> _Handout:
    pdf = _Handout(t, clinic.paper, tight)
    pdf.set_title(t("staff.handout.title"))
    pdf.set_author(clinic.name)
    # No clock time in the file: the same choices on the same day give the same bytes.
    pdf.set_creation_date(datetime(day.year, day.month, day.day, tzinfo=timezone.utc))
    pdf.add_page()
    _letterhead(pdf, t, clinic, day, level if "leg_map" in sections else None)
    _emergency_box(pdf, t)
    for section in sections:
        _DRAW[section](pdf, t, level)
    _contact(pdf, t, clinic)
    _sources(pdf, t, sources_for(sections))
    return pdf


def _last_page_share(pdf: _Handout) -> float:
    return (pdf.get_y() - pdf.t_margin) / (pdf.page_break_trigger - pdf.t_margin)


def build_handout(t: Strings, clinic: ClinicConfig, sections: Iterable[str], level: str, day: date) -> bytes:
    """The handout as PDF bytes, in ``t``'s language, on the clinic's paper size."""
    sections = chosen(sections)
    level = root(level).level
    pdf = _render(t, clinic, sections, level, day, tight=False)
    # A last page holding a few lines: the tighter layout is used if it saves that page.
    if pdf.pages_count > 1 and _last_page_share(pdf) < LAST_PAGE_SAVE_SHARE:
        tight = _render(t, clinic, sections, level, day, tight=True)
        if tight.pages_count < pdf.pages_count:
            pdf = tight
    return bytes(pdf.output())

"""The take-home handout PDF, read back as a patient meets it on paper.

Content: chosen sections, the spine and leg map of the chosen level, the care
plan with heat safety, emergency signs, clinic contact, date and sources, in
English and Spanish with accents intact (text extracted with pypdf).

Layout (every page rendered to an image with pypdfium2, tests/handout_pages.py):
page 1 opens with the clinic, the date and the boxed emergency signs; no page
but the last is less than 35% filled; no heading ends a page; the contact
block appears only with details to show. Page images of the full handouts are
written to tests/screenshots/ for a person to look at.
"""
from __future__ import annotations

import dataclasses
import io
from datetime import date

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from explainer import ROOT
from explainer.common.clinic import ConfigError, load_clinic
from explainer.common.content import Content, load_language
from explainer.common.sources import load_sources
from explainer.handout.pdf import ALERT, SECTIONS, build_handout, format_date, sources_for, text_area
from tests.handout_pages import MM, fill, free_below, overlapping, read, words

CONTENT = Content.load()
DAY = date(2026, 11, 26)
BASE = load_clinic(env={})  # the default clinic: name and city only, no contact details
CLINIC = dataclasses.replace(BASE, phone="(904) 555-0100", website="https://example.org/back")
LEVELS = ("L4", "L5", "S1")
FEW = ("leg_map", "care")
#: The rule for every page but the last: at least this share of its text area's pixel rows carry ink.
MIN_FILL = 0.35
#: The smallest printed words, in points (the pictures' labels included).
MIN_PRINTED_PT = 7.0
SCREENSHOTS = ROOT / "tests" / "screenshots"


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Normalise line breaks and spacing: we look for words and phrases, not layout.
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def _has(text: str, phrase: str) -> bool:
    return _norm(phrase) in text


def headings(t, level: str) -> list[str]:
    """Every heading and subheading the handout can print."""
    k = "spasm_or_disc.steps"
    texts = [t(f"{k}.{step}.heading") for step in ("two_ways", "compare", "outlook")]
    texts += [t(f"{k}.leg_map.heading") + f" ({level})", t(f"{k}.two_ways.strain_title"), t(f"{k}.two_ways.disc_title")]
    texts += [t(key) for key in ("care.title", "care.helps_heading", "care.heat_heading", "care.avoid_heading",
                                 "staff.handout.days_heading", "care.come_back_heading", "staff.handout.contact_heading",
                                 "staff.handout.sources_heading", "emergency.heading")]
    return [_norm(text) for text in texts]


def is_heading(line: str, texts: list[str]) -> bool:
    """The line is a heading, or the last line of one that wrapped."""
    return any(line == text or (len(line) > 4 and text.endswith(line)) for text in texts)


@pytest.fixture(scope="module", params=["en", "es"])
def full(request):
    lang = request.param
    t = CONTENT.for_language(lang)
    pdf = build_handout(t, CLINIC, SECTIONS, "S1", DAY)
    return lang, t, pdf, _text(pdf)


# Layout, read from the rendered pages -------------------------------------------------
LAYOUTS = [(lang, level, sections, contact)
           for lang in ("en", "es") for level in LEVELS for sections in (SECTIONS, FEW) for contact in (True, False)]


@pytest.mark.parametrize("lang, level, sections, contact", LAYOUTS,
                         ids=[f"{l}-{v}-{'all' if s == SECTIONS else 'few'}-{'contact' if c else 'no_contact'}"
                              for l, v, s, c in LAYOUTS])
def test_pages_read_well_on_paper(lang, level, sections, contact):
    t = CONTENT.for_language(lang)
    clinic = CLINIC if contact else BASE
    pdf = build_handout(t, clinic, sections, level, DAY)
    pages = read(pdf)
    first = pages[0]

    # Every word, the pictures' labels included, prints at 7 pt or more, and no text box
    # overlaps another (a label over a label).
    for page in words(pdf):
        assert page.smallest_pt >= MIN_PRINTED_PT - 0.01, (page.number, round(page.smallest_pt, 2), page.smallest_text)
        assert overlapping(page.boxes) == [], (page.number, overlapping(page.boxes))
    # A picture starts a new page only when it did not fit on the one before: the room left
    # there is smaller than the picture and its title.
    if "leg_map" in sections:
        # (each picture's title under it, and the words at its top: the spine's first panel title,
        # the leg map's first view title)
        for title, top_words in ((t("spasm_or_disc.spine.title", level=level), t("spasm_or_disc.spine.healthy_title")),
                                 (t("spasm_or_disc.leg_map.title", level=level), t("spasm_or_disc.leg_map.views.front"))):
            (page, caption) = next((p, line) for p in pages for line in p.lines if line.text == _norm(title))
            if page.number > 1 and page.lines[0].text.startswith(_norm(top_words)):  # the picture opens the page
                picture = caption.top - text_area("letter")[1]
                room = free_below(pages[page.number - 2], "letter")
                assert room < picture + 6, (title, "left for page", page.number, round(room), round(picture))

    # Page 1 opens with the clinic and the date, then the boxed emergency signs, before any section.
    assert first.lines[0].text.startswith(clinic.name) and format_date(t, DAY) in first.lines[0].text
    box_top = next((line.top for line in first.lines if line.text == _norm(t("emergency.heading"))), None)
    assert box_top is not None, "the emergency heading is not on page 1"
    for sign in t.items("emergency.signs"):
        assert _has(first.text, sign), sign
    section_tops = [line.top for line in first.lines if is_heading(line.text, headings(t, level))
                    and line.text != _norm(t("emergency.heading"))]
    assert all(top > box_top for top in section_tops)
    assert _has(first.text, t("staff.handout.level_note", level=level))
    # The box: lines in the alert colour across the page above the heading and below the last sign.
    left, _, right, _ = text_area("letter")
    alert = np.abs(first.rgb.astype(int) - np.array(ALERT)).sum(axis=2) < 60
    rules = np.flatnonzero(alert.sum(axis=1) > 0.8 * (right - left) * MM) / MM  # mm from the top
    last_sign = max(line.top for line in first.lines
                    if any(_norm(sign).startswith(line.text.lstrip("• ")) for sign in t.items("emergency.signs")))
    assert rules.size and rules.min() < box_top and rules.max() > last_sign, (rules, box_top, last_sign)

    for page in pages[:-1]:
        assert fill(page, "letter") >= MIN_FILL, (page.number, round(fill(page, "letter"), 2))
    texts = headings(t, level)
    for page in pages:
        assert not is_heading(page.lines[-1].text, texts), (page.number, page.lines[-1].text)
        assert t("staff.handout.page", n=page.number, total=len(pages)) in page.footer

    # The contact block, only with something to contact.
    contact_heading = any(line.text == _norm(t("staff.handout.contact_heading")) for page in pages for line in page.lines)
    assert contact_heading == contact

    if sections == SECTIONS and level == "L5":  # for a person to look at
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for page in pages:
            Image.fromarray(page.rgb).save(SCREENSHOTS / f"handout_{lang}_{level}_{'contact' if contact else 'plain'}_p{page.number}.png")


def test_the_fill_rule_measures_ink_rows():
    """The measure itself: a page of text is mostly ink rows; a blank one has none."""
    t = CONTENT.for_language("en")
    pages = read(build_handout(t, CLINIC, SECTIONS, "L5", DAY))
    # Well above the MIN_FILL rule: a full page of text, headings and gaps between sections.
    assert all(fill(page, "letter") > MIN_FILL + 0.1 for page in pages[:-1])
    blank = dataclasses.replace(pages[0], image=np.full_like(pages[0].image, 255))
    assert fill(blank, "letter") == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_contact_block_shows_only_what_the_clinic_configured(lang):
    t = CONTENT.for_language(lang)
    none = _text(build_handout(t, BASE, ["care"], "L5", DAY))
    assert not _has(none, t("staff.handout.contact_heading"))
    phone_only = _text(build_handout(t, dataclasses.replace(BASE, phone="(904) 555-0100"), ["care"], "L5", DAY))
    assert _has(phone_only, t("staff.handout.contact_heading"))
    assert _has(phone_only, t("staff.handout.phone", phone="(904) 555-0100"))
    assert not _has(phone_only, t("staff.handout.website", website="")) and not _has(phone_only, t("staff.handout.scan"))
    assert not _has(phone_only, t("staff.handout.address", address=""))


def test_the_printed_qr_code_opens_the_clinic_website():
    pages = read(build_handout(CONTENT.for_language("en"), CLINIC, ["care"], "L5", DAY))
    found = [r.text for page in pages for r in zxingcpp.read_barcodes(Image.fromarray(page.rgb).resize(
        (page.rgb.shape[1] * 3, page.rgb.shape[0] * 3), Image.NEAREST))]
    assert found == [CLINIC.website]


# Paper, fonts, page numbers ---------------------------------------------------------------
@pytest.mark.parametrize("paper, size_pt", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_size(paper, size_pt):
    pdf = build_handout(CONTENT.for_language("en"), dataclasses.replace(CLINIC, paper=paper), SECTIONS, "L5", DAY)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size_pt, abs=0.05)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a4_pages_read_well_too(lang):
    t = CONTENT.for_language(lang)
    pages = read(build_handout(t, dataclasses.replace(CLINIC, paper="a4"), SECTIONS, "L5", DAY), "a4")
    for page in pages[:-1]:
        assert fill(page, "a4") >= MIN_FILL
    assert all(not is_heading(page.lines[-1].text, headings(t, "L5")) for page in pages)


def test_paper_comes_from_clinic_toml(tmp_path):
    assert BASE.paper == "letter"  # US clinics
    path = tmp_path / "clinic.toml"
    path.write_text('[clinic]\nname = "X"\n[handout]\npaper = "A4"\n', encoding="utf-8")
    assert load_clinic(path, env={}).paper == "a4"
    path.write_text('[clinic]\nname = "X"\n[handout]\npaper = "legal"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[handout\] paper: must be one of \['letter', 'a4'\], got 'legal'"):
        load_clinic(path, env={})


@pytest.mark.parametrize("key, value, shown", [
    ("name", "東京メディカル", "東 京 メ デ ィ カ ル"),
    ("website", "https://日本.jp/", "日 本"),
    ("address", "Ул. Ленина 1", "У л"),
    ("city", "Jacksonville\ue000", "\ue000"),  # the footer's page-count stand-in (handout.PAGE_TOTAL_ALIAS)
])
def test_a_clinic_field_the_handout_cannot_print_is_refused_by_name(tmp_path, key, value, shown):
    path = tmp_path / "clinic.toml"
    fields = {"name": "Test Clinic", key: value}
    path.write_text("[clinic]\n" + "".join(f'{k} = "{v}"\n' for k, v in fields.items()), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_clinic(path, env={})
    message = str(error.value)
    assert f"[clinic] {key}:" in message and "handout" in message and message.count(shown.split()[0]) == 1
    assert shown in message


def test_accented_latin_clinic_fields_are_fine(tmp_path):
    path = tmp_path / "clinic.toml"
    path.write_text('[clinic]\nname = "Clínica Quiropráctica Peña & Müller"\ncity = "São Paulo"\n', encoding="utf-8")
    clinic = load_clinic(path, env={})
    assert _has(_text(build_handout(CONTENT.for_language("es"), clinic, ["care"], "L5", DAY)), clinic.name)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_string_the_handout_prints_is_in_its_font(lang):
    from explainer.common.handout_font import unprintable

    missing = {}
    for key, value in load_language(lang).items():
        if key.split(".")[0] in ("staff", "emergency", "care", "spasm_or_disc", "common"):
            for text in [value] if isinstance(value, str) else value:
                if unprintable(text):
                    missing[key] = unprintable(text)
    for source in load_sources():
        if unprintable(source.citation):
            missing[source.id] = unprintable(source.citation)
    assert missing == {}


def test_nb_in_any_text_prints_as_written_and_pages_are_counted():
    clinic = dataclasses.replace(CLINIC, name="Clinic {nb} Care", address="Suite {nb}")
    pages = read(build_handout(CONTENT.for_language("en"), clinic, SECTIONS, "L5", DAY))
    assert pages[0].lines[0].text.startswith("Clinic {nb} Care")
    assert any("Suite {nb}" in line.text for page in pages for line in page.lines)
    assert [page.footer.rsplit("·", 1)[1].strip() for page in pages] == \
        [f"Page {n} of {len(pages)}" for n in range(1, len(pages) + 1)]


# Content ----------------------------------------------------------------------------------
def test_every_section_heading_and_clinic_details(full):
    lang, t, pdf, text = full
    assert pdf[:5] == b"%PDF-"
    for key in ("spasm_or_disc.steps.two_ways.heading", "spasm_or_disc.steps.compare.heading",
                "spasm_or_disc.steps.outlook.heading", "care.title", "care.helps_heading",
                "care.come_back_heading", "emergency.heading", "staff.handout.title", "care.heat_heading",
                "staff.handout.contact_heading", "staff.handout.sources_heading"):
        assert _has(text, t(key)), (lang, key)
    assert _has(text, CLINIC.name) and _has(text, CLINIC.phone) and _has(text, CLINIC.website)
    assert _has(text, format_date(t, DAY))


def test_heat_safety_is_in_the_care_section(full):
    lang, t, pdf, text = full
    care_part = text[text.index(_norm(t("care.title"))):]
    for line in t.items("care.heat"):
        assert _has(care_part, line), line


def test_nerve_root_is_shown_not_diagnosed(full):
    lang, t, pdf, text = full
    assert _has(text, t("staff.handout.level_note", level="S1"))
    assert "Your nerve root" not in text and "Su raíz" not in text


def test_spanish_accents_survive():
    t = CONTENT.for_language("es")
    text = _text(build_handout(t, CLINIC, SECTIONS, "L5", DAY))
    for word in ("Contáctenos", "diagnóstico", "Día a día", "Teléfono", "Cómo", "Página", "Llame al 911"):
        assert word in text, word
    assert "26 de noviembre de 2026" in text
    assert "Página 1 de" in text


def test_spine_and_leg_map_of_the_chosen_level(full):
    lang, t, pdf, text = full
    assert _has(text, t("spasm_or_disc.roots.S1.areas"))
    assert not _has(text, t("spasm_or_disc.roots.L4.areas"))
    # Both drawings are in the file (their labels are drawn as text), with their titles.
    assert _has(text, t("spasm_or_disc.leg_map.views.sole"))
    assert _has(text, t("spasm_or_disc.spine.healthy_title"))
    assert _has(text, t("spasm_or_disc.spine.title", level="S1"))
    assert _has(text, t("spasm_or_disc.leg_map.title", level="S1"))


def test_sources_of_the_chosen_sections_are_listed(full):
    lang, t, pdf, text = full
    citations = {s.id: s.citation for s in load_sources()}
    for source_id in sources_for(SECTIONS):
        first_words = " ".join(citations[source_id].split()[:4])
        assert first_words in text, source_id


def test_only_chosen_sections_are_printed_but_emergency_signs_always_are():
    t = CONTENT.for_language("en")
    text = _text(build_handout(t, CLINIC, ["care"], "L4", DAY))
    assert _has(text, t("care.title"))
    assert not _has(text, t("spasm_or_disc.steps.compare.heading"))
    assert not _has(text, t("spasm_or_disc.roots.L4.areas"))
    assert not _has(text, t("staff.handout.level_note", level="L4"))  # no leg map, no level
    assert _has(text, t("emergency.heading"))
    # Both "get help now" lists, as the self-check and /care show them (a reviewed copy of the words).
    assert _has(text, "Go to the emergency room now if you have back pain and:")
    assert _has(text, "Do not drive yourself. If you cannot get there, call 911.")
    assert _has(text, "A leg is newly numb or weak.")
    # Fewer sections, fewer sources: the walkthrough's disc-shrinking studies are not cited.
    assert "Chiu" not in text and "Qaseem" in text


def test_level_changes_the_leg_map_text():
    t = CONTENT.for_language("en")
    l4 = _text(build_handout(t, CLINIC, ["leg_map"], "L4", DAY))
    l5 = _text(build_handout(t, CLINIC, ["leg_map"], "L5", DAY))
    assert _has(l4, t("spasm_or_disc.roots.L4.areas")) and not _has(l4, t("spasm_or_disc.roots.L5.areas"))
    assert _has(l5, t("spasm_or_disc.roots.L5.weakness"))


def test_no_website_no_qr_and_no_web_line():
    t = CONTENT.for_language("en")
    clinic = dataclasses.replace(CLINIC, website="")
    without = build_handout(t, clinic, ["care"], "L5", DAY)
    with_site = build_handout(t, CLINIC, ["care"], "L5", DAY)
    assert not _has(_text(without), t("staff.handout.scan"))
    assert _has(_text(with_site), t("staff.handout.scan"))
    images = lambda pdf: sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)  # noqa: E731
    assert images(with_site) == images(without) + 1  # the QR code


def test_same_choices_same_day_same_file():
    t = CONTENT.for_language("es")
    assert build_handout(t, CLINIC, SECTIONS, "L5", DAY) == build_handout(t, CLINIC, reversed(SECTIONS), "L5", DAY)


def test_fonts_are_embedded():
    reader = PdfReader(io.BytesIO(build_handout(CONTENT.for_language("es"), CLINIC, ["care"], "L5", DAY)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font.get_object() else font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(descriptor.get_object()["/FontName"]))
    assert any("Atkinson" in name for name in fonts), fonts


@pytest.mark.parametrize("lang, once", [("en", "What to expect"), ("es", "Qué puede esperar")])
def test_no_heading_is_printed_twice(lang, once):
    pages = read(build_handout(CONTENT.for_language(lang), CLINIC, SECTIONS, "L5", DAY))
    lines = [line.text for page in pages for line in page.lines]
    assert lines.count(once) == 1

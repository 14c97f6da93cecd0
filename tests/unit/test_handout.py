"""The take-home handout PDF: chosen sections, leg map of the chosen level,
care plan, emergency signs, clinic contact, date and sources, in English and
Spanish with accents intact (text extracted with pypdf)."""
from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from explainer.clinic import load_clinic
from explainer.content import Content
from explainer.handout import SECTIONS, build_handout, format_date, sources_for
from explainer.sources import load_sources

CONTENT = Content.load()
DAY = date(2026, 11, 26)
CLINIC = dataclasses.replace(load_clinic(env={}), phone="(904) 555-0100", website="https://example.org/back")


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Normalise line breaks and spacing: we look for words and phrases, not layout.
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _has(text: str, phrase: str) -> bool:
    return " ".join(phrase.replace("**", "").split()) in text


@pytest.fixture(scope="module", params=["en", "es"])
def full(request):
    lang = request.param
    t = CONTENT.for_language(lang)
    pdf = build_handout(t, CLINIC, SECTIONS, "S1", DAY)
    return lang, t, pdf, _text(pdf)


def test_every_section_heading_and_clinic_details(full):
    lang, t, pdf, text = full
    assert pdf[:5] == b"%PDF-"
    for key in ("spasm_or_disc.steps.two_ways.heading", "spasm_or_disc.steps.compare.heading",
                "spasm_or_disc.steps.outlook.heading", "care.title", "care.helps_heading",
                "care.come_back_heading", "care.call_now_heading", "staff.handout.title",
                "staff.handout.contact_heading", "staff.handout.sources_heading"):
        assert _has(text, t(key)), (lang, key)
    assert _has(text, CLINIC.name) and _has(text, CLINIC.phone) and _has(text, CLINIC.website)
    assert _has(text, format_date(t, DAY))


def test_spanish_accents_survive():
    t = CONTENT.for_language("es")
    text = _text(build_handout(t, CLINIC, SECTIONS, "L5", DAY))
    for word in ("Contáctenos", "diagnóstico", "Qué esperar", "Teléfono", "Cómo", "Página"):
        assert word in text, word
    assert "26 de noviembre de 2026" in text
    assert "Página 1 de" in text


def test_leg_map_of_the_chosen_level(full):
    lang, t, pdf, text = full
    assert _has(text, t("spasm_or_disc.roots.S1.areas"))
    assert _has(text, t("staff.handout.level_note", level="S1"))
    assert not _has(text, t("spasm_or_disc.roots.L4.areas"))
    # The leg drawing is in the file (its labels are drawn as text).
    assert _has(text, t("spasm_or_disc.leg_map.views.sole"))


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
    assert _has(text, t("care.call_now_heading"))
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

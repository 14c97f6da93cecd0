"""Plain language: each part's patient-facing text, English at or below
Flesch-Kincaid grade 6 and Spanish at Fernandez-Huerta 70 or more.

What is measured: every string in assets/content/<lang>/<part>.toml (the
words a patient reads on that part's screens, its charts and diagrams).
Short labels without end punctuation (buttons, axis titles) are treated as
sentences of their own, as a reader meets them.
What is excluded, and why: the citations on /sources (assets/sources.toml:
authors, journal titles; they are references for clinicians, not prose) and
units/numbers-only strings (no words to score). Language names are
excluded because "Español" is not English prose.
textstat is pinned to 0.7.8: later releases download a dictionary at run
time, which fails offline.
"""
from __future__ import annotations

import re

import pytest
import textstat

from explainer.common.content import CONTENT_DIR, load_language

MAX_FK_GRADE = 6.0
MIN_FERNANDEZ_HUERTA = 70.0
# Not prose: language names ("Español" is not English) and the month names the
# handout prints dates with. Source lines ("Source: Pengel 2003 ...") are short
# citations, scored with their page but not one by one.
EXCLUDED_KEYS = re.compile(r"^common\.language_names\.|^staff\.handout\.months$")
SOURCE_LINE = re.compile(r"^(Sources?|Fuentes?):")
#: A string this long is a sentence a patient reads on its own; score it alone too.
MIN_WORDS_ALONE = 6
PARTS = sorted(path.stem for path in (CONTENT_DIR / "en").glob("*.toml"))


def page_text(lang: str, part: str) -> str:
    sentences = []
    for key, value in load_language(lang).items():
        if not key.startswith(part + ".") or EXCLUDED_KEYS.match(key):
            continue
        for text in [value] if isinstance(value, str) else value:
            text = re.sub(r"\{[a-z_]+\}", "5", text)  # placeholders are numbers on screen
            text = re.sub(r"[*_#>`]", "", text).strip()  # markdown marks are not words
            if not re.search(r"[A-Za-zÁÉÍÓÚáéíóúñÑ]{2,}", text):
                continue
            sentences.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(sentences)


@pytest.mark.parametrize("part", PARTS)
def test_english_is_grade_6_or_below(part):
    text = page_text("en", part)
    textstat.set_lang("en")
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_FK_GRADE, f"{part}: Flesch-Kincaid grade {grade} > {MAX_FK_GRADE}"


@pytest.mark.parametrize("part", PARTS)
def test_spanish_reads_at_fernandez_huerta_70_or_more(part):
    text = page_text("es", part)
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en")
    assert score >= MIN_FERNANDEZ_HUERTA, f"{part}: Fernandez-Huerta {score} < {MIN_FERNANDEZ_HUERTA}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_longer_string_is_plain_on_its_own(lang):
    """A page's average can hide one hard sentence: score each string of 6+ words too."""
    textstat.set_lang(lang)
    hard = []
    try:
        for key, value in load_language(lang).items():
            text = " ".join(value) if isinstance(value, list) else value
            if EXCLUDED_KEYS.match(key) or SOURCE_LINE.match(text) or len(text.split()) < MIN_WORDS_ALONE:
                continue
            if lang == "en" and textstat.flesch_kincaid_grade(text) > MAX_FK_GRADE:
                hard.append((key, textstat.flesch_kincaid_grade(text)))
            if lang == "es" and textstat.fernandez_huerta(text) < MIN_FERNANDEZ_HUERTA:
                hard.append((key, textstat.fernandez_huerta(text)))
    finally:
        textstat.set_lang("en")
    assert hard == [], hard

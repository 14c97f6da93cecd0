"""Spanish content is Spanish: no Spanish string equals its English string or reads as
English (a small list of common English words that are not Spanish words), unless its
key is declared below as a name, a unit or a word both languages share, with the reason.
"""
from __future__ import annotations

import fnmatch
import re

import pytest

from explainer.common.content import Content

#: Keys whose Spanish may equal the English, each with its reason. Patterns use fnmatch.
SAME_IN_BOTH: dict[str, str] = {
    "common.language_names.*": "a language's name is written in that language on every screen",
    "errors.pin.label": '"PIN" is the same word in Spanish',
    "self_check.no": '"No" is the same word in Spanish',
    "staff.handout.website": '"Web" is the Spanish word too; the rest is the clinic\'s own address',
}

#: Common English words that are not Spanish words (so "no", "a", "me", "son" are left out).
ENGLISH_WORDS = frozenset(
    "the and your you with pain is are of to for this that what when it its can be or not if will "
    "an in on at by from how yes back my have do does here there see get after we our they "
    "them would should could which who".split()
)

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _texts(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _allowed(key: str) -> bool:
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in SAME_IN_BOTH)


def english_in_spanish(catalog: dict[str, dict]) -> list[str]:
    """Every Spanish string that equals its English one or contains an English word."""
    problems = []
    en, es = catalog["en"], catalog["es"]
    for key, value in sorted(es.items()):
        if _allowed(key):
            continue
        for i, text in enumerate(_texts(value)):
            words = WORD.findall(PLACEHOLDER.sub(" ", text))
            if not words:
                continue  # only placeholders, numbers or signs: nothing to translate
            english = _texts(en.get(key, []))
            if i < len(english) and text.strip() == english[i].strip():
                problems.append(f"{key}: Spanish is the English text {text!r}")
                continue
            found = sorted({w.lower() for w in words} & ENGLISH_WORDS)
            if found:
                problems.append(f"{key}: English word(s) {found} in {text!r}")
    return problems


def test_spanish_strings_are_not_english():
    problems = english_in_spanish(Content.load().catalog)
    assert not problems, "Spanish content still in English (translate it, or declare the key in " \
                         "SAME_IN_BOTH with a reason):\n" + "\n".join(problems)


def test_every_allowed_key_exists():
    catalog = Content.load().catalog["es"]
    for pattern in SAME_IN_BOTH:
        assert any(fnmatch.fnmatchcase(k, pattern) for k in catalog), f"SAME_IN_BOTH names no key: {pattern}"


@pytest.mark.parametrize(
    "es, problem",
    [
        ("Back pain", "English text"),
        ("Llame al 911 if your pain gets worse", "English word"),
        (["Uno", "Two and three"], "English word"),
    ],
)
def test_the_check_catches_english(es, problem):
    en = "Back pain" if isinstance(es, str) else ["One", "Two"]
    catalog = {"en": {"page.x": en, "common.language_names.en": "English"},
               "es": {"page.x": es, "common.language_names.en": "English"}}
    problems = english_in_spanish(catalog)
    assert len(problems) == 1 and problem in problems[0], problems


def test_placeholders_and_spanish_words_that_look_english_pass():
    catalog = {"en": {"a.b": "{pain}", "a.c": "No", "a.d": "Pain at {pain}"},
               "es": {"a.b": "{pain}", "a.c": "No, a me son", "a.d": "Dolor de {pain} con {with}"}}
    assert english_in_spanish(catalog) == []

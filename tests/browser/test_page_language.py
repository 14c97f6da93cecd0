"""The document's language in a real browser: in Spanish, ``<html lang>`` is "es"
on every page (a screen reader then reads it with a Spanish voice), and nothing
a person sees or a screen reader names is English, beyond declared names: the
citations and their web addresses (never translated), the language switch's
"English", the clinic's name, and units.

What is read: Chromium's accessibility tree as Playwright's ARIA snapshot gives
it (every role's accessible name and every text), so a label hidden from the
eye but exposed to a screen reader counts, and one that is ``display: none``
(the charts' switched-off "Fullscreen" and "Download as PNG" menu) does not.

Planted bugs these tests caught while being written: no ``page_language`` call
in the shell (the language stayed "en" after tapping "Español"); the skip link
and progress bar label left as Streamlit wrote them ("Skip to main content",
"progress"); the charts' toolbar shown (its English buttons entered the tree).
"""
from __future__ import annotations

import re

import pytest

from explainer.common.clinic import load_clinic
from explainer.common.content import Content
from explainer.common.sources import load_sources
from tests.browser.harness import KIOSK, PATHS, close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()

#: Words that are English and never Spanish (so "a", "no", "me", "he", "as" are left out).
ENGLISH_WORDS = frozenset(
    """the and of to is with for your you this that it its on at by from or not are be was were what how when
    where which who will can could should would back pain download fullscreen close open menu show hide more less
    next previous home start here page view chart loading running skip main content progress save copy spec data
    link heading please yes help bigger text step part source sources about""".split()
)
#: ARIA snapshot lines: "- role "name" [attrs]: text" (each part optional but the role).
LINE = re.compile(r'^\s*- (?P<role>[\w/-]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?: \[[^\]]*\])*(?::\s*(?P<text>.*))?$')
WORD = re.compile(r"[^\W\d_]+")


def declared_names() -> list[str]:
    """Text that is the same in every language, by design."""
    names = ["English", load_clinic().name]
    for source in load_sources():
        names.append(source.citation)
        if source.url:
            names.append(source.url)
    return names


def spoken_texts(snapshot: str) -> list[str]:
    """Every accessible name and text in an ARIA snapshot (not the roles, not link targets)."""
    found = []
    for line in snapshot.splitlines():
        match = LINE.match(line)
        if not match or match["role"] == "/url":
            continue
        for part in (match["name"], match["text"]):
            if part:
                found.append(part.strip().strip("'\"").replace("\u2060", ""))
    return found


def english_in(texts: list[str]) -> list[str]:
    declared = [re.sub(r"\s+", " ", name) for name in declared_names()]
    problems = []
    for text in texts:
        plain = re.sub(r"\s+", " ", text)
        for name in declared:
            plain = plain.replace(name, " ")
        words = [w for w in WORD.findall(plain) if w.lower() in ENGLISH_WORDS]
        if words:
            problems.append(f"{text[:120]!r}: {sorted(set(words))}")
    return problems


def test_english_in_reads_names_and_text_not_roles():
    snapshot = '- main:\n  - button "Download as PNG":\n    - paragraph: Siguiente\n  - link "Inicio":\n    - /url: "?lang=es"\n  - progressbar "progress"'
    assert spoken_texts(snapshot) == ["Download as PNG", "Siguiente", "Inicio", "progress"]
    assert english_in(spoken_texts(snapshot)) == ["'Download as PNG': ['Download']", "'progress': ['progress']"]
    assert english_in(["Fuente: Pengel LHM, Herbert RD, Maher CG, Refshauge KM. Acute low back pain: systematic review of its prognosis. BMJ. 2003;327(7410):323."]) == []


def _addresses() -> list[str]:
    """Every page in Spanish on a kiosk and in staff mode, and every walkthrough step."""
    staff_only = {"/staff", "/desk"}
    kiosk = [f"{path}?lang=es" for path in PATHS if path not in staff_only]
    staff = [f"{path}?lang=es&mode=staff" for path in PATHS]
    steps = [f"/spasm-or-disc?lang=es&mode=staff&step={n}" for n in range(1, 7)]
    return kiosk + staff + steps


def _wait_for_language(page, lang: str) -> None:
    skip = CONTENT.text(lang, "common.skip_to_main")
    page.wait_for_function(
        """([lang, skip]) => document.documentElement.lang === lang
             && [...document.querySelectorAll('[data-testid="stSkipToContent"]')].every(a => a.textContent === skip)""",
        arg=[lang, skip],
        timeout=20_000,
    )


@pytest.fixture(scope="module")
def spanish_page(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    close_page(watched)


@pytest.mark.parametrize("address", _addresses())
def test_every_spanish_page_is_spanish_to_a_screen_reader(spanish_page, address):
    page = spanish_page.page
    goto(spanish_page, address)
    _wait_for_language(page, "es")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title() == CONTENT.text("es", "common.app_name")
    problems = english_in(spoken_texts(page.locator("body").aria_snapshot()))
    assert problems == [], address
    # The charts' switched-off menu is out of the accessibility tree, not merely out of sight.
    menu = re.compile(r"Fullscreen|Download|Show data|Copy Vega|View source|Open in", re.IGNORECASE)
    assert page.get_by_role("button", name=menu).count() == 0
    progress = page.get_by_role("progressbar")
    for n in range(progress.count()):
        assert progress.nth(n).get_attribute("aria-label") == CONTENT.text("es", "common.progress")


def test_the_language_follows_a_switch_and_a_page_change(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    page = watched.page
    try:
        goto(watched, "/care?lang=en")
        _wait_for_language(page, "en")
        page.get_by_role("button", name=CONTENT.text("en", "common.language_names.es")).click()
        wait_for_app(page)
        _wait_for_language(page, "es")  # no page load: the component, not the first paint, did it
        # A page change inside the single-page app keeps it (no new HTML page either: a
        # mark left on the window survives). Streamlit names the default page /home when a
        # link carries query parameters, so the wait is on Home's own heading, not the path.
        page.evaluate("window.__samePage = true")
        page.get_by_role("link", name=CONTENT.text("es", "common.home")).first.click()
        wait_for_app(page)
        page.wait_for_function("t => document.querySelector('h1') && document.querySelector('h1').innerText === t",
                               arg=CONTENT.text("es", "home.title"))
        assert page.evaluate("window.__samePage === true")
        _wait_for_language(page, "es")
        shot(page, "home-es-lang")
        page.get_by_role("button", name=CONTENT.text("es", "common.language_names.en")).click()
        wait_for_app(page)
        _wait_for_language(page, "en")
        assert page.get_by_role("link", name=CONTENT.text("en", "common.skip_to_main")).count() == 1
    finally:
        close_page(page)


def test_first_paint_takes_the_language_from_the_address(browser, server):
    """Before the app has drawn anything, the launcher's page already says "es"."""
    watched = open_page(browser, server.url, KIOSK)
    page = watched.page
    try:
        page.goto(server.url + "/sources?lang=es", wait_until="domcontentloaded")
        assert page.evaluate("document.documentElement.lang") == "es"
        wait_for_app(page)
        _wait_for_language(page, "es")
    finally:
        close_page(page)

"""The patient's way through the app in a real browser, at the 1080x1920 kiosk:
"Start here" to the end of the care page by taps alone, every part change
opening at its heading, the body map's places, and no nerve-level codes."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.common import journey
from explainer.common.content import Content
from explainer.common.sitemap import BY_ID
from explainer.disc import body_map as bm
from tests.browser.harness import goto, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
LEVEL_CODE = re.compile(r"\b(L4|L5|S1)\b")

VIEW_JS = """() => {
  const h = document.querySelector('h1'); const main = document.querySelector('[data-testid=stMain]');
  const j = document.querySelector('.journey-header');
  const box = (el) => el ? el.getBoundingClientRect() : null;
  return {title: h ? h.innerText : null, h1: box(h) && {top: box(h).top, bottom: box(h).bottom},
          journey: j ? j.innerText : null, jtop: box(j) && box(j).top, jbottom: box(j) && box(j).bottom,
          scroll: main ? main.scrollTop : 0, height: innerHeight};
}"""
#: Layout shifts after a tap (the Layout Instability API), kept on window across Streamlit's page changes.
SHIFTS_JS = """() => {
  window.__bseShifts = [];
  if (!window.__bseShiftObserver) {
    window.__bseShiftObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) (window.__bseShifts || []).push(e.value);
    });
    window.__bseShiftObserver.observe({type: 'layout-shift', buffered: false});
  }
}"""


def t(lang: str, key: str, **values) -> str:
    return CONTENT.text(lang, key, **values)


def title(lang: str, part_id: str) -> str:
    return t(lang, BY_ID[part_id].tile_title_key)


def wait_for_title(page, text: str) -> None:
    page.wait_for_function("t => { const h = document.querySelector('h1'); return h && h.innerText === t; }", arg=text,
                           timeout=20_000)
    wait_for_app(page)
    page.wait_for_timeout(400)  # the start-at-top script runs over the next frames


def scroll_to_bottom(page) -> int:
    page.mouse.move(540, 1100)
    for _ in range(40):
        page.mouse.wheel(0, 900)
    page.wait_for_timeout(400)
    return page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop")


def assert_opens_at_its_heading(page, lang: str, n: int | None, part_id: str) -> None:
    view = page.evaluate(VIEW_JS)
    assert view["title"] == (t(lang, "home.title") if part_id == "home" else page.locator("h1").inner_text())
    assert view["scroll"] == 0, view
    assert 0 <= view["h1"]["top"] and view["h1"]["bottom"] <= view["height"], view
    if n is not None:
        assert view["journey"].startswith(t(lang, "journey.header", n=n, total=4, title=title(lang, part_id))), view
        assert 0 <= view["jtop"] and view["jbottom"] <= view["height"], view


def tap_next_part(page, lang: str, following: str) -> float:
    """Scroll to the end, tap "Next part"; the sum of layout shifts that followed."""
    assert scroll_to_bottom(page) > 0 or page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight <= innerHeight")
    page.evaluate(SHIFTS_JS)
    link = page.get_by_role("link", name=t(lang, "journey.next_part", title=title(lang, following)))
    assert link.count() == 1
    link.tap()
    return following


def answer_no_to_everything(page, lang: str) -> None:
    """The self-check answered with "No" (or "None of these") taps, then its Next, to its result."""
    names = [t(lang, "self_check.no")]
    if CONTENT.text(lang, "self_check.none_of_these") != "self_check.none_of_these":  # a later version's one-tap answer
        names.insert(0, t(lang, "self_check.none_of_these"))
    onward = [t(lang, "self_check.next"), t(lang, "self_check.see_result")]
    for _ in range(12):
        for name in names:
            while page.get_by_role("button", name=name, exact=True).count():
                page.get_by_role("button", name=name, exact=True).first.tap()
                wait_for_app(page)
        go = [page.get_by_role("button", name=name, exact=True) for name in onward]
        go = [b for b in go if b.count()]
        if not go:
            return
        go[0].first.tap()
        wait_for_app(page)
    raise AssertionError("the self-check never reached a result")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_start_here_reaches_the_end_of_care_by_taps_and_every_part_opens_at_its_heading(kiosk_page, lang):
    page = kiosk_page.page
    goto(kiosk_page, f"/?lang={lang}")
    page.get_by_role("button", name=re.compile("^" + re.escape(t(lang, "home.start_title")))).tap()
    wait_for_title(page, t(lang, "reflex.title"))
    assert_opens_at_its_heading(page, lang, 1, "reflex")
    shot(page, f"journey-1-{lang}")
    # The path's header passes the same accessibility gate as every page.
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    shifts = []

    # Part 1 -> 2
    tap_next_part(page, lang, "spasm_or_disc")
    wait_for_title(page, t(lang, "spasm_or_disc.title"))
    shifts.append(sum(page.evaluate("window.__bseShifts")))
    assert_opens_at_its_heading(page, lang, 2, "spasm_or_disc")
    # The walkthrough by its own Next buttons, each step opening at the top.
    for _ in range(10):
        step_next = page.get_by_role("button", name=t(lang, "spasm_or_disc.next"), exact=True)
        if not step_next.count():
            break
        assert page.locator(".st-key-journey-next").count() == 0  # no "Next part" before the last step
        scroll_to_bottom(page)
        step_next.tap()
        wait_for_app(page)
        page.wait_for_timeout(300)
    shot(page, f"journey-2-end-{lang}")

    # Part 2 -> 3
    tap_next_part(page, lang, "self_check")
    wait_for_title(page, t(lang, "self_check.title"))
    shifts.append(sum(page.evaluate("window.__bseShifts")))
    # A question page shows one progress indicator (its own "Page 1 of 7") and one way on.
    assert_opens_at_its_heading(page, lang, None, "self_check")
    assert page.locator(".journey-header").count() == 0 and page.locator("[data-testid=stProgress]").count() == 1
    assert page.locator(".st-key-journey-next").count() == 0
    answer_no_to_everything(page, lang)
    assert page.locator(".journey-header").count() == 1  # the calm result: back on the path's header
    shot(page, f"journey-3-end-{lang}")

    # Part 3 -> 4
    tap_next_part(page, lang, "care")
    wait_for_title(page, t(lang, "care.title"))
    shifts.append(sum(page.evaluate("window.__bseShifts")))
    assert_opens_at_its_heading(page, lang, 4, "care")

    # The end of the care page: the way back Home, after everything else.
    assert scroll_to_bottom(page) > 0
    assert page.get_by_role("link", name=t(lang, "journey.next_part", title=title(lang, "care"))).count() == 0
    done = page.get_by_text(t(lang, "journey.done", total=4))
    assert done.is_visible()
    shot(page, f"journey-4-end-{lang}")
    page.get_by_role("link", name=t(lang, "journey.back_home")).tap()
    wait_for_title(page, t(lang, "home.title"))
    assert page.locator(".journey-header").count() == 0
    # A part change never pushed what was on screen around (CLS "good" is under 0.1).
    assert max(shifts) < 0.1, shifts
    print(f"layout shift after each 'Next part' ({lang}): {[round(x, 4) for x in shifts]}")
    assert kiosk_page.real_errors() == []
    assert kiosk_page.foreign_requests() == []


def _tap_place(page, place_id: str, by_picture: bool) -> None:
    if by_picture:
        page.locator(f'[data-hit="{place_id}"]').first.tap()
    else:
        # The big labelled button (the picture's place has the same name, so find it by its key).
        button = page.locator(f".st-key-where_{place_id} button")
        assert button.inner_text() == f"{bm.BY_ID[place_id].number}. {CONTENT.text('en', f'where.places.{place_id}')}"
        button.tap()


@pytest.mark.parametrize("by_picture", [True, False], ids=["picture", "button"])
def test_each_place_on_the_body_map_leads_to_its_story(kiosk_page, by_picture):
    page = kiosk_page.page
    for place_id in bm.MAP_PLACES:
        place = bm.BY_ID[place_id]
        goto(kiosk_page, "/where?lang=en")
        _tap_place(page, place_id, by_picture)
        wait_for_title(page, t("en", "spasm_or_disc.title"))
        assert "/spasm-or-disc" in page.url
        # The walkthrough from its start, as part 2 of the path ...
        assert page.get_by_text(t("en", "spasm_or_disc.step_of", n=1, total=6)).count() == 1
        assert page.locator(".journey-text").inner_text().startswith(
            t("en", "journey.header", n=2, total=4, title=title("en", "spasm_or_disc")))
        # ... with this place's nerve level (the walkthrough writes the level it shows to the URL).
        if place.level:
            assert f"level={place.level}" in page.url, (place_id, page.url)
    assert kiosk_page.real_errors() == []


def test_both_legs_leads_to_the_emergency_signs_with_a_reason(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/where?lang=es")
    page.get_by_role("button", name=t("es", "where.places.both_legs")).tap()
    wait_for_title(page, t("es", "self_check.title"))
    note = page.locator(".st-key-where-both-legs-note")
    assert t("es", "where.both_legs_note.heading") in note.inner_text()
    assert page.locator("p.question", has_text=t("es", "self_check.questions.both_legs.text")).is_visible()
    shot(page, "where-both-legs-es")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_body_map_tap_areas_are_big_and_no_level_code_shows_in_kiosk_mode(kiosk_page, lang):
    page = kiosk_page.page
    for path in ("/", "/where"):
        goto(kiosk_page, f"{path}?lang={lang}")
        html = page.evaluate("document.querySelector('[data-testid=stMain]').innerHTML")
        text = page.evaluate("document.querySelector('[data-testid=stMain]').innerText")
        assert not LEVEL_CODE.search(text) and not LEVEL_CODE.search(html), path
    boxes = page.evaluate("""() => [...document.querySelectorAll('[data-hit]')].map(r => {
        const b = r.getBoundingClientRect(); return {place: r.dataset.hit, w: b.width, h: b.height}; })""")
    assert {b["place"] for b in boxes} == set(bm.MAP_PLACES)
    small = [b for b in boxes if min(b["w"], b["h"]) < 48]
    assert small == []
    width = page.evaluate("document.querySelector('svg.body-map').getBoundingClientRect().width")
    assert width >= bm.KIOSK_RENDER_WIDTH - 1  # the unit test's sizes assume this width
    labels = page.evaluate("() => [...document.querySelectorAll('[data-place]')].map(g => g.getAttribute('role') + ':' + g.getAttribute('aria-label'))")
    assert len(labels) == len(bm.MAP_PLACES) and all(label.startswith("button:") for label in labels)

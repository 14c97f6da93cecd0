"""Staff tools and Present mode in a real browser, on a consultation tablet held
landscape (1180x820) and at 1366x1024:

- /staff: the download button, the nerve level options and every jump link
  are above the fold (bounding boxes), targets at least 48 px; the download is
  a distinct primary style (its computed colours differ from a chosen option's);
  the PDF it gives opens and shows the chosen level;
- Present (walkthrough): the top bar and footer are hidden, "Stop presenting"
  stays in view, Back and Next sit in the bottom corners, the figure is larger,
  and the step and level survive toggling on and off;
- a kiosk visitor gets the polite notice only, and never a Present button.
Screenshots (tests/screenshots/): staff_1180x820_{en,es}, staff_1366x1024_{en,es},
present_walkthrough_step{3,5}.
"""
from __future__ import annotations

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from explainer.common.content import Content
from explainer.disc.walkthrough import STEPS
from tests.browser.harness import SCREENSHOTS, close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
LANDSCAPE = {"width": 1180, "height": 820}
LARGE_LANDSCAPE = {"width": 1366, "height": 1024}
MIN_TARGET = 48


@pytest.fixture
def landscape(browser, server):
    watched = open_page(browser, server.url, LANDSCAPE)
    yield watched
    close_page(watched)


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _colours(locator) -> dict:
    return locator.evaluate("el => { const s = getComputedStyle(el);"
                            " return {background: s.backgroundColor, color: s.color, border: s.borderTopColor}; }")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_staff_fits_above_the_fold_on_a_landscape_tablet(landscape, lang):
    page = landscape.page
    goto(landscape, f"/staff?lang={lang}&mode=staff")
    height = LANDSCAPE["height"]
    download = page.locator(".st-key-staff_download button")
    options = page.locator(".st-key-staff_level_choice button")
    links = page.locator(".st-key-staff_parts a, .st-key-staff_steps a")
    assert options.count() == 3 and links.count() >= 4 + len(STEPS)
    for locator in [download, *options.all(), *links.all()]:
        box = _box(locator)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (locator, box)
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (locator, box)
    # Each level names its plain place.
    assert options.nth(1).inner_text().strip().endswith(CONTENT.text(lang, "spasm_or_disc.roots.L5.areas"))
    shot(page, f"staff_1180x820_{lang}")
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert landscape.real_errors() == [] and landscape.foreign_requests() == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_staff_on_a_larger_tablet(browser, server, lang):
    watched = open_page(browser, server.url, LARGE_LANDSCAPE)
    try:
        goto(watched, f"/staff?lang={lang}&mode=staff")
        page = watched.page
        for locator in (page.locator(".st-key-staff_download button"), page.locator(".st-key-staff_steps a").last):
            box = _box(locator)
            assert box["y"] + box["height"] <= LARGE_LANDSCAPE["height"]
        shot(page, f"staff_1366x1024_{lang}")
    finally:
        close_page(watched)


def test_download_is_a_distinct_primary_action_and_gives_the_pdf(landscape):
    page = landscape.page
    goto(landscape, "/staff?lang=es&mode=staff")
    page.locator(".st-key-staff_level_choice button").filter(has_text="S1").click()
    wait_for_app(page)
    chosen = page.locator(".st-key-staff_level_choice button[data-selected=true]")
    assert chosen.inner_text().strip().endswith(CONTENT.text("es", "spasm_or_disc.roots.S1.areas"))
    pill = page.locator(".st-key-staff_sections_choice button[data-selected=true]").first
    download = page.locator(".st-key-staff_download button")
    action, chosen_level, chosen_pill = _colours(download), _colours(chosen), _colours(pill)
    assert action["background"] == "rgb(11, 92, 173)" and action["color"] == "rgb(255, 255, 255)"
    for state in (chosen_level, chosen_pill):
        assert state["background"] != action["background"] and state["color"] != action["color"], (state, action)
    # Larger than a chosen option, and the label says what it does.
    assert _box(download)["height"] > _box(pill)["height"]
    assert download.inner_text().strip() .endswith(CONTENT.text("es", "staff.download"))

    step3 = page.get_by_role("link", name=CONTENT.text("es", "staff.step_link", n=3,
                                                      heading=CONTENT.text("es", "spasm_or_disc.steps.leg_map.heading")))
    assert "level=S1" in step3.get_attribute("href") and "step=3" in step3.get_attribute("href")

    with page.expect_download() as info:
        download.click()
    path = SCREENSHOTS / "handout_es_S1.pdf"
    info.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert CONTENT.text("es", "staff.handout.title") in text
    assert CONTENT.text("es", "staff.handout.level_note", level="S1") in text
    assert CONTENT.text("es", "emergency.heading") in " ".join((reader.pages[0].extract_text() or "").split())
    assert landscape.real_errors() == [] and landscape.foreign_requests() == []


def _visible(locator) -> bool:
    return locator.count() > 0 and locator.first.is_visible()


def test_present_mode_on_the_walkthrough(landscape):
    page = landscape.page
    width, height = LANDSCAPE["width"], LANDSCAPE["height"]
    goto(landscape, "/spasm-or-disc?lang=en&mode=staff&step=3&level=S1")
    footer = page.get_by_text(CONTENT.text("en", "common.not_diagnosis"), exact=False).last
    figure = page.locator("[class*='st-key-walk-diagram-'] svg:visible").first
    before = _box(figure)
    assert _visible(page.locator(".st-key-lang_es")) and footer.is_visible()

    page.locator(".st-key-present_toggle button").click()
    wait_for_app(page)
    # The chrome is gone: the top bar's buttons and the footer.
    for key in ("lang_en", "lang_es", "big_text_toggle"):
        assert not _visible(page.locator(f".st-key-{key}")), key
    assert not page.locator(".st-key-topbar [data-testid=stPageLink]").first.is_visible()
    assert not footer.is_visible()
    # The way out stays in view, at the top.
    stop = page.locator(".st-key-present_toggle button")
    assert stop.is_visible() and stop.inner_text().strip().endswith(CONTENT.text("en", "staff.present_stop"))
    assert _box(stop)["y"] < 80 and _box(stop)["y"] + _box(stop)["height"] <= height
    # Back and Next in the bottom corners, big, without scrolling.
    back, next_ = _box(page.locator(".st-key-walk_back button")), _box(page.locator(".st-key-walk_next button"))
    for box in (back, next_):
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET
        assert height - 40 <= box["y"] + box["height"] <= height, box
    assert back["x"] <= 40 and next_["x"] + next_["width"] >= width - 40
    # The figure gets more of the screen.
    after = _box(figure)
    assert after["width"] > before["width"] * 1.05, (before, after)
    shot(page, "present_walkthrough_step3")
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

    # Next works from the corner; the step and level survive leaving and re-entering Present mode.
    page.locator(".st-key-walk_next button").click()
    wait_for_app(page)
    page.locator(".st-key-walk_next button").click()
    wait_for_app(page)
    assert "step=5" in page.url and "level=S1" in page.url
    page.locator(".vega-embed svg").first.wait_for()
    chart = _box(page.locator(".vega-embed").first)
    assert chart["y"] >= 0 and chart["y"] + chart["height"] <= height - 60, chart
    # The page's words end above Back and Next: between them, a tap lands on the strip
    # behind the buttons, not on words running underneath.
    under = page.evaluate("([x, y]) => { const el = document.elementFromPoint(x, y);"
                          " return el && !!el.closest('.st-key-walk-nav'); }", [width // 2, height - 30])
    assert under, "the walkthrough's words run under the Back and Next buttons"
    shot(page, "present_walkthrough_step5")
    page.locator(".st-key-present_toggle button").click()
    wait_for_app(page)
    assert _visible(page.locator(".st-key-lang_es")) and "step=5" in page.url and "level=S1" in page.url
    assert page.get_by_text(CONTENT.text("en", "spasm_or_disc.step_of", n=5, total=len(STEPS))).is_visible()
    page.locator(".st-key-present_toggle button").click()
    wait_for_app(page)
    page.locator(".st-key-walk_back button").click()
    wait_for_app(page)
    page.locator(".st-key-walk_back button").click()
    wait_for_app(page)
    assert "step=3" in page.url and "level=S1" in page.url
    assert page.get_by_text(CONTENT.text("en", "spasm_or_disc.roots.S1.areas")).first.is_visible()
    assert landscape.real_errors() == [] and landscape.foreign_requests() == []


def test_kiosk_visitor_sees_only_a_polite_notice(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/staff?lang=en&mode=kiosk")
    assert page.get_by_text(CONTENT.text("en", "staff.not_staff_title")).is_visible()
    assert page.locator("[data-testid=stDownloadButton]").count() == 0
    assert page.locator(".st-key-present_toggle").count() == 0
    shot(page, "staff_kiosk_notice")
    goto(kiosk_page, "/spasm-or-disc?lang=en&mode=kiosk&step=2")
    assert page.locator(".st-key-present_toggle").count() == 0
    assert kiosk_page.real_errors() == []

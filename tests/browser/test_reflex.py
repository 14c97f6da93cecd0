"""/reflex in a real browser: kiosk 1080x1920 and tablet 1024x1366, charts drawn,
big touch targets, a tap changes the story, no console errors, no foreign requests."""
import pytest

from tests.browser.harness import goto, shot, wait_for_app

pytestmark = pytest.mark.browser

CHART_MARKS = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"


def _choice_sizes(page):
    return page.evaluate(
        "[...document.querySelectorAll('.st-key-reflex-controls [data-testid=stButtonGroup] button')]"
        ".map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
    )


def test_kiosk_renders_charts_diagram_and_answers_a_tap(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    assert page.evaluate(CHART_MARKS) == 3
    assert page.locator("svg.reflex-arc[role=img]").count() == 1
    sizes = _choice_sizes(page)
    assert len(sizes) == 6 and all(w >= 48 and h >= 48 for w, h in sizes)
    shot(page, "reflex_kiosk_en")

    outcome = page.locator(".reflex-outcome")
    before = outcome.inner_text()
    page.get_by_role("radio", name="Slow").click()
    page.get_by_role("radio", name="Small").click()
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('.reflex-outcome').innerText.includes('tearing zone. Without')")
    assert outcome.inner_text() != before
    assert "out of 100" in outcome.inner_text()
    page.get_by_role("button", name="2 Sense").click()
    wait_for_app(page)
    assert page.locator("svg.reflex-arc").get_attribute("data-stage") == "2"
    assert page.evaluate(CHART_MARKS) == 3
    shot(page, "reflex_kiosk_en_slow_small")
    assert not kiosk_page.real_errors()
    assert not kiosk_page.foreign_requests()


def test_tablet_spanish_staff(tablet_page):
    page = tablet_page.page
    goto(tablet_page, "/reflex?lang=es&mode=staff")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    assert "Por qué se tensan" in page.locator("h1").first.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1024  # nothing wider than the tablet
    shot(page, "reflex_tablet_es")
    assert not tablet_page.real_errors()
    assert not tablet_page.foreign_requests()

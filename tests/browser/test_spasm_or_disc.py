"""Spasm or disc? in a real browser: every step at kiosk size by tapping Next, one screen per
language by deep link, and the tablet size. Screenshots: tests/screenshots/spasm-*.png.
(Axe, 48 px targets and keyboard reach for every step are in test_quality.py.)"""
from __future__ import annotations

import pytest

from explainer import walkthrough as walk
from explainer.content import Content
from tests.browser.harness import goto, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
N = len(walk.STEPS)


def tap_and_wait(page, name: str, expect: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.get_by_text(expect, exact=True).wait_for()
    wait_for_app(page)


def assert_fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for box in page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] svg[role=img]')]
        .map(s => { const r = s.getBoundingClientRect(); return [r.left, r.right, r.width, r.height]; })"""):
        left, right, w, h = box
        assert left >= 0 and right <= width and w > 300 and h > 200


def test_every_step_at_kiosk_size_by_tapping_next(kiosk_page):
    page = kiosk_page.page
    t = CONTENT.for_language("en")
    goto(kiosk_page, "/spasm-or-disc?lang=en&mode=kiosk")
    for step in range(1, N + 1):
        page.get_by_text(t("spasm_or_disc.step_of", n=step, total=N), exact=True).wait_for()
        assert page.get_by_role("heading", name=t(f"spasm_or_disc.steps.{walk.STEPS[step - 1]}.heading")).is_visible()
        sid = walk.STEPS[step - 1]
        if sid in ("spine", "leg_map"):
            diagram = page.locator("[data-testid=stMain] svg[role=img]")
            assert diagram.count() == 1 and "L5" in diagram.get_attribute("aria-label")
        if sid == "timeline":
            page.locator(".vega-embed").first.wait_for()
            tap_and_wait(page, "Day 6", "✓ Day 6")
            tap_and_wait(page, "Day 10", "✓ Day 10")
            assert page.get_by_text(t("spasm_or_disc.steps.timeline.summary.bath", day=6)).is_visible()
            assert page.get_by_text(t("spasm_or_disc.illustration")).is_visible()
        if sid == "outlook":
            assert page.get_by_role("link", name=t("spasm_or_disc.steps.outlook.check_link")).is_visible()
            assert page.get_by_role("link", name=t("spasm_or_disc.steps.outlook.care_link")).is_visible()
        assert_fits(page, 1080)
        shot(page, f"spasm-kiosk-en-step{step}")
        if step < N:
            tap_and_wait(page, t("spasm_or_disc.next"), t("spasm_or_disc.step_of", n=step + 1, total=N))
    # The address bar follows the steps, so a reload shows the same screen.
    assert "step=6" in page.url
    page.reload()
    wait_for_app(page)
    assert page.get_by_text(t("spasm_or_disc.step_of", n=N, total=N), exact=True).is_visible()
    assert kiosk_page.real_errors() == []
    assert kiosk_page.foreign_requests() == []


def test_spanish_deep_links_and_level_choice_at_kiosk_size(kiosk_page):
    page = kiosk_page.page
    es = CONTENT.for_language("es")
    goto(kiosk_page, "/spasm-or-disc?lang=es&step=3&level=L4")
    assert page.get_by_text(es("spasm_or_disc.step_of", n=3, total=N), exact=True).is_visible()
    assert "L4" in page.locator("[data-testid=stMain] svg[role=img]").get_attribute("aria-label")
    tap_and_wait(page, "S1", "✓ S1")
    assert "S1" in page.locator("[data-testid=stMain] svg[role=img]").get_attribute("aria-label")
    assert page.get_by_text(es("spasm_or_disc.roots.S1.reflex")).is_visible()
    assert "level=S1" in page.url
    assert_fits(page, 1080)
    shot(page, "spasm-kiosk-es-step3-S1")
    for step in (2, 4, 5):
        goto(kiosk_page, f"/spasm-or-disc?lang=es&step={step}")
        assert page.get_by_text(es("spasm_or_disc.step_of", n=step, total=N), exact=True).is_visible()
        assert_fits(page, 1080)
        shot(page, f"spasm-kiosk-es-step{step}")
    goto(kiosk_page, "/spasm-or-disc?lang=es&step=99&level=L9")  # bad values: step 1, no error
    assert page.get_by_text(es("spasm_or_disc.step_of", n=1, total=N), exact=True).is_visible()
    assert page.locator("[data-testid=stException]").count() == 0
    assert kiosk_page.real_errors() == []
    assert kiosk_page.foreign_requests() == []


def test_tablet_size(tablet_page):
    page = tablet_page.page
    for step in (3, 5):
        goto(tablet_page, f"/spasm-or-disc?lang=en&mode=staff&step={step}&level=S1")
        assert_fits(page, 1024)
        shot(page, f"spasm-tablet-en-step{step}")
    assert tablet_page.real_errors() == []
    assert tablet_page.foreign_requests() == []

"""Staff tools in a real browser (tablet): level choice, handout download,
big targets, no console errors or foreign requests; a kiosk visitor gets the
polite notice only."""
from __future__ import annotations

import io

from pypdf import PdfReader

from explainer.content import Content
from tests.browser.harness import SCREENSHOTS, goto, shot, wait_for_app

CONTENT = Content.load()


def test_staff_tools_on_a_tablet(tablet_page):
    page = tablet_page.page
    goto(tablet_page, "/staff?lang=es&mode=staff")
    page.locator("[data-testid=stButtonGroup] button").filter(has_text="S1").first.click()
    wait_for_app(page)
    assert page.get_by_text(CONTENT.text("es", "staff.level_chosen", level="S1")).is_visible()
    step3 = page.get_by_role("link", name=CONTENT.text("es", "staff.step_link", n=3,
                                                      heading=CONTENT.text("es", "spasm_or_disc.steps.leg_map.heading")))
    assert "level=S1" in step3.get_attribute("href") and "step=3" in step3.get_attribute("href")
    for control in page.locator("[data-testid=stButtonGroup] button, [data-testid=stDownloadButton] button, "
                                "[data-testid=stPageLink] a").all():
        box = control.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, box
    shot(page, "staff_tablet_es")

    with page.expect_download() as info:
        page.get_by_role("button", name=CONTENT.text("es", "staff.download")).click()
    pdf = info.value
    path = SCREENSHOTS / "handout_es_S1.pdf"
    pdf.save_as(path)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert CONTENT.text("es", "staff.handout.title") in text
    assert CONTENT.text("es", "staff.handout.level_note", level="S1") in text
    assert tablet_page.real_errors() == []
    assert tablet_page.foreign_requests() == []


def test_kiosk_visitor_sees_only_a_polite_notice(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/staff?lang=en&mode=kiosk")
    assert page.get_by_text(CONTENT.text("en", "staff.not_staff_title")).is_visible()
    assert page.locator("[data-testid=stDownloadButton]").count() == 0
    shot(page, "staff_kiosk_notice")
    assert kiosk_page.real_errors() == []

"""/self-check and /care in a real browser: kiosk (1080x1920) and tablet (1024x1366).

A patient reaches the self-check from Home's tile, taps through to an outcome,
and follows the link to /care. Screenshots: tests/screenshots/self_check_* and care_*.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.content import Content
from explainer.triage import GROUPS
from tests.browser.harness import SCREENSHOTS, goto, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()


def tap(page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()
    wait_for_app(page)


def open_self_check_from_home(watched, lang: str) -> None:
    goto(watched, f"/?lang={lang}")
    watched.page.get_by_role("link", name=CONTENT.text(lang, "home.tiles.check_title")).click()
    wait_for_app(watched.page)
    watched.page.get_by_role("heading", name=CONTENT.text(lang, "self_check.title")).wait_for()


def answer_screen(page, index: int, yes=()) -> None:
    for question in GROUPS[index][1]:
        tap(page, f"self_check_{question}_{'yes' if question in yes else 'no'}")
    tap(page, "self_check_next")


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on this screen (outcomes too, not only the first screen)."""
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def assert_clean(watched) -> None:
    assert not watched.real_errors(), watched.real_errors()
    assert not watched.foreign_requests(), watched.foreign_requests()


def test_kiosk_self_care_path_then_care_page(kiosk_page):
    page = kiosk_page.page
    open_self_check_from_home(kiosk_page, "en")
    # big Yes/No targets (48 px minimum)
    box = page.locator(".st-key-self_check_saddle_numbness_yes button").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    shot(page, "self_check_kiosk_en_part1")
    for index in range(len(GROUPS)):
        if index == 1:
            assert page.get_by_text("Part 2 of 4").is_visible()
            shot(page, "self_check_kiosk_en_part2")
        answer_screen(page, index)
    page.get_by_role("heading", name=CONTENT.text("en", "self_check.outcomes.self_care.heading")).wait_for()
    assert page.get_by_text(CONTENT.text("en", "self_check.not_diagnosis")).is_visible()
    shot(page, "self_check_kiosk_en_self_care")
    assert_accessible(page)

    page.get_by_role("link", name=CONTENT.text("en", "self_check.outcomes.self_care.care_link")).click()
    wait_for_app(page)
    page.get_by_role("heading", name=CONTENT.text("en", "care.title")).wait_for()
    assert "/care" in page.url and "lang=en" in page.url
    chart = page.locator(".st-key-care-chart [data-testid=stVegaLiteChart]")
    chart.wait_for()
    page.locator(".st-key-care-chart .vega-embed svg, .st-key-care-chart .vega-embed canvas").first.wait_for()
    assert chart.bounding_box()["width"] > 700  # stretches across the kiosk column
    shot(page, "care_kiosk_en")
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "care_kiosk_en_chart.png"))
    assert_clean(kiosk_page)


def test_kiosk_emergency_shows_at_once_in_spanish(kiosk_page):
    page = kiosk_page.page
    open_self_check_from_home(kiosk_page, "es")
    tap(page, "self_check_bladder_bowel_change_yes")
    heading = page.get_by_role("heading", name=CONTENT.text("es", "self_check.outcomes.emergency.heading"))
    heading.wait_for()
    alert = page.locator(".st-key-self_check-emergency [data-testid=stAlert]")
    assert "911" in alert.inner_text()
    assert page.locator(".st-key-self_check_next").count() == 0  # no need to finish
    shot(page, "self_check_kiosk_es_emergency")
    assert_accessible(page)
    tap(page, "self_check_start_over")
    page.get_by_text(CONTENT.text("es", "self_check.progress", part=1, total=len(GROUPS))).wait_for()
    assert page.locator(".st-key-self_check-emergency").count() == 0
    assert_clean(kiosk_page)


def test_tablet_see_soon_and_care_deep_link(tablet_page):
    page = tablet_page.page
    open_self_check_from_home(tablet_page, "en")
    answer_screen(page, 0)
    answer_screen(page, 1, yes={"fever_or_unwell"})
    tap(page, "self_check_back")
    page.get_by_text("Part 2 of 4").wait_for()
    tap(page, "self_check_next")
    answer_screen(page, 2)
    answer_screen(page, 3)
    page.get_by_role("heading", name=CONTENT.text("en", "self_check.outcomes.see_soon.heading")).wait_for()
    assert page.get_by_text(CONTENT.text("en", "self_check.questions.fever_or_unwell.reason")).is_visible()
    shot(page, "self_check_tablet_en_see_soon")
    assert_accessible(page)

    goto(tablet_page, "/care?lang=es")
    page.get_by_role("heading", name=CONTENT.text("es", "care.title")).wait_for()
    page.locator(".st-key-care-chart .vega-embed").first.wait_for()
    shot(page, "care_tablet_es")
    page.locator(".st-key-care-come-back").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "care_tablet_es_come_back.png"))
    assert_clean(tablet_page)

"""The staff PIN in a real browser: asked once per session, a wrong PIN stays
in patient (kiosk) mode, the right one opens the staff tools; the PIN never
shows in a URL the browser asks for or in the server's log."""
from __future__ import annotations

import pytest

from explainer.common.content import Content
from tests.browser.harness import close_page, goto, make_server, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
PIN = "582017"
LANDSCAPE = {"width": 1180, "height": 820}


@pytest.fixture(scope="module")
def pin_server(tmp_path_factory):
    config = tmp_path_factory.mktemp("clinic") / "clinic.toml"
    config.write_text(f'[clinic]\nname = "Test Clinic"\n[kiosk]\nstaff_pin = "{PIN}"\n', encoding="utf-8")
    srv = make_server(EXPLAINER_CLINIC_CONFIG=str(config))
    srv.start()
    yield srv
    srv.stop()


def _type_pin(page, pin: str) -> None:
    field = page.get_by_label(CONTENT.text("en", "errors.pin.label"))
    field.fill(pin)
    page.get_by_role("button", name=CONTENT.text("en", "errors.pin.submit")).click()
    wait_for_app(page)


def test_wrong_pin_stays_kiosk_and_right_pin_opens_staff(browser, pin_server):
    watched = open_page(browser, pin_server.url, LANDSCAPE)
    page = watched.page
    goto(watched, "/staff?lang=en&mode=staff")
    prompt = page.locator(".st-key-staff_pin")
    assert prompt.is_visible()
    assert page.get_by_label(CONTENT.text("en", "errors.pin.label")).get_attribute("type") == "password"
    assert page.get_by_text(CONTENT.text("en", "staff.not_staff_title")).is_visible()  # kiosk until the PIN
    shot(page, "staff_pin_prompt_tablet")

    _type_pin(page, "000000")
    assert page.get_by_text(CONTENT.text("en", "errors.pin.wrong")).is_visible()
    assert "mode=kiosk" in page.url
    assert page.evaluate("!!window.__bseIdle")  # kiosk mode: the idle watch runs
    shot(page, "staff_pin_wrong_tablet")

    # Right after a wrong PIN the next one waits a moment (it is not even checked before):
    # try again while the prompt says so, as a person would.
    for _ in range(10):
        _type_pin(page, PIN)
        if not page.get_by_text(CONTENT.text("en", "errors.pin.wait_moment")).is_visible():
            break
        page.wait_for_timeout(500)
    page.wait_for_function("() => location.search.includes('mode=staff')", timeout=20_000)
    wait_for_app(page)
    assert page.get_by_text(CONTENT.text("en", "staff.privacy")).is_visible()
    assert not prompt.is_visible()
    shot(page, "staff_pin_open_tablet")

    # Once per session: Home in staff mode asks nothing more.
    page.get_by_role("link", name=CONTENT.text("en", "common.home")).first.click()
    wait_for_app(page)
    assert page.locator(".st-key-staff_pin").count() == 0
    assert all(PIN not in url for url in watched.requests + [page.url])
    assert PIN not in pin_server.log.read_text(encoding="utf-8", errors="replace")
    assert watched.real_errors() == []
    close_page(page)


def test_kiosk_mode_never_shows_the_prompt(kiosk_page_for_pin):
    page = kiosk_page_for_pin.page
    for path in ("/?mode=kiosk", "/sources?mode=kiosk", "/staff?mode=kiosk"):
        goto(kiosk_page_for_pin, path)
        assert page.locator(".st-key-staff_pin").count() == 0


@pytest.fixture
def kiosk_page_for_pin(browser, pin_server):
    watched = open_page(browser, pin_server.url)
    yield watched
    close_page(watched)

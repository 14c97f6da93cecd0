"""An unattended kiosk: idle warning and reset, "I'm still here", plain taps,
staff mode, and recovery after a server restart (issue 6).

One server for the module with a 4 s idle time, so the warning shows after
4 s and the countdown (min(20 s, half the idle time) = 2 s) ends 2 s later.
"""
from __future__ import annotations

import time

import pytest

from explainer.content import Content
from tests.browser.harness import KIOSK, goto, make_server, open_page, shot, wait_for_app

IDLE = 4
WARN = 2
CONTENT = Content.load()
OVERLAY = "[data-testid=idle-warning]"


@pytest.fixture(scope="module")
def server():
    srv = make_server(EXPLAINER_IDLE_SECONDS=str(IDLE))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def kiosk(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    watched.page.context.close()


def _home_shown(page, lang: str) -> bool:
    title = page.locator("h1").first
    path = "/" + page.url.split("?")[0].split("/", 3)[3]
    # After st.switch_page Streamlit shows Home's page name (/home); a reload shows "/".
    return path in ("/", "/home") and title.is_visible() and title.inner_text() == CONTENT.text(lang, "home.title")


def _wait_home(page, lang: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if _home_shown(page, lang):
                return time.monotonic() - start
        except Exception:  # the page is navigating
            pass
        page.wait_for_timeout(100)
    raise AssertionError(f"Home ({lang}) not shown within {timeout} s; url={page.url}")


def test_warning_then_reset_to_home_in_default_language(kiosk):
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=kiosk")
    page.get_by_role("button", name=CONTENT.text("es", "common.bigger_text")).click()
    wait_for_app(page)
    touched = time.monotonic()

    page.wait_for_selector(OVERLAY, state="visible", timeout=(IDLE + 2) * 1000)
    warned_after = time.monotonic() - touched
    dialog = page.get_by_role("alertdialog")
    assert CONTENT.text("es", "idle.title") in dialog.inner_text()
    assert page.get_by_role("button", name=CONTENT.text("es", "idle.stay")).is_visible()
    box = page.locator("[data-testid=idle-stay]").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    shot(page, "idle_warning_es")

    _wait_home(page, "en", timeout=WARN + 8)
    reset_after = time.monotonic() - touched
    wait_for_app(page)
    assert not page.locator(OVERLAY).is_visible()
    assert "lang=en" in page.url and "mode=kiosk" in page.url
    # The answers are gone: text size is back to normal, language back to English.
    assert page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).is_visible()
    shot(page, "idle_after_reset")
    print(f"warning after {warned_after:.1f} s, Home after {reset_after:.1f} s (idle {IDLE} s + warning {WARN} s)")
    assert IDLE - 0.5 <= warned_after <= IDLE + 1.5
    assert reset_after <= IDLE + WARN + 3
    assert kiosk.real_errors() == []
    assert kiosk.foreign_requests() == []


def test_still_here_keeps_the_page(kiosk):
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=kiosk")
    page.wait_for_selector(OVERLAY, state="visible", timeout=(IDLE + 2) * 1000)
    page.get_by_role("button", name=CONTENT.text("es", "idle.stay")).tap()
    assert not page.locator(OVERLAY).is_visible()
    page.wait_for_timeout((IDLE - 1) * 1000)  # well past when the countdown would have ended
    assert "/sources" in page.url
    assert page.locator("h1").first.inner_text() == CONTENT.text("es", "sources.title")
    assert kiosk.real_errors() == []


def test_plain_taps_on_text_count_as_activity(kiosk):
    page = kiosk.page
    goto(kiosk, "/sources?lang=en&mode=kiosk")
    heading = page.locator("h1").first
    renders = page.evaluate("window.__bseIdle.renders")
    for _ in range(5):  # 5 x 1.6 s = 8 s, longer than idle + warning
        page.wait_for_timeout(1600)
        heading.tap()  # changes no widget: the server never hears of it
        assert not page.locator(OVERLAY).is_visible()
    assert "/sources" in page.url
    # No flicker: the watch kept time in the browser; nothing was redrawn.
    assert page.evaluate("window.__bseIdle.renders") == renders
    assert kiosk.real_errors() == []


def test_staff_mode_never_resets(kiosk):
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=staff")
    page.wait_for_timeout((IDLE + WARN + 2) * 1000)
    assert not page.locator(OVERLAY).is_visible()
    assert "/sources" in page.url and "mode=staff" in page.url
    assert page.locator("h1").first.inner_text() == CONTENT.text("es", "sources.title")


def test_open_page_recovers_from_server_restart(kiosk, server):
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=kiosk")
    page.locator("h1").first.tap()
    started = time.monotonic()
    server.restart()  # same port, new process
    restarted = time.monotonic() - started
    # Recovery must not be the idle reset: keep touching so the idle clock never runs out.
    deadline = time.monotonic() + 15
    recovered = None
    while time.monotonic() < deadline:
        try:
            page.mouse.wheel(0, 1)
            if _home_shown(page, "en"):
                recovered = time.monotonic() - started
                break
        except Exception:
            pass
        page.wait_for_timeout(200)
    assert recovered is not None, f"no Home within 15 s of the restart; url={page.url}"
    wait_for_app(page)
    shot(page, "idle_after_restart")
    print(f"server restart took {restarted:.1f} s; Home back {recovered:.1f} s after the restart began")
    assert page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).is_visible()

"""A replay never keeps an unattended kiosk from resetting.

Taps count as activity (ui/idle.js); a replay playing on its own does not.
One server for the module with a 6 s idle time: the warning shows 6 s after
the "Watch it happen" tap, while a slow replay (about 11 s) still plays, and
the kiosk returns Home 3 s later with the choice forgotten. (At 4 s, a page
load and a tap on a busy machine once took longer than the idle time, and the
warning covered "Slow" before the test could tap it.)
"""
from __future__ import annotations

import time

import pytest

from explainer.common.content import Content
from tests.browser.harness import KIOSK, close_page, goto, make_server, open_page, wait_for_app

pytestmark = pytest.mark.browser

IDLE = 6
WARN = 3  # min(20 s, half the idle time): ui/idle.py warning_seconds
CONTENT = Content.load()


@pytest.fixture(scope="module")
def server():
    srv = make_server(EXPLAINER_IDLE_SECONDS=str(IDLE))
    srv.start()
    yield srv
    srv.stop()


def test_a_replay_does_not_hold_off_the_idle_reset(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    page = watched.page
    try:
        goto(watched, "/reflex?lang=en&mode=kiosk")
        page.get_by_role("radio", name="Slow").click()  # the slowest replay: about 11 s
        wait_for_app(page)
        page.locator(".bse-replay-watch").click()
        tapped = time.monotonic()
        page.wait_for_selector("[data-testid=idle-warning]", state="visible", timeout=(IDLE + 3) * 1000)
        assert page.evaluate("!!window.__bseReplay.playing")  # the warning came while it played
        page.wait_for_function(
            f"document.querySelector('h1') && document.querySelector('h1').innerText === {CONTENT.text('en', 'home.title')!r}",
            timeout=(WARN + 6) * 1000,
        )
        assert time.monotonic() - tapped < IDLE + WARN + 6
        assert not page.evaluate("window.__bseReplay && window.__bseReplay.playing")  # stopped when the page left
        assert page.evaluate("document.body.value") is None  # the visitor's choice is forgotten
    finally:
        close_page(page)

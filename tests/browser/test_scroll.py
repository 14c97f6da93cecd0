"""ui/scroll.py in a real browser at 1080x1920: a new view (Next on the same
page, a rerun) opens at its top; a rerun that keeps the view (a tap on a choice)
keeps the scroll. Both scopes (the shell's per part, a page's per screen) live
on one page without fighting.

On Streamlit 1.67 a change of page already opens at the top (the app's scroll
container is drawn anew); tests/browser/test_journey.py checks that for every
part of the "Start here" path. A rerun of the same page keeps the old scroll,
which is what this helper is for."""
from __future__ import annotations

import sys

import pytest

from tests.browser.harness import KIOSK, Server, close_page, make_server, open_page, wait_for_app

pytestmark = pytest.mark.browser
MAIN = "document.querySelector('[data-testid=stMain]')"


class ScriptServer(Server):
    """The harness's server, running another script."""

    script: str = "tests/browser/scroll_app.py"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
                "--server.address", "127.0.0.1"]


@pytest.fixture(scope="module")
def scroll_server():
    base = make_server()
    srv = ScriptServer(base.port, base.env)
    srv.start()
    yield srv
    srv.stop()


def _scroll_to_bottom(page) -> int:
    page.mouse.move(540, 1000)
    for _ in range(30):
        page.mouse.wheel(0, 900)
    page.wait_for_timeout(300)
    return page.evaluate(f"{MAIN}.scrollTop")


def test_next_on_the_same_page_opens_at_the_top_and_a_choice_keeps_the_scroll(browser, scroll_server):
    watched = open_page(browser, scroll_server.url, KIOSK)
    page = watched.page
    page.goto(scroll_server.url)
    wait_for_app(page)
    assert _scroll_to_bottom(page) > 1000

    page.get_by_role("button", name="Choose").tap()  # a rerun that shows the same view
    wait_for_app(page)
    page.wait_for_timeout(400)
    kept = page.evaluate(f"{MAIN}.scrollTop")
    assert kept > 1000, "a tap that keeps the view must not jump to the top"

    page.get_by_role("button", name="Next").tap()  # a new view on the same page
    page.wait_for_function("() => document.querySelector('h1').innerText === 'Screen 2'")
    wait_for_app(page)
    page.wait_for_timeout(400)
    assert page.evaluate(f"{MAIN}.scrollTop") == 0
    heading = page.locator("h1").bounding_box()
    assert heading["y"] >= 0 and heading["y"] + heading["height"] <= KIOSK["height"]
    # (This little app has no static/ folder beside it, so only its fonts are missing.)
    assert [e for e in watched.real_errors() if ".ttf" not in e and "404 (Not Found)" not in e] == []
    close_page(page)


def test_a_fresh_load_never_scrolls_so_a_finger_already_scrolling_keeps_its_place(browser, scroll_server):
    """A page load starts at the top by itself: neither scope may scroll then. Each used to
    scroll once it was first seen after the page's very first element, and again 120 ms
    later: a full run lost a tap on the walkthrough's Back at 1180x820 that way (Playwright
    had scrolled Back into view, the late scroll put the page back at its top, the tap
    landed elsewhere). A patient scrolling at once would have been pulled back the same way."""
    watched = open_page(browser, scroll_server.url, KIOSK)
    page = watched.page
    page.goto(scroll_server.url)
    wait_for_app(page)
    assert _scroll_to_bottom(page) > 1000
    page.wait_for_timeout(300)  # past the 120 ms re-scroll
    assert page.evaluate("window.__bseScroll.count") == 0, "a fresh load scrolled the page"
    assert page.evaluate(f"{MAIN}.scrollTop") > 1000
    close_page(page)

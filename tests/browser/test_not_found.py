"""Unknown addresses in a real browser: the app's own "not found" screen in the
kiosk's language, with the idle watch and restart watchdog, and a way Home that
works; never Streamlit's English "Page not found" dialog, never a white page.

Before: /nonexistent and /Desk showed Streamlit's English dialog over Home, and
/%2e%2e/%2e%2e/etc/passwd a white page with no watchdog."""
from __future__ import annotations

import http.client

import pytest

from explainer.common.content import Content
from tests.browser.harness import close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
SCREEN = ".st-key-bse_not_found"


@pytest.mark.parametrize("path, lang", [("/nonexistent?lang=es", "es"), ("/Desk", "en"), ("/desk/x?lang=es", "es"),
                                        ("/%2e%2e/%2e%2e/etc/passwd?lang=es", "es")])
def test_unknown_paths_show_the_apps_not_found_screen_which_leads_home(browser, server, path, lang):
    watched = open_page(browser, server.url)
    page = watched.page
    page.goto(server.url + path)
    page.wait_for_selector(f"{SCREEN} h2", timeout=20_000)
    wait_for_app(page)
    screen = page.locator(SCREEN).inner_text()
    assert CONTENT.text(lang, "errors.not_found.title") in screen
    assert page.locator("[data-testid=stDialog]").count() == 0  # no Streamlit "Page not found"
    assert "Page not found" not in page.inner_text("body")
    page.wait_for_function("() => !!(window.__bseIdle && window.__bseIdle.cfg)", timeout=10_000)  # watch + watchdog
    assert page.evaluate("window.__bseIdle.cfg.armed")  # a kiosk left here goes back Home by itself
    shot(page, "not_found_" + path.strip("/").split("?")[0].replace("/", "_").replace("%", ""))
    page.get_by_role("link", name=CONTENT.text(lang, "common.home")).click()
    page.wait_for_selector(f"{SCREEN}", state="detached", timeout=20_000)
    wait_for_app(page)
    assert CONTENT.text(lang, "home.title") in page.inner_text("body")
    close_page(page)


def test_a_climbing_path_is_never_a_bare_error(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/%2e%2e/%2e%2e/etc/passwd")
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200 and b'<div id="root">' in body  # the app's page, not "Bad Request"
    assert b"root:x:0:0" not in body  # never a file from outside the app

"""The app's own plain screens in a real browser: a clinic file that cannot be
read (Latin-1, UTF-16, binary, a bad web address, a payload in a bad value)
and an uncaught exception in a page (as a deep link before app.py ran, and
through app.py). Each must show the plain screen in both languages, with the
idle watch and restart watchdog, no Streamlit error box and no link to
another host; the log names the file and the problem.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.common.content import Content
from tests.browser.harness import close_page, goto, open_page, shot
from tests.browser.server_spy import make_spy_server

pytestmark = pytest.mark.browser
CONTENT = Content.load()
IDLE = 4

BROKEN = {
    "latin1": '[clinic]\nname = "Clínica del Sur"\n'.encode("latin-1"),
    "utf16": '[clinic]\nname = "Clínica"\n'.encode("utf-16"),
    "utf16-no-bom": '[clinic]\nname = "Clínica"\n'.encode("utf-16-le"),
    "binary": bytes(range(256)) * 4,
    "bad-url": b'[clinic]\nname = "X"\nwebsite = "http://[oops"\n',
    "payload-in-bad-value": b'[clinic]\nname = "X"\n[kiosk]\nlanguages = ["![l](http://evil.example/l.png) [a](http://evil.example/)"]\n',
}
#: What the staff line says for each (file name, then the problem).
PROBLEM = {
    "latin1": "is not UTF-8 text",
    "utf16": "is saved as UTF-16",
    "utf16-no-bom": "is not a text file",
    "binary": "is not a text file",
    "bad-url": "website: is not a web address",
    "payload-in-bad-value": "languages: must list some of",
}


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    config = tmp_path_factory.mktemp("clinic") / "clinic.toml"
    config.write_bytes(BROKEN["latin1"])
    srv = make_spy_server(EXPLAINER_CLINIC_CONFIG=str(config), EXPLAINER_IDLE_SECONDS=str(IDLE))
    srv.start()
    srv.config = config
    yield srv
    srv.stop()


def assert_plain_screen(watched, title_key: str, body_key: str) -> None:
    page = watched.page
    page.wait_for_selector(".st-key-bse_plain_screen h2", timeout=20_000)
    # Idle watch and restart watchdog: the component is mounted and its script runs.
    # It is drawn last, so the whole screen (both languages, the staff line) is there.
    page.wait_for_function("() => !!(window.__bseIdle && window.__bseIdle.started)", timeout=10_000)
    screen = page.locator(".st-key-bse_plain_screen").inner_text()
    for lang in ("en", "es"):
        assert CONTENT.text(lang, title_key) in screen
        assert CONTENT.text(lang, body_key) in screen
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Ask Google" not in page.inner_text("body") and "ChatGPT" not in page.inner_text("body")
    own = watched.base
    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    assert [href for href in links if not href.startswith(own)] == []
    assert watched.foreign_requests() == []
    serious = [f"{v['id']}: {v['help']}" for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("case", list(BROKEN))
def test_unreadable_clinic_file_shows_the_plain_screen(browser, broken_server, case):
    broken_server.config.write_bytes(BROKEN[case])
    watched = open_page(browser, broken_server.url)
    goto(watched, "/?lang=es")
    assert_plain_screen(watched, "common.not_set_up_title", "common.not_set_up_body")
    detail = watched.page.locator(".st-key-bse_plain_screen [data-testid=stText]").inner_text()
    assert str(broken_server.config) in detail and PROBLEM[case] in detail
    # The screen's first language is the one asked for.
    first = watched.page.locator(".st-key-bse_plain_screen h2").first.inner_text()
    assert first == CONTENT.text("es", "common.not_set_up_title")
    shot(watched.page, f"plain_not_set_up_{case}")
    assert f"{broken_server.config}: " in broken_server.log_text()  # the log names the file
    close_page(watched)


def test_plain_screen_idle_watch_warns(browser, broken_server):
    broken_server.config.write_bytes(BROKEN["bad-url"])
    watched = open_page(browser, broken_server.url)
    goto(watched, "/")
    watched.page.wait_for_selector("[data-testid=idle-warning]", state="visible", timeout=(IDLE + 4) * 1000)
    close_page(watched)


@pytest.fixture(scope="module")
def faulty_server():
    srv = make_spy_server(EXPLAINER_TEST_FAULT="footer")
    srv.start()
    yield srv
    srv.stop()


@pytest.mark.parametrize("path", ["/sources?lang=es", "/", "/care"])
def test_page_exception_shows_the_plain_screen(browser, faulty_server, path):
    """The first request is a deep link served from pages/ (before app.py ran); then via app.py."""
    watched = open_page(browser, faulty_server.url)
    goto(watched, path)
    assert_plain_screen(watched, "errors.error_title", "errors.error_body")
    page = watched.page
    # What the page drew before it failed is hidden, not just covered.
    assert page.locator("h1").first.is_hidden()
    start = page.locator(".st-key-bse_plain_screen a.fallback-link")
    assert start.is_visible() and start.get_attribute("href").startswith("/?lang=")
    box = start.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    shot(page, "plain_page_error" + path.split("?")[0].replace("/", "_"))
    log = faulty_server.log_text()
    assert "page error at tests/browser/server_spy.py" in log and "RuntimeError: planted page fault" in log
    assert "(page pages/" in log
    close_page(watched)

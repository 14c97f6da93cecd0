"""A broken content file (assets/content/es/*.toml cut mid-character, or with a
Latin-1 byte) in a real browser: the app's own "not set up" screen naming the
file, with the idle watch and restart watchdog, never Streamlit's error box;
once the file is fixed and the server restarted, the open page comes back by
itself.

Before: Streamlit's English error box ("if you're on Streamlit Cloud, click on
'Manage app'"), no idle watch, no watchdog; after the fix and a restart the
page stayed on the box.

The server runs from a copy of the app (the worktree's own files are never
broken), on loopback.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.common.content import Content
from tests.browser.harness import ROOT, Server, close_page, make_server, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
IDLE = 4
BROKEN_FILE = "assets/content/es/desk.toml"


@pytest.fixture
def app_copy(tmp_path):
    copy = tmp_path / "app"
    copy.mkdir()
    for name in ("app.py", "clinic.toml"):
        shutil.copy2(ROOT / name, copy / name)
    for folder in ("pages", "ui", "explainer", "assets", "static", ".streamlit"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _start(copy: Path) -> Server:
    """The app served from a copy of its files, through its own launcher."""
    base = make_server(EXPLAINER_IDLE_SECONDS=str(IDLE), EXPLAINER_CLINIC_CONFIG=str(copy / "clinic.toml"))
    srv = Server(base.port, base.env, root=copy)
    srv.start()
    return srv


@pytest.mark.parametrize("how", ["cut-mid-character", "latin1-byte"])
def test_a_broken_content_file_shows_the_apps_screen_and_recovers(browser, app_copy, how):
    path = app_copy / BROKEN_FILE
    good = path.read_bytes()
    if how == "cut-mid-character":
        at = good.index("í".encode()) + 1  # the first byte of a two-byte letter, without the second
        path.write_bytes(good[:at])
    else:
        path.write_bytes(good.replace("í".encode(), "í".encode("latin-1"), 1))
    srv = _start(app_copy)
    try:
        watched = open_page(browser, srv.url)
        page = watched.page
        page.goto(srv.url + "/?lang=es&mode=kiosk")
        page.wait_for_selector(".st-key-bse_plain_screen h2", timeout=20_000)
        # The screen streams in: title, body, the staff line, then the idle watch and
        # watchdog. Read it once the watch runs (the title alone arrived first once).
        page.wait_for_function("() => !!(window.__bseIdle && window.__bseIdle.cfg)", timeout=10_000)
        screen = page.locator(".st-key-bse_plain_screen").inner_text()
        assert CONTENT.text("en", "common.not_set_up_title") in screen
        assert "desk.toml" in screen and "UTF-8" in screen  # the staff line names the file and the problem
        body = page.inner_text("body")
        assert "Streamlit Cloud" not in body and "Manage app" not in body
        assert page.locator("[data-testid=stException]").count() == 0
        shot(page, f"broken_content_{how}_kiosk")

        # Fixed, then restarted: the open page finds Home by itself.
        path.write_bytes(good)
        page.evaluate("window.__bseBefore = 1")
        srv.stop()
        srv.start()
        page.wait_for_function("() => !window.__bseBefore && document.readyState === 'complete'", timeout=30_000)
        wait_for_app(page)
        page.wait_for_selector("[data-testid=stMain] h1", timeout=20_000)
        assert page.locator(".st-key-bse_plain_screen").count() == 0
        assert CONTENT.text("en", "home.title") in page.inner_text("body")
        close_page(page)
    finally:
        srv.stop()

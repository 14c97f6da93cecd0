"""An unattended kiosk: idle warning and reset, "I'm still here", plain taps,
staff mode, recovery after a server restart and after an outage, and a quiet
untouched Home.

One server for the module with a 4 s idle time, so the warning shows after
4 s and the countdown (min(20 s, half the idle time) = 2 s) ends 2 s later.

Two ways back to Home, told apart without timing: the server's reset is no
page load (a marker left on ``window`` survives, ``__bseIdle.serverResets``
counts it); the browser's fallback is a page load whose reason the idle
script writes to sessionStorage and reads back into ``__bseIdle.arrivedBy``.
"""
from __future__ import annotations

import time

import pytest

from explainer.common.content import Content
from tests.browser.harness import (
    KIOSK, close_page, goto, make_server, open_page, shot, still_touching, wait_for_app, wait_for_idle_script,
)
from ui.idle import FALLBACK_MS

IDLE = 4
WARN = 2
CONTENT = Content.load()
OVERLAY = "[data-testid=idle-warning]"
WAIT = "[data-testid=outage-wait]"
#: Outage across an idle reset, and how soon Home must be back once health passes.
OUTAGE_S = 30
BACK_WITHIN_S = 5


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
    close_page(watched)


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
    page.evaluate("window.__testMarker = 'same page'")
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
    # Home's heading can be painted a few frames before the watch's own render
    # reaches idle.js (the component is called after React mounts it); the
    # countdown goes with that render (test_scripts_unit checks: at once, not at
    # the next tick). So wait for the render, then the overlay must be gone.
    page.wait_for_function("window.__bseIdle.serverResets >= 1", timeout=5_000)
    assert not page.locator(OVERLAY).is_visible()
    assert "lang=en" in page.url and "mode=kiosk" in page.url
    # The answers are gone: text size is back to normal, language back to English.
    assert page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).is_visible()
    shot(page, "idle_after_reset")
    print(f"warning after {warned_after:.1f} s, Home after {reset_after:.1f} s (idle {IDLE} s + warning {WARN} s)")
    assert IDLE - 0.5 <= warned_after <= IDLE + 1.5
    # The server reset it: the same page (no load, so no fallback), one reset counted.
    assert page.evaluate("window.__testMarker") == "same page"
    assert page.evaluate("window.__bseIdle.serverResets") == 1
    assert page.evaluate("window.__bseIdle.arrivedBy") is None
    assert kiosk.real_errors() == []
    assert kiosk.foreign_requests() == []


def test_lost_reset_falls_back_to_loading_home(kiosk):
    """The server never hears "expired" (its answer lost): the browser loads Home itself."""
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=kiosk")
    page.get_by_role("button", name=CONTENT.text("es", "common.bigger_text")).click()
    wait_for_app(page)
    page.evaluate("window.__testMarker = 'same page'")
    page.wait_for_selector(OVERLAY, state="visible", timeout=(IDLE + 2) * 1000)
    page.evaluate("window.__bseIdle.trigger = () => {}")  # the report goes nowhere
    _wait_home(page, "en", timeout=WARN + FALLBACK_MS / 1000 + 8)
    wait_for_app(page)
    assert page.evaluate("window.__testMarker") is None  # a new page load
    wait_for_idle_script(page)
    assert page.evaluate("window.__bseIdle.arrivedBy") == "fallback"
    assert page.evaluate("window.__bseIdle.serverResets") == 0
    assert page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).is_visible()


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
    wait_for_idle_script(page)
    renders = page.evaluate("window.__bseIdle.renders")
    for _ in range(5):  # 5 x 1.6 s = 8 s, longer than idle + warning
        page.wait_for_timeout(1600)
        heading.tap()  # changes no widget: the server never hears of it
        assert not page.locator(OVERLAY).is_visible()
    assert "/sources" in page.url
    # No flicker: the watch kept time in the browser; nothing was redrawn.
    assert page.evaluate("window.__bseIdle.renders") == renders
    assert kiosk.real_errors() == []


def test_staff_mode_keeps_its_page_past_the_kiosk_idle_time(kiosk):
    """Staff mode follows staff_idle_seconds (600 s by default), not the kiosk's idle time:
    past the kiosk's warning and reset, a staff page is still there (its relock is tested
    in test_staff_relock_restart.py)."""
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
            still_touching(page)
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


def test_outage_across_an_idle_reset_waits_then_loads_home(kiosk, server):
    """The server goes away during the countdown for 30 s: the kiosk never
    navigates to it while it is down (no Chromium error page), shows "One
    moment" in the screen's language, and loads Home soon after health passes."""
    page = kiosk.page
    goto(kiosk, "/sources?lang=es&mode=kiosk")
    page.locator("h1").first.tap()
    urls = []
    page.on("framenavigated", lambda frame: urls.append(frame.url) if frame == page.main_frame else None)
    page.wait_for_selector(OVERLAY, state="visible", timeout=(IDLE + 2) * 1000)
    server.stop()  # the reset is due inside the outage
    down_at = time.monotonic()
    waited = False
    while time.monotonic() - down_at < OUTAGE_S:
        if page.locator(WAIT).is_visible():
            waited = True
            assert page.locator(WAIT).inner_text().startswith(CONTENT.text("es", "idle.wait_title"))
        assert not page.url.startswith("chrome-error"), page.url
        page.wait_for_timeout(500)
    shot(page, "outage_wait_es")
    asked = []  # when the kiosk asks for a page: what its own script decides
    page.on("request", lambda req: asked.append(time.monotonic()) if req.resource_type == "document" else None)
    server.start()  # returns once /_stcore/health answers
    up_at = time.monotonic()
    shown = _wait_home(page, "en", timeout=BACK_WITHIN_S + 25)
    wait_for_app(page)
    print(f"outage {OUTAGE_S} s across an idle reset: Home asked for {asked[0] - up_at:.1f} s and shown "
          f"{shown:.1f} s after health passed")
    assert waited
    assert not any(url.startswith("chrome-error") for url in urls), urls
    # The kiosk asks for Home within 5 s of the server answering again. How long Home then
    # takes to draw is the app's speed on this machine (8.8 s once at load average 25).
    assert asked and asked[0] - up_at <= BACK_WITHIN_S, asked
    assert not page.locator(WAIT).is_visible()
    wait_for_idle_script(page)
    assert page.evaluate("window.__bseIdle.arrivedBy") in ("watchdog", "fallback")


@pytest.fixture
def clocked(browser, server):
    """A kiosk page whose clock Playwright runs (an hour passes in seconds): in a browser
    context of its own, as a clock is the context's."""
    watched = open_page(browser, server.url, KIOSK, private=True)
    watched.page.clock.install()
    yield watched
    close_page(watched)


def test_untouched_home_never_warns_for_an_hour(clocked):
    page = clocked.page
    goto(clocked, "/?lang=en&mode=kiosk")
    page.evaluate("window.__testMarker = 'same page'")
    wait_for_idle_script(page)
    renders = page.evaluate("window.__bseIdle.renders")
    state = "() => [window.__testMarker, window.__bseIdle.warnings || 0, window.__bseIdle.serverResets, window.__bseIdle.fired]"
    for minute in range(60):
        page.clock.run_for(60_000)
        page.wait_for_timeout(50)  # let the real network (health checks, a reset) answer between minutes
        assert page.evaluate(state) == ["same page", 0, 0, False], f"after {minute + 1} min"
    page.wait_for_timeout(500)
    assert page.evaluate(state) == ["same page", 0, 0, False]
    assert page.evaluate("window.__bseIdle.renders") == renders  # nothing reran or redrew
    assert page.locator("h1").first.inner_text() == CONTENT.text("en", "home.title")


@pytest.mark.parametrize("change", ["language", "bigger_text"])
def test_home_with_something_to_clear_still_resets(clocked, change):
    page = clocked.page
    goto(clocked, "/?lang=en&mode=kiosk")
    if change == "language":
        page.get_by_role("button", name="Español").click()
        lang_after = "es"
    else:
        page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).click()
        lang_after = "en"
    page.wait_for_function("() => window.__bseIdle && window.__bseIdle.cfg.armed === true", timeout=20_000)
    wait_for_app(page)
    page.evaluate("window.__testMarker = 'same page'")
    assert page.locator("h1").first.inner_text() == CONTENT.text(lang_after, "home.title")
    page.clock.run_for((IDLE + 1) * 1000)
    page.wait_for_selector(OVERLAY, state="visible", timeout=5_000)
    page.clock.run_for((WARN + 1) * 1000)
    page.wait_for_function("() => window.__bseIdle.serverResets === 1", timeout=20_000)
    wait_for_app(page)
    assert page.evaluate("window.__testMarker") == "same page"  # the server's reset
    assert page.locator("h1").first.inner_text() == CONTENT.text("en", "home.title")
    assert page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).is_visible()
    assert page.evaluate("window.__bseIdle.cfg.armed") is False  # fresh Home: quiet again

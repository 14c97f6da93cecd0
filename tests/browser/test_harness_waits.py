"""The browser tests' own wait (harness.wait_for_app) waits for the run a tap asked
for, not only for the page to say "notRunning": on a busy machine that state is
also true in the moment before a tap's rerun starts, and tests read the old page
(a journey tap timed out at load average 25 while its button was being replaced)."""
from __future__ import annotations

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.harness import (
    APP_SETTLED_JS, KIOSK, RUN_DONE_JS, RUN_TRACKER_JS, close_page, goto, open_page, still_touching, wait_for_app,
    wait_for_idle_script,
)

pytestmark = pytest.mark.browser

#: A stand-in for the browser's WebSocket, installed before the tracker so the tracker
#: extends it: `send` records, `window.__deliver(bytes)` plays a message from the server.
FAKE_SOCKET_JS = """(() => {
  class FakeSocket extends EventTarget {
    constructor(url) { super(); this.url = url; window.__sent = []; window.__socket = this; }
    send(data) { window.__sent.push(data); }
  }
  window.WebSocket = FakeSocket;
  window.__deliver = list => window.__socket.dispatchEvent(
    new MessageEvent("message", {data: new Uint8Array(list).buffer}));
})()"""


def _back(kind: str) -> list[int]:
    msg = BackMsg()
    if kind == "rerun":
        msg.rerun_script.query_string = "lang=en"
        msg.rerun_script.widget_states.SetInParent()
    else:
        msg.app_heartbeat = True
    return list(msg.SerializeToString())


def _forward(status: int | None) -> list[int]:
    msg = ForwardMsg()
    msg.hash = "x" * 12
    if status is None:
        msg.delta.new_element.markdown.body = "a" * 300  # a long field before nothing
    else:
        msg.script_finished = status
    return list(msg.SerializeToString())


@pytest.fixture
def blank_page(browser):
    """A blank page whose WebSocket is FAKE_SOCKET_JS's, with the run tracker."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FAKE_SOCKET_JS)
    page.add_init_script(RUN_TRACKER_JS)
    page.goto("about:blank")
    yield page
    context.close()


def test_the_run_tracker_counts_what_streamlit_sends_and_finishes(blank_page):
    page = blank_page
    page.evaluate("new WebSocket('ws://example.invalid/_stcore/stream')")
    done = lambda: page.evaluate(RUN_DONE_JS)  # noqa: E731
    send = lambda data: page.evaluate("d => window.__socket.send(new Uint8Array(d))", data)  # noqa: E731
    deliver = lambda data: page.evaluate("d => window.__deliver(d)", data)  # noqa: E731

    assert not done()  # a socket, and no run finished yet: the page's first run is awaited
    send(_back("rerun"))
    deliver(_forward(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert done()
    send(_back("heartbeat"))  # not a run
    assert done()
    send(_back("rerun"))  # a tap
    assert not done()
    deliver(_forward(None))  # the rerun's elements arrive
    assert not done()
    deliver(_forward(ForwardMsg.FINISHED_EARLY_FOR_RERUN))  # an older run stopped for it
    assert not done()
    deliver(_forward(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert done()
    assert page.evaluate("window.__sent.length") == 3  # every message still went out

    # A tap whose rerun request leaves a moment later: awaited from the tap on.
    page.evaluate("document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}))")
    assert not done()
    send(_back("rerun"))
    assert not done()
    deliver(_forward(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert done()
    # A tap that asks for no run (a choice answered in the browser): done once
    # INPUT_GRACE_MS have passed with no request.
    page.evaluate("document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}))")
    assert not done()
    page.wait_for_function(RUN_DONE_JS, timeout=2_000)


def test_after_a_tap_wait_for_app_sees_the_taps_own_rerun(browser, server):
    """Three quick "None of these" taps, each followed by wait_for_app: every tap's
    request is counted and its run finished before the next tap, and each lands on
    the next page of questions (a read before the rerun would tap the same page twice)."""
    watched = open_page(browser, server.url)
    try:
        page = watched.page
        goto(watched, "/self-check?lang=en")
        for page_number in (2, 3, 4):
            before = page.evaluate("window.__bseRuns.asked")
            page.locator(".st-key-self_check_none button").click()
            wait_for_app(page)
            runs = page.evaluate("window.__bseRuns")
            assert runs["asked"] > max(before, runs["inputSeq"]) and runs["done"] > runs["asked"], runs
            assert page.get_by_text(f"Page {page_number} of 7").count() == 1
    finally:
        close_page(watched)


def test_the_settled_wait_needs_every_condition_on_three_frames_in_a_row(blank_page):
    """APP_SETTLED_JS, wait_for_app's one condition, called as Playwright polls it (once
    per frame): false while a run is awaited, the app runs, a placeholder shows or the
    page holds something unseen; true on the third call in a row with all of it true,
    and a new wait (token) counts again."""
    page = blank_page
    page.evaluate("""() => {
        const app = document.createElement('div');
        app.setAttribute('data-testid', 'stApp');
        app.setAttribute('data-test-script-state', 'running');
        document.body.append(app);
    }""")
    poll = lambda token: page.evaluate(APP_SETTLED_JS, token)  # noqa: E731
    state = lambda value: page.evaluate(  # noqa: E731
        "v => document.querySelector('[data-testid=stApp]').setAttribute('data-test-script-state', v)", value)
    assert [poll(1) for _ in range(4)] == [False] * 4  # running: never settled
    state("notRunning")
    assert [poll(1) for _ in range(3)] == [False, False, "untracked"]  # no socket: the 150 ms pause follows

    page.evaluate("new WebSocket('ws://example.invalid/_stcore/stream')")
    assert [poll(2) for _ in range(4)] == [False] * 4  # the first run is awaited
    page.evaluate("d => window.__deliver(d)", _forward(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert [poll(2) for _ in range(3)] == [False, False, "tracked"]
    page.evaluate("""() => { const s = document.createElement('div');
        s.setAttribute('data-testid', 'stSkeleton'); s.id = 'skeleton'; document.body.append(s); }""")
    assert poll(2) is False and poll(2) is False
    page.evaluate("document.getElementById('skeleton').remove()")
    assert [poll(2) for _ in range(3)] == [False, False, "tracked"]  # counted again from the first frame
    # ui/first_paint.js holds a walkthrough step unseen until it is drawn whole, and
    # what follows a placeholder: the page is not settled while either is held.
    for held in ("document.documentElement.setAttribute('data-bse-step-change', '')",
                 "document.body.firstElementChild.setAttribute('data-bse-wait', '')"):
        page.evaluate(held)
        assert [poll(2) for _ in range(4)] == [False] * 4, held
        page.evaluate("() => { document.documentElement.removeAttribute('data-bse-step-change');"
                      " document.body.firstElementChild.removeAttribute('data-bse-wait'); }")
        assert [poll(2) for _ in range(3)] == [False, False, "tracked"]
    assert poll(3) is False  # a new wait counts its own frames


def test_a_tab_given_back_is_blank_forgets_its_storage_and_its_listeners(browser, server):
    """open_page's used tabs: the next test gets the same tab on
    about:blank, with nothing in its storage and no record of the last test's requests; a
    tab whose size a test changed is closed, not used again."""
    first = open_page(browser, server.url, KIOSK)
    goto(first, "/?lang=en")
    first.page.evaluate("() => { sessionStorage.setItem('left', '1'); localStorage.setItem('left', '1'); }")
    close_page(first)
    assert first.page.url == "about:blank" and not first.page.is_closed()
    seen = len(first.requests)

    second = open_page(browser, server.url, KIOSK)
    assert second.page is first.page and second.requests == [] and second.errors == []
    goto(second, "/sources?lang=en")
    assert second.page.evaluate("[sessionStorage.getItem('left'), localStorage.getItem('left')]") == [None, None]
    assert len(first.requests) == seen and second.requests  # the old record no longer grows
    second.page.set_viewport_size({"width": 800, "height": 600})
    close_page(second)
    assert second.page.is_closed()
    third = open_page(browser, server.url, KIOSK)
    assert third.page is not second.page and third.page.viewport_size == KIOSK
    close_page(third)
    for change in ("add_init_script", "route_web_socket", "on"):  # each would outlive the test
        tab = open_page(browser, server.url, KIOSK)
        assert tab.page is third.page  # the same tab again, until it is changed
        if change == "add_init_script":
            tab.page.add_init_script("window.__left = 1")
        elif change == "route_web_socket":
            tab.page.route_web_socket("**/_stcore/stream", lambda ws: ws.connect_to_server())
        else:
            tab.page.on("websocket", lambda ws: None)
        close_page(tab)
        assert tab.page.is_closed(), change
        third = open_page(browser, server.url, KIOSK)
        close_page(third)


#: Ten animation frames, in ms (60 a second: about 170 ms).
TEN_FRAMES_JS = """() => new Promise(done => { const t = performance.now(); let n = 0;
  const frame = () => (++n < 10 ? requestAnimationFrame(frame) : done(performance.now() - t)); requestAnimationFrame(frame); })"""


def test_a_held_tab_draws_at_full_speed_after_another_tab_of_its_size_was_used(browser, server):
    """Tabs of one size share a context: one window in headless Chromium. A tab behind another
    draws about one frame a second, so a module's held tab (test_what_a_person_sees's
    ``pages``), used again after a test opened a tab of its size, crawled through every wait
    (50-170 s for a test of 8-20 s). goto brings the tab to the front."""
    held = open_page(browser, server.url, KIOSK)
    other = open_page(browser, server.url, KIOSK, reuse=False)  # in front of the held tab
    try:
        goto(other, "/sources")
        goto(held, "/")
        assert held.page.evaluate(TEN_FRAMES_JS) < 2_000
    finally:
        close_page(other)
        close_page(held)


def test_still_touching_counts_as_activity_for_the_idle_watch(browser, server):
    """The idle tests keep a kiosk from its idle reset with still_touching (a wheel event
    dispatched in the page): the kiosk's idle watch must count it, as it counts a scroll."""
    watched = open_page(browser, server.url, KIOSK)
    try:
        goto(watched, "/sources?lang=en&mode=kiosk")
        wait_for_idle_script(watched.page)
        before = watched.page.evaluate("window.__bseIdle.last")
        watched.page.wait_for_timeout(50)
        still_touching(watched.page)
        assert watched.page.evaluate("window.__bseIdle.last") > before
    finally:
        close_page(watched)

"""The browser tests' own wait (harness.wait_for_app) waits for the run a tap asked
for, not only for the page to say "notRunning": on a busy machine that state is
also true in the moment before a tap's rerun starts, and tests read the old page
(a journey tap timed out at load average 25 while its button was being replaced)."""
from __future__ import annotations

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.harness import RUN_DONE_JS, RUN_TRACKER_JS, close_page, goto, open_page, wait_for_app

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


def test_the_run_tracker_counts_what_streamlit_sends_and_finishes(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FAKE_SOCKET_JS)
        page.add_init_script(RUN_TRACKER_JS)
        page.goto("about:blank")
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
    finally:
        context.close()


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

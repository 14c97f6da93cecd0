"""The front desk never stops watching: a one-second tick of the desk's watch that reaches
a busy server just as the run of "I'm on it" ends must not cost the desk that run's
picture, nor the watch itself.

What happened without ui.server.install_whole_runs (Streamlit 1.67): the server hands a
fragment's rerun (the desk's watch, ``st.fragment(run_every=1)``) to the script runner;
one that has just finished its run refuses it, and the server makes a new runner for the
fragment at once, dropping every message of the old runner that its event loop had not yet
sent. On a busy machine those were the finished run's last ones: the answer to the tap, the
run's end, and the watch's timer, which the browser had cleared when that run began. The
desk then showed the tap as unanswered and asked nothing more, so a new emergency from a
kiosk would not have shown (seen twice under load in test_desk_alerts: "asked 10, done 11",
then nothing).

The server here is the launcher with a test hold (tests/browser/server_spy.py,
EXPLAINER_TEST_HOLD): it handles a fragment's rerun only once the run in progress has
finished, as a slow event loop does by chance, and it starts each page's watch 0.3 s late,
so a tick sent once the run has begun arrives while it still runs. That makes the moment
happen every time instead of once in hundreds of runs.
"""
from __future__ import annotations

import asyncio
import time

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from explainer.common.content import Content
from tests.browser.harness import close_page, goto, open_page, run_in_own_loop, shot
from tests.browser.server_spy import make_spy_server
from tests.browser.test_desk_alerts import DESK, OPEN_CARD, raise_emergencies

pytestmark = pytest.mark.browser
CONTENT = Content.load()
QUERY = "lang=en&mode=staff"
ON_IT_SINCE = "On it since"  # desk.acknowledged in English, before its time
DONE_CARD = "[class*='st-key-desk-emergency-done-'], [class*='st-key-desk-urgent-done-']"


@pytest.fixture(scope="module")
def server():
    srv = make_spy_server(EXPLAINER_TEST_HOLD="fragment_reruns,slow_watch")
    srv.start()
    yield srv
    srv.stop()


def raise_emergency(url: str, kiosk: str) -> None:
    assert raise_emergencies(url, [kiosk]) == []


def _rerun(page_hash: str = "", *, page_name: str = "", button: str = "", fragment: str = "") -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = QUERY
    state.page_script_hash = page_hash
    state.page_name = page_name
    if fragment:
        state.fragment_id = fragment
        state.is_auto_rerun = True
    if button:
        widget = state.widget_states.widgets.add()
        widget.id = button
        widget.trigger_value = True
    return msg.SerializeToString()


async def _desk_tap_with_tick(url: str, tick_when: str) -> list[str]:
    """Open /desk as a protocol client, tap its one "I'm on it", and send a tick of its
    watch either right behind the tap (``"behind_tap"``) or as soon as the tap's run has
    begun (``"run_begun"``). What the server sent in the next 3 s, one word each: a run's
    beginning ("full" or "fragment"), "on-it" (the answer drawn), "timer" (a fragment's
    run_every timer), "end" (a whole run finished), "fragment-end"."""
    ws = await websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                  origin=url, max_size=None, compression=None)
    try:
        await ws.send(_rerun(page_name="desk"))
        page_hash, button, watch = "", "", ""
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                page_hash = fwd.new_session.page_script_hash or page_hash
            elif kind == "navigation":
                page_hash = fwd.navigation.page_script_hash or page_hash
            elif kind == "auto_rerun":
                watch = fwd.auto_rerun.fragment_id
            elif kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "button" \
                    and "desk_on_it_" in fwd.delta.new_element.button.id:
                button = fwd.delta.new_element.button.id
            elif kind == "script_finished":
                break
        assert button and watch, (button, watch)
        await ws.send(_rerun(page_hash, button=button))
        if tick_when == "behind_tap":
            await ws.send(_rerun(page_hash, fragment=watch))
        seen: list[str] = []
        ticked = tick_when == "behind_tap"
        until = time.monotonic() + 3
        while time.monotonic() < until:
            try:
                raw = await asyncio.wait_for(ws.recv(), 0.2)
            except asyncio.TimeoutError:
                continue
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                seen.append("fragment" if fwd.metadata.run.fragment_ids else "full")
                if not ticked:
                    await ws.send(_rerun(page_hash, fragment=watch))
                    ticked = True
            elif kind == "auto_rerun" and fwd.auto_rerun.fragment_id == watch:
                seen.append("timer")
            elif kind == "script_finished":
                seen.append({ForwardMsg.FINISHED_SUCCESSFULLY: "end",
                             ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment-end"}.get(fwd.script_finished, "stopped"))
            elif kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "markdown" \
                    and ON_IT_SINCE in fwd.delta.new_element.markdown.body:
                begun = max((i for i, word in enumerate(seen) if word in ("full", "fragment")), default=-1)
                if "on-it" not in seen[begun + 1:]:  # once per run
                    seen.append("on-it")
        return seen
    finally:
        await ws.close()


@pytest.mark.parametrize("tick_when", ["behind_tap", "run_begun"])
def test_a_tick_at_the_end_of_a_tap_s_run_keeps_its_answer_and_the_watch(server, tick_when):
    raise_emergency(server.url, f"Tick {tick_when.replace('_', ' ')}")
    seen = run_in_own_loop(_desk_tap_with_tick(server.url, tick_when), timeout=60)
    # After the last whole run began, the browser has been sent what that run drew (the
    # answer), the watch's timer (the browser cleared its timers when the run began) and
    # the run's end.
    assert "full" in seen, f"no whole run of the desk after the tap: {seen}"
    last_full = len(seen) - 1 - seen[::-1].index("full")
    after = seen[last_full:]
    assert "on-it" in after and "timer" in after and "end" in after, (
        f"what the server sent after the tap: {seen}; after the last whole run began: {after}")


#: In the desk's page: sends one more tick of its watch right behind the next rerun it asks
#: for that is not itself a tick (the tap's), a copy of the last tick it sent. A BackMsg's
#: field 11 is rerun_script; in it, field 6 is is_auto_rerun (a run_every tick).
TICK_BEHIND_JS = r"""(() => {
  const w = window.__bseTick = {last: null, armed: false, replayed: 0};
  const {bytes, fields} = window.__bseProto;  // the run tracker's reader (harness.RUN_TRACKER_JS)
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    const b = bytes(data);
    const top = b ? fields(b) : {};
    const rerun = Array.isArray(top[11]) ? fields(b, ...top[11]) : null;
    const sent = send.call(this, data);
    if (rerun && rerun[6] === 1) w.last = b.slice();
    else if (rerun && w.armed && w.last) { w.armed = false; send.call(this, w.last); w.replayed += 1; }
    return sent;
  };
})()"""


def test_the_desk_in_a_browser_still_answers_and_shows_the_next_alert(browser, server):
    raise_emergency(server.url, "Waiting room 7")
    desk = open_page(browser, server.url, DESK, private=True)
    try:
        page = desk.page
        page.context.add_init_script(TICK_BEHIND_JS)
        goto(desk, f"/desk?{QUERY}")
        card = page.locator(OPEN_CARD, has_text="Waiting room 7")
        card.wait_for()
        page.wait_for_function("window.__bseTick.last !== null", timeout=5_000)  # the watch has ticked
        page.evaluate("window.__bseTick.armed = true")
        card.get_by_role("button", name=CONTENT.text("en", "desk.on_it")).click()
        page.wait_for_function("window.__bseTick.replayed === 1", timeout=5_000)
        done = page.locator(DONE_CARD, has_text="Waiting room 7")
        done.get_by_text(ON_IT_SINCE).wait_for(timeout=5_000)
        # Still watching: it asks each second, and the next kiosk's emergency shows by itself.
        asked = page.evaluate("window.__bseRuns.asked")
        page.wait_for_function(f"window.__bseRuns.asked >= {asked + 2}", timeout=4_000)
        raised = time.monotonic()
        raise_emergency(server.url, "Waiting room 8")
        page.locator(OPEN_CARD, has_text="Waiting room 8").wait_for(timeout=5_000)
        print(f"the next alert showed {time.monotonic() - raised:.2f} s after it was raised")
        shot(page, "desk_tablet_en_watch_after_race")
        assert desk.real_errors() == []
    finally:
        close_page(desk)

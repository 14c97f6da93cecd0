"""bench/ws_client.py, the protocol client the concurrency benchmark runs 19
of: a tap must change what the server draws, and a failed run (Streamlit's
exception element, or the app's own error screen) raises instead of being
timed as a good one."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser.harness import ROOT, run_in_own_loop, stop_process
from tests.browser.server_spy import make_spy_server

sys.path.insert(0, str(ROOT / "bench"))
from ws_client import Session  # noqa: E402

pytestmark = pytest.mark.browser
QUERY = "lang=en&mode=kiosk"


@pytest.fixture(scope="module")
def app_server():
    srv = make_spy_server()
    srv.start()
    yield srv
    srv.stop()


def test_taps_that_change_the_page_are_timed(app_server):
    """Each tap is one real rerun of /reflex, timed from request to the script's end:
    each choice draws its own page (the digest of what the server drew), the same
    choice draws the same page again, and each time covers a whole run (at least the
    time the server took, which the test reads from the messages' arrival)."""
    async def go():
        session = Session(app_server.url, "reflex", QUERY)
        opened = await session.open()
        original_recv, arrivals = session.ws.recv, []

        async def recv():
            message = await original_recv()
            arrivals.append(time.perf_counter())
            return message

        session.ws.recv = recv
        taps = []
        for label in ("Slow", "Sudden", "Quick", "Slow"):
            arrivals.clear()
            sent = time.perf_counter()
            ms = await session.tap("reflex_speed_control", label)
            taps.append((label, ms, session.digest, (arrivals[-1] - sent) * 1000, len(arrivals)))
        await session.close()
        return opened, taps

    opened, taps = run_in_own_loop(go(), timeout=120)
    assert 0 < opened < 60_000
    digests = [digest for _, _, digest, _, _ in taps]
    assert len(set(digests[:3])) == 3, "each speed draws its own page"
    assert digests[3] == digests[0], "the same choice draws the same page again"
    for label, ms, _, until_last_message, messages in taps:
        assert messages > 2, f"{label}: the rerun sent {messages} messages"  # deltas, then script_finished
        # The timer runs from the request to the last message (script_finished), no less.
        assert until_last_message * 0.9 - 1 <= ms <= until_last_message + 1, (label, ms, until_last_message)
        assert ms < 30_000


def test_a_tap_the_server_ignores_raises(app_server):
    async def go():
        session = Session(app_server.url, "reflex", QUERY)
        await session.open()
        await session.tap("reflex_speed_control", "Slow")
        real = session.widget_ids["reflex_speed_control"]
        session.widget_ids["reflex_speed_control"] = real.replace(real.split("-")[1], "0" * 32)  # a stale id
        try:
            await session.tap("reflex_speed_control", "Sudden")
        finally:
            await session.close()

    with pytest.raises(RuntimeError, match="ignored"):
        run_in_own_loop(go(), timeout=120)


def test_the_apps_error_screen_raises():
    srv = make_spy_server(EXPLAINER_TEST_FAULT="footer")
    srv.start()
    try:
        with pytest.raises(RuntimeError, match="error screen"):
            run_in_own_loop(Session(srv.url, "reflex", QUERY).open(), timeout=120)
    finally:
        srv.stop()


def test_streamlits_exception_element_raises(tmp_path):
    """Without the launcher's hook (plain streamlit), a failing script sends an exception element."""
    script = tmp_path / "boom.py"
    script.write_text("import streamlit as st\nst.write('before')\nraise ValueError('boom')\n", encoding="utf-8")
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with pytest.raises(RuntimeError, match="raised an exception"):
            run_in_own_loop(Session(f"http://127.0.0.1:{port}", "", "").open(), timeout=120)
    finally:
        stop_process(proc)

"""The server launcher (ui/server.py) as an attacker and a bad day would meet
it, on loopback: a flood of cross-origin WebSocket handshakes, a start on
0.0.0.0, framing by another site, the metrics endpoint.

The server runs under tests/browser/server_spy.py, which records every name
that reaches the system resolver (under the launcher's own guard). A run passes
only if no name of another host got there *and* the launcher's guard never had
to refuse one (its log line): the first fails without the guard, the second
without the external-IP switch.
"""
from __future__ import annotations

import http.client
import ipaddress
import json
import statistics
import subprocess
import sys
import time

import pytest

from tests.browser.harness import ROOT
from tests.browser.health_probe import HealthProbe
from tests.browser.server_spy import make_spy_server

pytestmark = pytest.mark.browser

HANDSHAKES = 200
#: Health p95 during the flood: under 50 ms (measured 2-20 ms on a quiet machine),
#: or under twice the same server's p95 without a flood when the machine is busy.
#: Before the fix it was seconds (each foreign handshake blocked the loop ~0.4 s).
HEALTH_P95_MS = 50
REFUSED = "refused an outbound"


def foreign_names(path) -> list[str]:
    """Names looked up that are not this machine (judged here, not by the code under test)."""
    if not path.exists():
        return []
    names = []
    for name in path.read_text(encoding="utf-8").split("\n"):
        host = name.strip().strip("[]").lower()
        if host in ("", "none", "localhost"):
            continue
        try:
            ipaddress.ip_address(host.split("%")[0])
            continue
        except ValueError:
            names.append(host)
    return names


@pytest.fixture(scope="module")
def spy(tmp_path_factory):
    dns_log = tmp_path_factory.mktemp("dns") / "lookups.txt"
    srv = make_spy_server(EXPLAINER_TEST_DNS_LOG=str(dns_log))
    srv.start()
    srv.dns_log = dns_log
    yield srv
    srv.stop()


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def test_foreign_origin_handshake_flood_keeps_health_fast_and_looks_up_nobody(spy):
    # The flood's timings are compared with the same server's without a flood, just before and
    # just after: on a busy shared machine a quiet p95 can pass 50 ms, and a flood must not make
    # it meaningfully worse. All come from a process in the servers' CPU group (HealthProbe).
    with HealthProbe(spy.port) as probe:
        before = probe.ask("quiet 60")
        flood = subprocess.Popen([sys.executable, "-m", "tests.browser.flood", str(spy.port), str(HANDSHAKES)],
                                 cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert flood.stdout.readline().strip() == "ready"
        probe.send("start")
        started = time.monotonic()
        results = json.loads(flood.stdout.read())
        flood.wait()
        took = time.monotonic() - started
        samples = probe.ask("stop")
        after = probe.ask("quiet 60")
    limit = max(HEALTH_P95_MS, 2 * max(_p95(before), _p95(after)))
    print(f"{HANDSHAKES} foreign-origin handshakes in {took:.1f} s; health during the flood: n={len(samples)} "
          f"median {statistics.median(samples):.1f} ms, p95 {_p95(samples):.1f} ms, max {max(samples):.1f} ms "
          f"(without: p95 {_p95(before):.1f} ms before, {_p95(after):.1f} ms after; limit {limit:.0f} ms)")
    assert results == [403] * HANDSHAKES  # every one refused, none let in
    assert len(samples) >= 20
    assert _p95(samples) < limit
    assert foreign_names(spy.dns_log) == []
    assert REFUSED not in spy.log_text()


def test_pages_carry_frame_and_referrer_headers_and_metrics_are_closed(spy):
    conn = http.client.HTTPConnection("127.0.0.1", spy.port, timeout=30)

    def get(path: str):
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    _, _, index = get("/")
    bundle = index.decode().split('src="./static/js/', 1)[1].split('"', 1)[0]
    for path in ("/", "/sources?lang=es", f"/static/js/{bundle}", "/app/static/fonts/OFL.txt", "/_stcore/health"):
        status, headers, _ = get(path)
        assert status == 200, path
        assert headers.get("content-security-policy") == "frame-ancestors 'self'", path
        assert headers.get("x-frame-options") == "SAMEORIGIN", path
        assert headers.get("referrer-policy") == "no-referrer", path
    for path in ("/_stcore/metrics", "/_stcore/metrics/", "/_stcore/metrics?families=session_events"):
        status, headers, body = get(path)
        assert status == 404, path
        assert b"# TYPE" not in body and headers.get("x-frame-options") == "SAMEORIGIN"


def test_another_site_cannot_frame_the_kiosk(browser, spy):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(f'<iframe id="k" src="{spy.url}/" width="400" height="300"></iframe>')
    page.wait_for_timeout(2500)
    frame = page.frames[1]
    # Chromium refuses the frame (frame-ancestors) and shows its own blocked page: no app inside.
    assert frame.locator("[data-testid=stApp]").count() == 0
    context.close()


def test_start_on_all_addresses_looks_up_nobody(tmp_path):
    dns_log = tmp_path / "lookups.txt"
    srv = make_spy_server(address="0.0.0.0", EXPLAINER_TEST_DNS_LOG=str(dns_log))
    srv.start()
    try:
        time.sleep(1.0)  # the start-up banner (with its URLs) is printed after health passes
        assert foreign_names(dns_log) == []
        assert REFUSED not in srv.log_text()
    finally:
        srv.stop()

"""A clinic group on loopback: alert delay across replicas, and tap times with
1 and 2 replicas behind HAProxy (deploy/group/haproxy.cfg, ports changed).

    .venv/bin/python bench/group.py [--alerts 5] [--sessions 30] [--seconds 20] [--replicas 1,2]

Starts one redis-server (no persistence, temp dir), the replicas (each the
production launcher, as the browser tests start it) and one haproxy, all on
127.0.0.1, and stops them all at the end.

1. Alert delay: a headless Chromium kiosk held on replica 1 (the proxy's
   cookie) reaches the self-check's emergency result ``--alerts`` times, each
   under a new kiosk name; a desk page held on replica 2 waits for that name's
   card. Printed: seconds from the kiosk's result on screen to the desk's card.
2. Taps: ``--sessions`` protocol sessions (bench/ws_client.py: the rerun
   requests a browser sends, no drawing) open /reflex through the proxy, and
   each taps its speed control every 0.5-1.5 s for ``--seconds``. Printed per
   replica count: rerun p50 / p95 (ms), and each replica's RSS. The clients run
   on the same cores as the servers, so these are upper bounds.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from ws_client import Session  # noqa: E402

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.group_servers import COOKIE, Proxy, clinic_file, start_replicas  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

WIDGET_KEY = "reflex_speed_control"
THINK_S = (0.5, 1.5)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def alert_delays(proxy: Proxy, count: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    from explainer.common.content import Content

    content = Content.load()
    yes = content.text("en", "self_check.yes")
    heading = content.text("en", "self_check.outcomes.emergency.heading")
    cards = "[class*='st-key-desk-emergency-open-']"
    delays = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        desk_ctx = browser.new_context(viewport={"width": 1180, "height": 820})
        desk_ctx.add_cookies([{"name": COOKIE, "value": "app2", "url": proxy.url}])
        desk = desk_ctx.new_page()
        desk.goto(proxy.url + "/desk?lang=en&mode=staff")
        desk.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
        for n in range(count):
            ctx = browser.new_context(viewport={"width": 1080, "height": 1920}, has_touch=True)
            ctx.add_cookies([{"name": COOKIE, "value": "app1", "url": proxy.url}])
            kiosk = ctx.new_page()
            name = f"Bench {n + 1}"
            kiosk.goto(proxy.url + f"/self-check?lang=en&mode=kiosk&kiosk=Bench%20{n + 1}")
            kiosk.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
            kiosk.locator(".st-key-self_check_q_saddle_numbness").get_by_role("radio", name=yes, exact=True).click()
            kiosk.get_by_role("heading", name=heading).wait_for()
            shown = time.monotonic()
            desk.wait_for_function(
                "([sel, name]) => [...document.querySelectorAll(sel)].some(c => c.innerText.includes(name))",
                arg=[cards, name], timeout=15_000)
            delays.append(time.monotonic() - shown)
            ctx.close()
        browser.close()
    return delays


async def tap_loop(url: str, stop: asyncio.Event, times: list[float], failures: list[str]) -> None:
    session = Session(url, "reflex", "lang=en&mode=kiosk")
    try:
        await session.open()
        labels = ["Slow", "Quick", "Sudden"]
        i = random.randrange(3)
        while not stop.is_set():
            await asyncio.sleep(random.uniform(*THINK_S))
            if stop.is_set():
                break
            times.append(await session.tap(WIDGET_KEY, labels[i % 3]))
            i += 1
    except Exception as exc:  # a failed session is a figure too
        failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def taps(url: str, sessions: int, seconds: float) -> tuple[list[float], list[str]]:
    stop, times, failures = asyncio.Event(), [], []
    tasks = [asyncio.create_task(tap_loop(url, stop, times, failures)) for _ in range(sessions)]
    await asyncio.sleep(3)  # every session opens and settles
    times.clear()
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks)
    return times, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alerts", type=int, default=5)
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--replicas", default="1,2", help="replica counts for the tap figures")
    args = ap.parse_args()
    counts = [int(n) for n in args.replicas.split(",") if n]

    redis = RedisServer()
    redis.start()
    folder = Path(tempfile.mkdtemp(prefix="bse-group-bench-"))
    config = clinic_file(folder, "Bench Clinic", "bench", "Kiosk")
    replicas = []
    proxy = None
    try:
        replicas = start_replicas(redis.url, [config] * max(2, *counts), EXPLAINER_IDLE_SECONDS="900")
        print(f"redis-server on {redis.port}; replicas on {[r.port for r in replicas]}")
        proxy = Proxy([r.port for r in replicas[:2]])
        proxy.start()
        proxy.replica_up("app1")
        proxy.replica_up("app2")
        if args.alerts:
            delays = alert_delays(proxy, args.alerts)
            print(f"\n== alert delay, kiosk on replica 1 -> desk on replica 2, through the proxy ({len(delays)}) ==")
            print(f"median {statistics.median(delays):.2f} s, max {max(delays):.2f} s: {[round(d, 2) for d in delays]}")
        proxy.close()
        proxy = None

        print(f"\n== /reflex taps through the proxy: {args.sessions} protocol sessions, {args.seconds:.0f} s ==")
        print(f"{'replicas':<10}{'p50 ms':>9}{'p95 ms':>9}{'taps':>7}{'failed':>8}   RSS per replica (MB)")
        for count in counts:
            proxy = Proxy([r.port for r in replicas[:count]])
            proxy.start()
            for n in range(1, count + 1):
                proxy.replica_up(f"app{n}")
            times, failures = asyncio.run(taps(proxy.url, args.sessions, args.seconds))
            rss = [round(rss_mb(r.proc.pid)) for r in replicas[:count]]
            p50 = statistics.median(times) if times else float("nan")
            p95 = pct(times, 0.95) if times else float("nan")
            print(f"{count:<10}{p50:>9.0f}{p95:>9.0f}{len(times):>7}{len(failures):>8}   {rss}")
            if failures:
                print("   first failures:", failures[:2])
            downs = [line for line in proxy.log.read_text(errors="replace").splitlines() if " is DOWN" in line]
            if downs:  # the proxy's health checks took a replica out
                print("   proxy:", downs[:2])
            proxy.close()
            proxy = None
        print(f"\nload average at the end: {os.getloadavg()} on {os.cpu_count()} CPUs")
    finally:
        if proxy is not None:
            proxy.close()
        for replica in replicas:
            replica.stop()
        redis.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

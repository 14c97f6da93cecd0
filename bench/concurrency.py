"""20 concurrent sessions on /reflex: 19 light protocol sessions + 1 real browser.

bench/run.py's 20-session figure opens 20 Chromium pages on the same 2 cores
as the server, so it mostly measures Chromium drawing 20 pages at once. A
waiting room has one screen per device; what the server must sustain is 20
sessions tapping. Here 19 sessions speak Streamlit's WebSocket protocol
(bench/ws_client.py: the same rerun requests a browser sends, no drawing)
and one headless Chromium page at kiosk size measures tap-to-redraw as a
patient would see it, with the same probe as bench/run.py.

    .venv/bin/python bench/concurrency.py [--taps 40] [--sessions 20] [--changes 10]

Prints the browser's tap-to-redraw (median, p95) alone and under load, its page
changes (a tap on Home's /reflex tile to the new page's heading and to the page
settled, bench/page_change.py's probe) alone and under load, the protocol
sessions' rerun time (median, p95) and the server's RSS.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench import page_change  # noqa: E402  (the page-change probe and sample)
from bench.drivers import probe  # noqa: E402  (the page probe, the tap, the first chart)
from bench.drivers.common import CHROMIUM_ARGS, RESULTS, Side, pct  # noqa: E402
from bench.targets import pick_target  # noqa: E402
from tests.browser.harness import make_server  # noqa: E402
from ws_client import Session  # noqa: E402

# The browser finds /reflex's speed control as run.py does (role and English words from the
# content files). The protocol sessions address the widget by its key (ws_client.py).
TARGET = pick_target(verbose=False)
PAGE = TARGET["path"]
WIDGET_KEY = "reflex_speed_control"
LABELS = [o["label"] for o in TARGET["options"]]  # what the same two taps send on the wire
THINK_S = (0.5, 1.5)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def protocol_session(url: str, stop: asyncio.Event, times: list[float]) -> None:
    session = Session(url, "reflex", "lang=en&mode=kiosk")
    await session.open()
    i = random.randrange(2)
    while not stop.is_set():
        await asyncio.sleep(random.uniform(*THINK_S))
        times.append(await session.tap(WIDGET_KEY, LABELS[i % 2]))
        i += 1
    await session.close()


async def browser_taps(browser, side, count: int, phase: str) -> list[float]:
    _, ctx, page = await probe.first_chart(browser, side)
    times = []
    for i in range(count + 2):
        await asyncio.sleep(random.uniform(*THINK_S))
        ms = await probe.tap(page, side, i, phase)  # None: lost (counted in side.lost)
        if i >= 2 and ms is not None:  # the first two build this choice's charts once for the server
            times.append(ms)
        await probe.settle(page)
    await ctx.close()
    return times


async def browser_page_changes(browser, url: str, count: int) -> tuple[list[float], list[float], int]:
    """``count`` page changes Home -> /reflex (each Home opened afresh in a tab of one kiosk
    context, its tile tapped): ms to the new page's heading, ms to the page settled, and how
    many never reached the page within 20 s."""
    route = page_change.routes()["reflex"]
    ctx = await page_change.kiosk_browser(browser)
    headings, settled, lost = [], [], 0
    for _ in range(count):
        got = await page_change.sample(ctx, url, route)
        if got is None:
            lost += 1
        else:
            headings.append(got["heading"])
            settled.append(got["settled"])
    await ctx.close()
    return headings, settled, lost


def line(name: str, values: list[float]) -> str:
    median = statistics.median(values) if values else float("nan")
    return f"{name:<52}{median:>9.1f}{pct(values, 0.95):>9.1f}{len(values):>6}"


async def main() -> bool:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taps", type=int, default=40, help="browser taps per phase")
    ap.add_argument("--sessions", type=int, default=20, help="sessions in all (one of them the browser)")
    ap.add_argument("--changes", type=int, default=10, help="browser page changes per phase")
    args = ap.parse_args()

    from playwright.async_api import async_playwright

    # The production launcher (python -m ui.server), started the way the browser tests
    # start it; run.py's probed server (bench/serve.py) polls for dump requests in a
    # thread, which measurably slowed taps under load here. Idle reset off.
    server = make_server(EXPLAINER_IDLE_SECONDS="900")
    server.start()
    url = server.url
    side = Side("app", TARGET, server)
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                               args=CHROMIUM_ARGS)
            alone = await browser_taps(browser, side, args.taps, "alone")
            changes_alone = await browser_page_changes(browser, url, args.changes)
            rss_one = rss_mb(server.proc.pid)

            stop, rerun_ms = asyncio.Event(), []
            load = [asyncio.create_task(protocol_session(url, stop, rerun_ms)) for _ in range(args.sessions - 1)]
            await asyncio.sleep(3)  # let every session open and settle
            loaded = await browser_taps(browser, side, args.taps, "loaded")
            changes_loaded = await browser_page_changes(browser, url, args.changes)
            rss_all = rss_mb(server.proc.pid)
            stop.set()
            await asyncio.gather(*load)
            await browser.close()
    finally:
        server.stop()

    print(f"\n== /reflex with {args.sessions} concurrent sessions ({args.sessions - 1} protocol + 1 browser) ==")
    print(f"{'figure (ms)':<52}{'median':>9}{'p95':>9}{'n':>6}")
    print(line("browser tap-to-redraw, alone", alone))
    print(line(f"browser tap-to-redraw, {args.sessions} sessions", loaded))
    for label, (headings, settled, _) in (("alone", changes_alone), (f"{args.sessions} sessions", changes_loaded)):
        print(line(f"page change Home -> /reflex, heading, {label}", headings))
        print(line(f"page change Home -> /reflex, settled, {label}", settled))
    print(line("protocol sessions: rerun request to finish", rerun_ms))
    print(f"server RSS: {rss_one:.0f} MB with 1 session, {rss_all:.0f} MB with {args.sessions}")
    lost = sum(side.lost.values())
    if lost:
        print(f"lost taps (no redraw within 15 s): {side.lost}; first: {side.incidents[:2]}")
    pages_lost = changes_alone[2] + changes_loaded[2]
    if pages_lost:
        print(f"page changes that never reached /reflex within 20 s: {pages_lost} (screenshots in {RESULTS})")
        lost += pages_lost
    verdict = "PASS" if pct(loaded, 0.95) < 250 and not lost else "FAIL"
    print(f"{verdict}  {args.sessions} sessions: p95 tap-to-redraw < 250 ms, no lost tap or page change")
    print(f"load average at the end: {os.getloadavg()} on {os.cpu_count()} CPUs")
    return verdict == "PASS"


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(main()) else 1)

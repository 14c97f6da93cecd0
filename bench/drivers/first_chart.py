"""First chart after navigation: a new session on a warm server (``warm``), and the first
visitor after a server start with each server started alone (``cold``, --full)."""
from __future__ import annotations

import asyncio
from pathlib import Path

from bench.drivers.common import Side, pct, summary
from bench.drivers.probe import open_session


async def warm(browser, sides: list[Side], samples: int) -> None:
    """``samples`` new sessions per side (after one that warms the page up), alternating side
    by side; ms from navigation start to the first chart drawn with the app idle. The
    servers are running."""
    firsts = {s.label: [] for s in sides}
    for i in range(samples + 1):
        for s in sides:
            opened = await open_session(browser, s, "first chart")
            if opened is None:
                continue
            if i:
                firsts[s.label].append(opened[0])
            await opened[1].close()
    for s in sides:
        s.fig["first_chart_ms"] = summary(firsts[s.label])
        await s.server.dump()  # drop the page loads' timings


async def cold(browser, sides: list[Side], run_dir: Path, rounds: int) -> None:
    """First visitor after a server start, each server started alone (the others stopped),
    the order alternating round by round, Chromium already warm (a blank page first)."""
    ctx = await browser.new_context()
    warm_page = await ctx.new_page()
    await warm_page.goto("about:blank")
    await warm_page.set_content("<p>warm</p>")
    await ctx.close()
    colds = {s.label: [] for s in sides}
    for r in range(rounds):
        order = sides if r % 2 == 0 else sides[::-1]
        for s in order:
            s.server.start(run_dir)
            try:
                await asyncio.sleep(1.0)
                rss0 = s.server.rss_mb()
                opened = await open_session(browser, s, "cold")
                if opened:
                    colds[s.label].append(opened[0])
                    await opened[1].close()
                s.fig.setdefault("rss_idle_mb_samples", []).append(rss0)
            finally:
                s.server.stop()
    for s in sides:
        s.fig["first_chart_cold_ms"] = summary(colds[s.label])
        s.fig["rss_idle_mb"] = pct(s.fig["rss_idle_mb_samples"], 0.5)

"""Many sessions at once (--full): N Chromium pages per server, each tapping with a think
time; p95 tap-to-redraw over all taps, the server's script time, RSS with N sessions open
and 2 s after they close. (bench/concurrency.py gives the same figure with one browser and
protocol sessions.)"""
from __future__ import annotations

import asyncio
import random

from bench.drivers.common import Side, summary
from bench.drivers.probe import open_session, settle, tap

THINK_S = (0.5, 1.5)  # pause between one session's taps when 20 sessions tap concurrently


async def concurrent(browser, sides: list[Side], sessions: int, taps_each: int) -> None:
    """One server at a time: ``sessions`` pages open, each taps ``taps_each`` times."""
    for s in sides:
        s.fig["concurrent_sessions"] = sessions
        opened = []
        for _ in range(sessions):
            one = await open_session(browser, s, "concurrent")
            if one:
                opened.append(one[1:])
        for _, page in opened:
            await settle(page)
        await asyncio.sleep(1.0)
        s.fig["rss_20_sessions_mb"] = s.server.rss_mb()
        await s.server.dump()
        lat: list[float] = []

        async def user(page, seed: int) -> None:
            rnd = random.Random(seed)
            await asyncio.sleep(rnd.uniform(0, THINK_S[1]))
            for i in range(taps_each):
                ms = await tap(page, s, i, "concurrent")
                if ms is not None:
                    lat.append(ms)
                await settle(page)
                await asyncio.sleep(rnd.uniform(*THINK_S))

        await asyncio.gather(*(user(page, k) for k, (_, page) in enumerate(opened)))
        d = await s.server.dump()
        s.fig["concurrent20_tap_ms"] = summary(lat)
        s.fig["concurrent20_server_script_ms"] = summary(d["script_ms"])
        for ctx, _ in opened:
            await ctx.close()
        await asyncio.sleep(2.0)
        s.fig["rss_after_20_closed_mb"] = s.server.rss_mb()
        s.fig["sessions_after_20_closed"] = (await s.server.dump()).get("sessions", {})

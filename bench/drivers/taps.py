"""Tap -> the charts' first change and tap -> settled (their last change), one session per
page, taps alternating page by page; also the pictures per tap, the live server's script
time and gen-2 GC per run during those taps, TCP_NODELAY on its sockets, RSS with 1 session."""
from __future__ import annotations

import asyncio

from bench.drivers.common import RESULTS, Side, summary
from bench.drivers.probe import dismiss_dialog, open_session, settle, tap


async def tap_to_redraw(browser, sides: list[Side], extras: list[Side], taps_each: int) -> None:
    """``taps_each`` taps per page after two that warm it up (the servers are running)."""
    pages = {}
    for s in sides + extras:
        opened = await open_session(browser, s, "tap", tries=2)
        if opened is None:
            raise SystemExit(f"{s.label}: no session drew its chart; see {RESULTS}")
        _, ctx, page = opened
        await settle(page)
        await dismiss_dialog(page, s)
        pages[s.label] = (ctx, page)
    await asyncio.sleep(1.0)
    for s in sides + extras:
        s.fig["rss_1_session_mb"] = s.server.rss_mb()
        await s.server.dump()
    taps = {s.label: [] for s in sides + extras}
    for i in range(taps_each + 2):
        for s in sides + extras:
            ms = await tap(pages[s.label][1], s, i, "tap")
            if i >= 2 and ms is not None:
                taps[s.label].append(ms)
            await settle(pages[s.label][1])
        if i == 1:  # the first two taps of each page warm it up
            for s in sides + extras:
                s.first_change.clear()
                s.redraws.clear()
    for s in sides + extras:
        d = await s.server.dump()
        s.fig["tap_to_redraw_ms"] = summary(taps[s.label])
        s.fig["tap_first_change_ms"] = summary(s.first_change)
        s.fig["redraws_per_tap"] = summary([float(n) for n in s.redraws])
        s.fig["server_script_ms"] = summary(d["script_ms"])
        gen2 = [ms for g, ms in d["gc"] if g == 2]
        s.fig["server_gc2_per_run_ms"] = summary(gen2)
        s.fig["sockets"] = d["sockets"]
        s.fig["sessions_1"] = d.get("sessions", {})
    for ctx, _ in pages.values():
        await ctx.close()

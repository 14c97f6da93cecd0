"""The soak (--full): kiosk-like use for many interactions (each session taps
``SOAK_TAPS_PER_SESSION`` times and closes, a new one opens, ``SOAK_WORKERS`` kiosks at once);
the server's RSS every N interactions and its growth from after the first 10% to the end."""
from __future__ import annotations

import asyncio
import time

from bench.drivers.common import Side, summary
from bench.drivers.probe import open_session, settle, tap

SOAK_TAPS_PER_SESSION = 20
SOAK_WORKERS = 2


async def soak(browser, s: Side, total: int) -> None:
    """``total`` interactions on side ``s``; figures in ``s.fig["soak"]``."""
    await s.server.dump()
    samples: list[tuple[int, float, float]] = []
    done = 0
    every = max(50, total // 40)
    lat: list[float] = []
    t_start = time.monotonic()

    async def kiosk() -> None:
        nonlocal done
        while done < total:
            opened = await open_session(browser, s, "soak")
            if opened is None:  # a page that never drew its chart: counted, go on
                continue
            _, ctx, page = opened
            await settle(page)
            for i in range(SOAK_TAPS_PER_SESSION):
                if done >= total:
                    break
                ms = await tap(page, s, i, "soak")
                if ms is not None:
                    lat.append(ms)
                await settle(page)
                done += 1
                if done % every == 0:
                    samples.append((done, round(time.monotonic() - t_start, 1), s.server.rss_mb()))
            await ctx.close()

    await asyncio.gather(*(kiosk() for _ in range(SOAK_WORKERS)))
    d = await s.server.dump()
    warm = [r for n, _, r in samples if n >= total // 10]
    start_rss, end_rss = (warm[0], samples[-1][2]) if warm else (float("nan"),) * 2
    s.fig["soak"] = {
        "interactions": total, "seconds": round(time.monotonic() - t_start, 1),
        "rss_after_warmup_mb": start_rss, "rss_end_mb": end_rss,
        "rss_peak_mb": max((r for _, _, r in samples), default=float("nan")),
        "growth_pct": (end_rss - start_rss) / start_rss * 100,
        "samples": samples, "tap_ms": summary(lat),
        "server_script_ms": summary(d["script_ms"]),
        "sessions_end": d.get("sessions", {}),
    }

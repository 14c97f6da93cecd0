"""Layout shift (CLS) while a page loads, kiosk size, as tests/browser/test_layout_shift.py
measures it (same observer and session windows)."""
from __future__ import annotations

from bench.drivers.common import KIOSK, Side
from bench.drivers.probe import PROBE_JS, WAIT_DRAWN_JS


async def cls(browser, sides: list[Side], extras: list[Side], rounds: int) -> None:
    """Cumulative layout shift of a page load, as tests/browser/test_layout_shift.py measures
    it (same observer and session windows), for each page measured here; the largest of
    ``rounds`` loads."""
    from tests.browser.test_layout_shift import CLS_JS, OBSERVE_JS, QUIET_JS

    seen: dict[str, list[float]] = {s.label: [] for s in sides + extras}
    for _ in range(rounds):
        for s in sides + extras:
            ctx = await browser.new_context(viewport=KIOSK, has_touch=True, device_scale_factor=1)
            await ctx.add_init_script(PROBE_JS)
            await ctx.add_init_script(OBSERVE_JS)
            page = await ctx.new_page()
            try:
                await page.goto(s.url)
                await page.wait_for_function(WAIT_DRAWN_JS, arg=s.target["chart"], polling=50, timeout=60_000)
                await page.wait_for_function(QUIET_JS, arg=1200, polling=100, timeout=30_000)
                seen[s.label].append(await page.evaluate(CLS_JS))
            except Exception as exc:  # a page that never drew: a failed open, which fails the CLS target
                s.note("failed open", "cls", {"error": repr(exc)[:200]})
            finally:
                await ctx.close()
    for s in sides + extras:
        s.fig["cls"] = {"n": len(seen[s.label]), "max": max(seen[s.label], default=float("nan"))}

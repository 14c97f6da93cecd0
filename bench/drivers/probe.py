"""The browser side every figure shares: the in-page probe (when a tap happened, what the
charts showed and when, "the app is idle"), a new kiosk-size page, finding a control the way a
person does (role and English words), a tap timed to the charts' settled picture, and a new
session timed to its first chart. A tap with no redraw within 15 s, or a session whose chart
never draws within 60 s, is noted on the ``Side`` (with a screenshot) and fails its phase."""
from __future__ import annotations

import asyncio
import re
import time

from bench.drivers.common import KIOSK, RESULTS, Side

# In-page probes: time of the last tap, the charts' SVG, a trace of what the charts showed
# and when, and "the app is idle".
#
# Tap-to-redraw is the time from the tap to the first frame from which the charts show
# their final picture (the one they show once the app is idle and quiet) and keep it:
# every DOM change is noted with the time of the next animation frame (when it is drawn)
# and the chart SVG at that moment. So a chart that is redrawn in the browser and then
# left unchanged by the server's rerun counts from its redraw; a chart that changes again
# (or back) counts from its last change. Same rule for the app and the baseline.
#: "The app is idle": its script finished and no loading placeholder shows (one function,
#: shared with bench/page_change.py's probe).
IDLE_FN = ("() => { const a = document.querySelector('[data-testid=stApp]');"
           " return !!a && a.dataset.testScriptState === 'notRunning' && !document.querySelector('[data-testid=stSkeleton]'); }")

PROBE_JS = r"""
window.__b = {
  tap: null, before: null, trace: [], obs: null,
  // A chart's picture is its Vega SVG; a figure's (the walkthrough's level pictures, one of
  // three shown) the SVG it shows: its text alternative and size.
  sig(sel) { return [...document.querySelectorAll(sel)].map(c => { const s = c.querySelector('svg.marks'); if (s) return s.innerHTML;
               return [...c.querySelectorAll('svg[role=img]')].filter(v => v.getClientRects().length)
                 .map(v => (v.getAttribute('aria-label') || '') + v.innerHTML.length).join(','); }).join('|'); },
  idle: IDLE_FN,
  drawn(sel) { const c = document.querySelector(sel); const s = c && c.querySelector('svg.marks');
               if (!s && c) return [...c.querySelectorAll('svg[role=img]')].some(v => v.getClientRects().length);
               return !!s && [...s.querySelectorAll('path')].some(p => (p.getAttribute('d') || '').length > 100); },
  arm(sel) {
    const b = this;
    b.before = b.sig(sel); b.tap = null; b.trace = [];
    if (b.obs) b.obs.disconnect();
    // performance.now() inside the frame callback, not the frame's own timestamp: that is the
    // frame's start, which can be earlier than a tap handled within the frame.
    // Only changes that touch a chart are traced (reading the charts' SVG costs time; with
    // 20 pages on 2 cores the probe must not be what is measured).
    const touches = recs => { const charts = [...document.querySelectorAll(sel)];
      return recs.some(r => charts.some(c => c.contains(r.target) || [...r.addedNodes].some(n => n.contains && n.contains(c)))); };
    b.obs = new MutationObserver(recs => { if (touches(recs)) requestAnimationFrame(() => b.trace.push([performance.now(), b.sig(sel)])); });
    b.obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  },
  settled(sel, quietMs) {
    const b = this, now = performance.now();
    if (b.tap === null || !b.idle()) return false;
    const last = b.trace.length ? b.trace[b.trace.length - 1][0] : b.tap;
    if (now - last < quietMs) return false;
    const fin = b.sig(sel);
    if (fin === b.before) return false;
    let from = null;
    for (const [at, s] of b.trace) { if (s === fin) { if (from === null) from = at; } else from = null; }
    if (from === null) return false;
    const first = b.trace.find(([at, s]) => s !== b.before);
    b.obs.disconnect();
    // never 0: wait_for_function takes 0 for "not yet"
    return {settled: Math.max(0.001, from - b.tap), first: Math.max(0.001, (first ? first[0] : from) - b.tap),
            changes: b.trace.filter(([at, s], i) => s !== (i ? b.trace[i - 1][1] : b.before)).length};
  },
};
for (const type of ['pointerdown', 'touchstart', 'mousedown'])
  window.addEventListener(type, () => { if (window.__b.tap === null) window.__b.tap = performance.now(); }, true);
""".replace("IDLE_FN", IDLE_FN)
LOST_STATE_JS = """s => { const b = window.__b, n = b.trace.length;
  return {tap: b.tap, idle: b.idle(), same: b.sig(s) === b.before, changes: n,
          quiet_ms: n ? performance.now() - b.trace[n - 1][0] : null,
          script: (document.querySelector('[data-testid=stApp]') || {dataset: {}}).dataset.testScriptState,
          dialog: (document.querySelector('[role=dialog]') || {}).innerText || null}; }"""
FAILED_OPEN_JS = """s => ({idle: window.__b.idle(), charts: document.querySelectorAll(s).length,
  script: (document.querySelector('[data-testid=stApp]') || {dataset: {}}).dataset.testScriptState,
  text: document.body.innerText.slice(0, 300)})"""
#: Quiet time before a picture counts as final (nothing changed in the page meanwhile).
QUIET_MS = 250
ARM_JS = "s => window.__b.arm(s)"
WAIT_REDRAW_JS = f"s => window.__b.settled(s, {QUIET_MS})"
# First chart: the app idle and a chart's line drawn; or (reveal) the app idle and the
# control that shows the charts on screen, to be tapped.
WAIT_FIRST_JS = """a => window.__b && window.__b.idle() && (window.__b.drawn(a.chart) ? performance.now()
  : (a.reveal && document.body.innerText.includes(a.reveal) ? -1 : false))"""
WAIT_DRAWN_JS = """s => window.__b && window.__b.idle() && window.__b.drawn(s) && performance.now()"""


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_")


async def new_page(browser, side: Side):
    ctx = await browser.new_context(viewport=KIOSK, has_touch=True, device_scale_factor=1)
    await ctx.add_init_script(PROBE_JS)
    page = await ctx.new_page()
    return ctx, page


def _xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


async def control(page, side: Side, i: int):
    """The control of tap number i, by role (radio, as segmented controls and radios are, or
    button) and accessible name; inside the control labelled ``control_label`` if given.
    Looked up once per page and option (a locator is a query: it finds the control again
    after each rerun)."""
    t = side.target
    n = i % len(t["options"])
    cache = page.__dict__.setdefault("_bench_controls", {})
    if n not in cache:
        cache[n] = await _find_control(page, t, t["options"][n]["label"])
    return cache[n]


async def _find_control(page, t: dict, name: str):
    scope = page
    if t.get("control_label"):
        lab, opt = _xpath_literal(t["control_label"]), _xpath_literal(name)
        scope = page.locator(
            f"xpath=//*[normalize-space(text())={lab}]/ancestor::*[.//*[(self::button or @role='radio' "
            f"or @role='tab') and contains(normalize-space(.), {opt})]][1]").first
    for where in ([scope, page] if scope is not page else [page]):  # the label may be hidden: then page-wide
        for exact in (True, False):
            loc = (where.get_by_role("radio", name=name, exact=exact)
                   .or_(where.get_by_role("button", name=name, exact=exact))
                   .or_(where.get_by_role("tab", name=name, exact=exact)))
            if await loc.count():
                found = loc.first
                # A radio drawn as a hidden <input> inside its <label> (st.radio): tap the label,
                # as a finger does; the input itself is covered by the group.
                if await found.evaluate("e => e.tagName") == "INPUT":
                    label = found.locator("xpath=ancestor::label[1]")
                    if await label.count():
                        return label.first
                return found
    raise LookupError(f"{t['name']}: no radio or button named {name!r}"
                      + (f" under {t['control_label']!r}" if t.get("control_label") else "")
                      + " (the page changed: update TARGETS in bench/targets.py)")


async def reveal(page, side: Side) -> bool:
    """Tap the control that shows the charts ("See the numbers"), if the page has one."""
    label = side.target.get("reveal_label")
    if not label:
        return False
    for role in ("button", "switch", "checkbox", "tab", "radio"):
        loc = page.get_by_role(role, name=label)
        if await loc.count():
            await loc.first.tap(timeout=30_000)
            return True
    loc = page.get_by_text(label, exact=True)  # an expander's summary
    if await loc.count():
        await loc.first.tap(timeout=30_000)
        return True
    return False


async def first_chart(browser, side: Side) -> tuple[float, object, object]:
    """Open a new session; ms from navigation start to the first chart drawn with the app idle
    (charts behind a "See the numbers" control: that control tapped as soon as it shows)."""
    ctx, page = await new_page(browser, side)
    await page.goto(side.url, wait_until="commit")
    chart = side.target["chart"]
    try:
        handle = await page.wait_for_function(
            WAIT_FIRST_JS, arg={"chart": chart, "reveal": side.target.get("reveal_label")}, polling=10, timeout=60_000)
        ms = float(await handle.json_value())
        if ms < 0:  # the charts are behind a control: open it, then wait for them
            await reveal(page, side)
            handle = await page.wait_for_function(WAIT_DRAWN_JS, arg=chart, polling=10, timeout=60_000)
            ms = float(await handle.json_value())
    except Exception as exc:  # keep a picture and the page's state, then let the caller decide
        name = f"failed-open-{_slug(side.label)}-{time.strftime('%H%M%S')}.png"
        try:
            await page.screenshot(path=str(RESULTS / name))
            state = await page.evaluate(FAILED_OPEN_JS, chart)
        except Exception as inner:  # the page itself is gone
            state = {"error": repr(inner)}
        await ctx.close()
        raise FirstChartTimeout({**state, "screenshot": name, "error": repr(exc)[:200]}) from exc
    return ms, ctx, page


class FirstChartTimeout(Exception):
    def __init__(self, state: dict):
        super().__init__(state)
        self.state = state


async def open_session(browser, side: Side, phase: str, tries: int = 1):
    """first_chart, counting every open that never drew a chart; None after ``tries`` failures."""
    for _ in range(tries):
        try:
            return await first_chart(browser, side)
        except FirstChartTimeout as exc:
            side.note("failed open", phase, exc.state)
    return None


async def tap(page, side: Side, i: int, phase: str) -> float | None:
    """Tap control number i and return ms from the tap to the charts' redraw (None: lost)."""
    chart = side.target["chart"]
    try:
        target = await control(page, side, i)
        await page.evaluate(ARM_JS, chart)
        await target.tap(timeout=30_000)
    except LookupError:
        raise  # the control is not on the page at all: the page changed, say so
    except Exception as exc:  # the page did not take the tap within 30 s: lost too
        side.note("lost tap", phase, {"error": repr(exc)[:300]})
        return None
    try:
        handle = await page.wait_for_function(WAIT_REDRAW_JS, arg=chart, polling=10, timeout=15_000)
    except Exception:  # no redraw within 15 s: a lost tap (fails the phase's target); keep a picture, go on
        state = await page.evaluate(LOST_STATE_JS, chart)
        if not side.lost:
            state["screenshot"] = f"lost-tap-{_slug(side.label)}.png"
            await page.screenshot(path=str(RESULTS / state["screenshot"]))
        side.note("lost tap", phase, state)
        return None
    got = await handle.json_value()
    side.first_change.append(got["first"])
    side.redraws.append(got["changes"])
    return float(got["settled"])


async def dismiss_dialog(page, side: Side) -> None:
    """A modal (e.g. Streamlit's "Page not found" on a deep link) makes the page inert: note it, close it."""
    text = await page.evaluate("() => { const d = document.querySelector('[role=dialog]'); return d ? d.innerText : null; }")
    if text:
        side.fig.setdefault("dialogs_on_open", []).append(text.strip().splitlines()[0])
        print(f"  ! {side.target['name']}: a dialog covered the page on opening: {text.strip().splitlines()[0]!r}; closing it")
        await page.keyboard.press("Escape")
        await page.wait_for_function("() => !document.querySelector('[role=dialog]')", timeout=10_000)


async def settle(page) -> None:
    await page.wait_for_function("() => window.__b.idle()", polling=10, timeout=30_000)
    await asyncio.sleep(0.05)

"""Benchmark: this app against a bare Streamlit baseline (issue 7, item 4).

    make bench                         # full run (about 8-10 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick
    .venv/bin/python bench/run.py --app-config runner.postScriptGC=false \
        --app-config server.disconnectedSessionTTL=10      # try a config change

What it measures, app and baseline in the same run, samples alternating A, B, A, B:

1. server-side script time per interaction: AppTest in-process (bench/apptest_time.py),
   and the same wall time inside the live server (bench/serve.py) during the browser taps;
2. tap-to-redraw in Chromium: Playwright taps the control; the page records
   performance.now() at the pointerdown and at the first animation frame from which the
   charts show their final picture (the one they show once Streamlit's script state is
   back to notRunning and the page has been quiet for QUIET_MS) and keep it;
3. navigation to first chart drawn (performance.now() at the first frame with the chart's
   line drawn and the app idle, i.e. from navigation start), cold (first visitor after
   a server start) and warm;
4. server RSS (/proc/<pid>/status VmRSS) with 1 session, with 20 concurrent sessions, after
   those close, and through a soak of >= 2,000 interactions (kiosk-like: each session taps
   ``SOAK_TAPS_PER_SESSION`` times and closes, a new one opens), growth from after warm-up;
5. 20 concurrent sessions tapping at once (each with a think time) -> p95 tap-to-redraw;
6. TCP_NODELAY on the server's live connections, and sessions the server still holds.

Retarget here: the first entry of TARGETS whose file exists is "the app"; EXTRA entries
are measured too (tap-to-redraw and script time only) when their files exist.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.browser.harness import stop_process  # noqa: E402  (the test servers' stop, shared)
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"

# ---------------------------------------------------------------------------------------
# What to tap. taps: Playwright selectors tapped in turn (each must change the chart);
# apptest: the same interactions for AppTest ([kind, key] for a button, [kind, key, value]
# for radio / button_group (segmented control, pills) / selectbox / slider ...);
# chart: selector of the chart(s) whose SVG must change; query: AppTest query params.
# ---------------------------------------------------------------------------------------
TARGETS = [
    {   # the stretch-reflex model: speed and distance controls (pages/reflex.py)
        "name": "reflex speed", "file": "pages/reflex.py", "path": "/reflex?lang=en&mode=kiosk",
        "taps": [".st-key-reflex_speed_control button >> nth=0", ".st-key-reflex_speed_control button >> nth=2"],
        "apptest": [["button_group", "reflex_speed_control", "slow"], ["button_group", "reflex_speed_control", "sudden"]],
        "chart": ".st-key-reflex-charts [data-testid=stVegaLiteChart]", "query": {"lang": "en", "mode": "kiosk"},
    },
    {   # until /reflex lands: /care's recovery chart follows the language switch
        "name": "care language", "file": "pages/care.py", "path": "/care?lang=en&mode=kiosk",
        "taps": [".st-key-lang_es button", ".st-key-lang_en button"],
        "apptest": [["button", "lang_es"], ["button", "lang_en"]],
        "chart": ".st-key-care-chart [data-testid=stVegaLiteChart]", "query": {"lang": "en", "mode": "kiosk"},
    },
]
EXTRA = [
    {   # the "warm bath" timeline step of the walkthrough
        "name": "spasm-or-disc timeline", "file": "pages/spasm-or-disc.py",
        "path": "/spasm-or-disc?lang=en&mode=kiosk&step=5",
        "taps": [".st-key-walk_bath_day_control button >> nth=1", ".st-key-walk_bath_day_control button >> nth=0"],
        "apptest": [["button_group", "walk_bath_day_control", 3], ["button_group", "walk_bath_day_control", 0]],
        "chart": "[data-testid=stVegaLiteChart]", "query": {"lang": "en", "mode": "kiosk", "step": "5"},
    },
]
BASELINE = {
    "name": "baseline", "file": "bench/baseline_app.py", "path": "/",
    "taps": [".st-key-choice [data-testid=stRadioOption] >> nth=2", ".st-key-choice [data-testid=stRadioOption] >> nth=0"],
    "apptest": [["radio", "choice", "fast"], ["radio", "choice", "slow"]],
    "chart": "[data-testid=stVegaLiteChart]", "query": {},
}

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
KIOSK = {"width": 1080, "height": 1920}
SOAK_TAPS_PER_SESSION = 20
SOAK_WORKERS = 2
THINK_S = (0.5, 1.5)  # pause between one session's taps when 20 sessions tap concurrently

# In-page probes: time of the last tap, the charts' SVG, a trace of what the charts showed
# and when, and "the app is idle".
#
# Tap-to-redraw is the time from the tap to the first frame from which the charts show
# their final picture (the one they show once the app is idle and quiet) and keep it:
# every DOM change is noted with the time of the next animation frame (when it is drawn)
# and the chart SVG at that moment. So a chart that is redrawn in the browser and then
# left unchanged by the server's rerun counts from its redraw; a chart that changes again
# (or back) counts from its last change. Same rule for the app and the baseline.
PROBE_JS = r"""
window.__b = {
  tap: null, before: null, trace: [], obs: null,
  sig(sel) { return [...document.querySelectorAll(sel)].map(c => { const s = c.querySelector('svg.marks'); return s ? s.innerHTML : ''; }).join('|'); },
  idle() { const a = document.querySelector('[data-testid=stApp]');
           return !!a && a.dataset.testScriptState === 'notRunning' && !document.querySelector('[data-testid=stSkeleton]'); },
  drawn(sel) { const c = document.querySelector(sel); const s = c && c.querySelector('svg.marks');
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
    b.obs.disconnect();
    return Math.max(0.001, from - b.tap);  // never 0: wait_for_function takes 0 for "not yet"
  },
};
for (const type of ['pointerdown', 'touchstart', 'mousedown'])
  window.addEventListener(type, () => { if (window.__b.tap === null) window.__b.tap = performance.now(); }, true);
"""
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
WAIT_FIRST_JS = """s => window.__b && window.__b.idle() && window.__b.drawn(s) && performance.now()"""


# ---------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "median": pct(values, 0.5), "p95": pct(values, 0.95),
            "min": min(values) if values else float("nan"), "max": max(values) if values else float("nan")}


@dataclass
class Server:
    name: str
    script: str
    cwd: Path
    args: list[str]
    port: int = 0
    proc: subprocess.Popen | None = None
    ctl: Path = field(default_factory=Path)
    started: float = 0.0
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, run_dir: Path) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.ctl = run_dir / f"ctl-{self.name}"
        log = (run_dir / f"server-{self.name}.log").open("wb")
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT), **self.env)
        env.pop("EXPLAINER_CLINIC_CONFIG", None)
        # The kiosk idle watch still runs (its health polling is part of the load), but no
        # reset to Home in the middle of a measurement.
        env["EXPLAINER_IDLE_SECONDS"] = "900"
        cmd = [sys.executable, str(BENCH / "serve.py"), str(self.ctl), "run", self.script,
               "--server.port", str(self.port), "--server.address", "127.0.0.1", *self.args]
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        self.started = time.monotonic()
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start; see {log.name}")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def dump(self) -> dict:
        (self.ctl / "dump.req").touch()
        out = self.ctl / "dump.json"
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not (self.ctl / "dump.req").exists() and out.exists():
                data = json.loads(out.read_text())
                out.unlink()
                return data
        return {"script_ms": [], "gc": [], "sockets": [], "sessions": {}}

    def stop(self) -> None:
        stop_process(self.proc)


class Side:
    """One app under test: its server, its target, its figures."""

    def __init__(self, label: str, target: dict, server: Server):
        self.label, self.target, self.server = label, target, server
        self.fig: dict = {}

    @property
    def url(self) -> str:
        return self.server.url + self.target["path"]


async def new_page(browser, side: Side):
    ctx = await browser.new_context(viewport=KIOSK, has_touch=True, device_scale_factor=1)
    await ctx.add_init_script(PROBE_JS)
    page = await ctx.new_page()
    return ctx, page


async def first_chart(browser, side: Side) -> tuple[float, object, object]:
    """Open a new session; ms from navigation start to the first chart drawn with the app idle."""
    ctx, page = await new_page(browser, side)
    await page.goto(side.url, wait_until="commit")
    try:
        handle = await page.wait_for_function(WAIT_FIRST_JS, arg=side.target["chart"], polling=10, timeout=60_000)
    except Exception as exc:  # keep a picture and the page's state, then let the caller decide
        name = f"failed-open-{side.label.replace(' ', '_')}-{time.strftime('%H%M%S')}.png"
        await page.screenshot(path=str(RESULTS / name))
        state = await page.evaluate(FAILED_OPEN_JS, side.target["chart"])
        await ctx.close()
        raise FirstChartTimeout({**state, "screenshot": name}) from exc
    return float(await handle.json_value()), ctx, page


class FirstChartTimeout(Exception):
    def __init__(self, state: dict):
        super().__init__(state)
        self.state = state


async def tap(page, side: Side, i: int) -> float:
    """Tap control number i and return ms from the tap to the chart's redraw."""
    chart = side.target["chart"]
    await page.evaluate(ARM_JS, chart)
    await page.tap(side.target["taps"][i % len(side.target["taps"])], timeout=30_000)
    try:
        handle = await page.wait_for_function(WAIT_REDRAW_JS, arg=chart, polling=10, timeout=15_000)
    except Exception:  # no redraw within 15 s: count it as lost, keep a picture, go on
        side.fig["lost_taps"] = side.fig.get("lost_taps", 0) + 1
        if side.fig["lost_taps"] == 1:
            await page.screenshot(path=str(RESULTS / f"lost-tap-{side.label.replace(' ', '_')}.png"))
            side.fig["lost_tap_state"] = await page.evaluate(LOST_STATE_JS, chart)
        return None
    return float(await handle.json_value())


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


# ---------------------------------------------------------------------------------------
def apptest_times(sides: list[tuple[str, dict, dict]], samples: int) -> dict:
    spec = {"samples": samples, "sides": [
        {"name": name, "file": t["file"], "query": t.get("query", {}), "actions": t["apptest"], "config": cfg}
        for name, t, cfg in sides]}
    out = subprocess.run([sys.executable, str(BENCH / "apptest_time.py"), json.dumps(spec)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        print("  AppTest failed:", out.stdout[-500:], out.stderr[-1500:])
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def parse_config(items: list[str]) -> tuple[list[str], dict]:
    """KEY=VALUE -> CLI flags for streamlit run, and typed runner.* options for AppTest."""
    flags, runner = [], {}
    for item in items:
        key, _, value = item.partition("=")
        flags += [f"--{key}", value]
        if key.startswith("runner."):
            runner[key] = {"true": True, "false": False}.get(value.lower(), value)
    return flags, runner


def pick_target(verbose: bool = True) -> dict:
    for t in TARGETS:
        if (ROOT / t["file"]).exists():
            return t
        if verbose:
            print(f"  ({t['file']} does not exist yet; next target)")
    raise SystemExit("no target page exists")


# ---------------------------------------------------------------------------------------
async def browser_phase(args, app: Side, base: Side, extras: list[Side]) -> None:
    from playwright.async_api import async_playwright

    q = args.quick
    n_first, n_taps = (4, 12) if q else (10, 40)
    conc_taps = 4 if q else 8
    soak_total = args.soak or (200 if q else 2000)
    sides = [app, base]

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        print("- first chart, cold (first visitor after start; the page load does all imports)")
        for s in sides:
            rss0 = s.server.rss_mb()
            ms, ctx, _ = await first_chart(browser, s)
            s.fig["first_chart_cold_ms"] = ms
            s.fig["rss_idle_mb"] = rss0
            await ctx.close()
            await s.server.dump()  # drop the cold run's timings
        print("- first chart, warm, alternating")
        firsts = {s.label: [] for s in sides}
        for i in range(n_first + 1):
            for s in sides:
                ms, ctx, _ = await first_chart(browser, s)
                if i:
                    firsts[s.label].append(ms)
                await ctx.close()
        for s in sides:
            s.fig["first_chart_ms"] = summary(firsts[s.label])

        print("- tap-to-redraw, one session each, alternating")
        pages = {}
        for s in sides + extras:
            _, ctx, page = await first_chart(browser, s)
            await settle(page)
            await dismiss_dialog(page, s)
            pages[s.label] = (ctx, page)
        await asyncio.sleep(1.0)
        for s in sides + extras:
            s.fig["rss_1_session_mb"] = s.server.rss_mb()
            await s.server.dump()
        taps = {s.label: [] for s in sides + extras}
        for i in range(n_taps + 2):
            for s in sides + extras:
                ms = await tap(pages[s.label][1], s, i)
                if i >= 2 and ms is not None:
                    taps[s.label].append(ms)
                await settle(pages[s.label][1])
        for s in sides + extras:
            d = await s.server.dump()
            s.fig["tap_to_redraw_ms"] = summary(taps[s.label])
            s.fig["server_script_ms"] = summary(d["script_ms"])
            gen2 = [ms for g, ms in d["gc"] if g == 2]
            s.fig["server_gc2_per_run_ms"] = summary(gen2)
            s.fig["sockets"] = d["sockets"]
            s.fig["sessions_1"] = d.get("sessions", {})
        for ctx, _ in pages.values():
            await ctx.close()

        print("- 20 concurrent sessions (each taps with a think time), one app at a time")
        for s in sides:
            opened = []
            for _ in range(20):
                _, ctx, page = await first_chart(browser, s)
                opened.append((ctx, page))
            for _, page in opened:
                await settle(page)
            await asyncio.sleep(1.0)
            s.fig["rss_20_sessions_mb"] = s.server.rss_mb()
            await s.server.dump()
            lat: list[float] = []

            async def user(page, seed: int) -> None:
                rnd = random.Random(seed)
                await asyncio.sleep(rnd.uniform(0, THINK_S[1]))
                for i in range(conc_taps):
                    ms = await tap(page, s, i)
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

        soak_sides = [app] if q else [app, base]
        for s in soak_sides:
            print(f"- soak {s.label}: {soak_total} interactions, {SOAK_WORKERS} kiosks, "
                  f"{SOAK_TAPS_PER_SESSION} taps per session then a new session")
            await s.server.dump()
            samples: list[tuple[int, float, float]] = []
            done = 0
            every = max(50, soak_total // 40)
            lat: list[float] = []
            t_start = time.monotonic()

            async def kiosk() -> None:
                nonlocal done
                while done < soak_total:
                    try:
                        ctx, page = (await first_chart(browser, s))[1:]
                    except FirstChartTimeout as exc:  # a page that never drew its chart: count it, go on
                        s.fig["soak_failed_opens"] = s.fig.get("soak_failed_opens", 0) + 1
                        s.fig.setdefault("soak_failed_open_state", []).append(exc.state)
                        print(f"  ! {s.label}: a new session did not draw its chart within 60 s: {exc.state}")
                        continue
                    await settle(page)
                    for i in range(SOAK_TAPS_PER_SESSION):
                        if done >= soak_total:
                            break
                        ms = await tap(page, s, i)
                        if ms is not None:
                            lat.append(ms)
                        await settle(page)
                        done += 1
                        if done % every == 0:
                            samples.append((done, round(time.monotonic() - t_start, 1), s.server.rss_mb()))
                    await ctx.close()

            await asyncio.gather(*(kiosk() for _ in range(SOAK_WORKERS)))
            d = await s.server.dump()
            warm = [r for n, _, r in samples if n >= soak_total // 10]
            start_rss, end_rss = (warm[0], samples[-1][2]) if warm else (float("nan"),) * 2
            s.fig["soak"] = {
                "interactions": soak_total, "seconds": round(time.monotonic() - t_start, 1),
                "rss_after_warmup_mb": start_rss, "rss_end_mb": end_rss,
                "rss_peak_mb": max(r for _, _, r in samples),
                "growth_pct": (end_rss - start_rss) / start_rss * 100,
                "samples": samples, "tap_ms": summary(lat),
                "server_script_ms": summary(d["script_ms"]),
                "sessions_end": d.get("sessions", {}),
            }
        await browser.close()


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def report(args, app: Side, base: Side, extras: list[Side], at: dict, label: str) -> dict:
    rows = []

    def row(name, key, sub=None, fmt="{:.1f}"):
        va, vb = app.fig.get(key), base.fig.get(key)
        if sub:
            va, vb = (va or {}).get(sub), (vb or {}).get(sub)
        if va is None or vb is None:
            return
        rows.append((name, fmt.format(va), fmt.format(vb), f"{ratio(va, vb):.2f}x"))

    for k in ("median", "p95"):
        rows.append((f"script time, AppTest ({k}) ms", f"{app.fig['apptest_ms'][k]:.1f}",
                     f"{base.fig['apptest_ms'][k]:.1f}", f"{ratio(app.fig['apptest_ms'][k], base.fig['apptest_ms'][k]):.2f}x"))
    for k in ("median", "p95"):
        row(f"script time, live server ({k}) ms", "server_script_ms", k)
    row("  of which gen-2 GC per run (median) ms", "server_gc2_per_run_ms", "median")
    for k in ("median", "p95"):
        row(f"tap-to-redraw, 1 session ({k}) ms", "tap_to_redraw_ms", k)
    row("first chart, cold (first visitor) ms", "first_chart_cold_ms", None, "{:.0f}")
    for k in ("median", "p95"):
        row(f"first chart, warm ({k}) ms", "first_chart_ms", k, "{:.0f}")
    for k in ("median", "p95"):
        row(f"tap-to-redraw, 20 sessions ({k}) ms", "concurrent20_tap_ms", k)
    row("server script, 20 sessions (p95) ms", "concurrent20_server_script_ms", "p95")
    row("RSS idle, before any session MB", "rss_idle_mb")
    row("RSS with 1 session MB", "rss_1_session_mb")
    row("RSS with 20 sessions MB", "rss_20_sessions_mb")
    row("RSS 2 s after the 20 closed MB", "rss_after_20_closed_mb")
    for k, name in (("rss_after_warmup_mb", "soak RSS after warm-up MB"), ("rss_end_mb", "soak RSS at end MB"),
                    ("growth_pct", "soak RSS growth %")):
        if "soak" in app.fig:
            vb = base.fig.get("soak", {}).get(k)
            rows.append((name, f"{app.fig['soak'][k]:.1f}", "-" if vb is None else f"{vb:.1f}",
                         "" if vb is None else f"{ratio(app.fig['soak'][k], vb):.2f}x"))

    w = max(len(r[0]) for r in rows)
    print(f"\n== {label}: app = {app.target['name']} ({app.target['path']}), baseline = bare Streamlit ==")
    print(f"{'':{w}}  {'app':>10}  {'baseline':>10}  {'ratio':>7}")
    for r in rows:
        print(f"{r[0]:{w}}  {r[1]:>10}  {r[2]:>10}  {r[3]:>7}")
    for s in (app, base, *extras):
        if s.fig.get("soak_failed_opens"):
            print(f"{s.target['name']}: {s.fig['soak_failed_opens']} soak session(s) never drew the chart; "
                  f"state {s.fig.get('soak_failed_open_state')}")
        if s.fig.get("lost_taps"):
            print(f"{s.target['name']}: {s.fig['lost_taps']} tap(s) with no redraw within 15 s; state {s.fig.get('lost_tap_state')}")
    for e in extras:
        print(f"{e.target['name']}: tap-to-redraw median {e.fig['tap_to_redraw_ms']['median']:.1f} ms, "
              f"p95 {e.fig['tap_to_redraw_ms']['p95']:.1f} ms; AppTest median "
              f"{e.fig.get('apptest_ms', {}).get('median', float('nan')):.1f} ms")
    if "soak" in app.fig:
        s = app.fig["soak"]
        print(f"soak: {s['interactions']} interactions in {s['seconds']} s; RSS samples (n, s, MB): "
              + " ".join(f"{n}:{r:.0f}" for n, _, r in s["samples"][:: max(1, len(s['samples']) // 10)]))
        print(f"sessions held by the app server at the soak's end: {s['sessions_end']}")
    conns = [x for x in app.fig.get("sockets", []) if x["peer"]]
    print(f"TCP_NODELAY on the app server's {len(conns)} live connection(s): "
          f"{sorted(set(x['nodelay'] for x in conns))} (socket proto {sorted(set(x.get('proto') for x in conns))}); listening socket(s): "
          f"{sorted(set(x['nodelay'] for x in app.fig.get('sockets', []) if not x['peer']))}")

    checks = {
        "tap-to-redraw median <= 0.6x baseline": app.fig["tap_to_redraw_ms"]["median"] <= 0.6 * base.fig["tap_to_redraw_ms"]["median"],
        "first chart (warm median) <= 1.3x baseline": app.fig["first_chart_ms"]["median"] <= 1.3 * base.fig["first_chart_ms"]["median"],
        "soak memory growth < 10%": app.fig.get("soak", {}).get("growth_pct", float("inf")) < 10,
        # 20 Chromium pages on the server's own 2 cores: mostly Chromium's drawing; concurrency.py
        # (run next by `make bench`) gives the same target with one browser and 19 protocol sessions.
        "20 sessions as 20 Chromium pages on the server's cores: p95 tap-to-redraw < 250 ms":
            app.fig["concurrent20_tap_ms"]["p95"] < 250,
    }
    print()
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return {name: ok for name, ok in checks.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer samples and a soak of 200 (smoke run)")
    ap.add_argument("--app-config", action="append", default=[], metavar="KEY=VALUE",
                    help="config override for the app's server (and AppTest for runner.*), e.g. runner.postScriptGC=false")
    ap.add_argument("--bare-launcher", action="store_true",
                    help="serve the app with plain `streamlit run` (no ui/server.py: no TCP_NODELAY, no warm-up imports)")
    ap.add_argument("--soak", type=int, default=0, help="soak interactions (default 2000, 200 with --quick)")
    ap.add_argument("--label", default="", help="name for the results file")
    args = ap.parse_args()

    label = args.label or (" ".join(args.app_config + (["bare launcher"] if args.bare_launcher else []))
                           or "repository config")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    run_dir = RESULTS / f"run-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)
    target = pick_target()
    extras_t = [t for t in EXTRA if (ROOT / t["file"]).exists()]
    flags, runner_cfg = parse_config(args.app_config)
    t0 = time.monotonic()

    print(f"- AppTest script time, alternating ({'quick' if args.quick else 'full'})")
    at_sides = [("app", target, {"runner.postScriptGC": True, **runner_cfg}),
                ("baseline", BASELINE, {"runner.postScriptGC": True})]
    at_sides += [(t["name"], t, {"runner.postScriptGC": True, **runner_cfg}) for t in extras_t]
    at = apptest_times(at_sides, 20 if args.quick else 60)

    # The app as `make run` serves it (ui/server.py: TCP_NODELAY, warm-up imports); the
    # baseline as plain `streamlit run` with default settings. --bare-launcher: the app without.
    app_srv = Server("app", "app.py", ROOT, flags,
                     env={} if args.bare_launcher else {"BENCH_LAUNCHER": "ui.server"})
    base_srv = Server("baseline", "baseline_app.py", BENCH,
                      ["--server.headless", "true", "--browser.gatherUsageStats", "false"])
    app = Side("app", target, app_srv)
    base = Side("baseline", BASELINE, base_srv)
    extras = [Side(t["name"], t, app_srv) for t in extras_t]
    for side in [app, base, *extras]:
        side.fig["apptest_ms"] = summary(at.get("app" if side is app else side.label if side is base else side.target["name"], []))
    try:
        app_srv.start(run_dir)
        base_srv.start(run_dir)
        asyncio.run(browser_phase(args, app, base, extras))
    finally:
        app_srv.stop()
        base_srv.stop()

    checks = report(args, app, base, extras, at, label)
    print(f"load average at the end: {os.getloadavg()} on {os.cpu_count()} CPUs (absolute figures scale with it; ratios are alternating)")
    out = {"label": label, "quick": args.quick, "app_config": args.app_config, "bare_launcher": args.bare_launcher,
           "load_average": os.getloadavg(), "target": target["name"],
           "seconds": round(time.monotonic() - t0, 1), "checks": checks,
           "app": app.fig, "baseline": base.fig, "extras": {e.target["name"]: e.fig for e in extras}}
    path = RESULTS / f"bench-{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(out, indent=1))
    print(f"\nfigures: {path.relative_to(ROOT)} ({out['seconds']} s)")


if __name__ == "__main__":
    main()

"""Benchmark: this app against a bare Streamlit baseline served two ways.

    make bench                         # the instant figures, about 2.5 minutes
    .venv/bin/python bench/run.py --quick
    .venv/bin/python bench/run.py --full   # also script time, cold opens, 20 sessions, soak
    .venv/bin/python bench/run.py --app-config runner.postScriptGC=true   # try a config change

How long, on this project's 2 cores: the default run took 2.3 minutes at load average 2-3
(--quick: 2.2 at load average 7). --full --quick took 5.4 minutes at load average 5, and 18 minutes at 18-25
(shared with other work); a --full run was not measured: from the quick runs' time per
phase, about 30 minutes at load 5 (its 2,000-interaction soak about 19 of them) and about
80 at load 20. The run prints its time per phase at the end.

Default figures (bench/README.md): tap -> the charts' first change and tap -> settled (their
last change) on /reflex and on the walkthrough's timeline, first chart after navigation,
layout shift while those pages load, and the replay's frame intervals (bench/replay_frames.py).

Three servers: the app as `make run` serves it; the baseline (bench/baseline_app.py) with
Streamlit's default settings; and the same baseline with the app's [server] and [runner]
settings through the same launcher (`python -m ui.server`: TCP_NODELAY, no forced GC after
each run). Ratios are printed against both baselines; PASS/FAIL is judged against the one
with the app's settings. Samples alternate between the servers.

--full adds (marked *):
1*. server-side script time per interaction: AppTest in-process (bench/apptest_time.py),
   and the same wall time inside the live server (bench/serve.py) during the browser taps;
2. tap-to-redraw in Chromium: Playwright taps the control (found by role and by its
   English words from the content files); the page records performance.now() at the
   pointerdown and at the first animation frame from which the charts show their final
   picture (the one they show once Streamlit's script state is back to notRunning and the
   page has been quiet for QUIET_MS) and keep it;
3. navigation to first chart drawn (performance.now() from navigation start, at the first
   frame with a chart's line drawn and the app idle; a "See the numbers" control, if the
   page has one, is tapped as soon as it shows): warm; and cold* = first visitor after a
   server start, each server started alone, the order alternating round by round;
4*. server RSS (/proc/<pid>/status VmRSS) with 1 session, with 20 concurrent sessions, after
   those close, and through a soak of >= 2,000 interactions (kiosk-like: each session taps
   ``SOAK_TAPS_PER_SESSION`` times and closes, a new one opens), growth from after warm-up;
5*. 20 concurrent sessions tapping at once (each with a think time) -> p95 tap-to-redraw;
6. TCP_NODELAY on the server's live connections, and sessions the server still holds.

A tap with no redraw within 15 s (lost) or a new session whose chart never draws within
60 s (failed open) is counted, pictured in bench/results/, and fails its phase's target.
The exit status is 1 when any target fails.

This file only chooses what runs (the servers, the phases in order, their sample counts) and
writes the results; each figure's driver is a module of bench/drivers/ (listed in its
__init__.py), the table and PASS/FAIL are bench/report.py. Retarget in bench/targets.py: the
first entry of TARGETS whose file exists is "the app"; EXTRA entries are measured too
(tap-to-redraw and script time only) when their files exist.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench import report as reporting  # noqa: E402
from bench.drivers import first_chart, layout_shift, replay, script_time, sessions, soak, taps  # noqa: E402
from bench.drivers.common import (BENCH, CHROMIUM, CHROMIUM_ARGS, PHASES, RESULTS, Server, Side,  # noqa: E402
                                  app_server_config, parse_config, phase, summary)
from bench.targets import BASELINE, CHART_FLOOR, EXTRA, FLOOR, pick_target, resolve  # noqa: E402


async def browser_phase(args, sides: list[Side], extras: list[Side], run_dir: Path, floors: list[Side],
                        chart_floors: list[Side]) -> None:
    """Every phase that needs the browser, in order, with its sample counts. ``floors`` are
    timed beside the taps, ``chart_floors`` beside the first chart."""
    from playwright.async_api import async_playwright

    q = args.quick
    n_first, n_taps = (4, 12) if q else ((10, 40) if args.full else (8, 20))
    conc_taps = 4 if q else 8
    conc_sessions = 10 if q else 20  # quick: a smoke run of the same phase
    soak_total = args.soak or (200 if q else 2000)
    app = sides[0]

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        if args.full:
            rounds = 2 if q else 4
            phase(f"first chart, cold: each server started alone, {rounds} rounds, order alternating")
            await first_chart.cold(browser, sides, run_dir, rounds)

        for s in sides + floors + chart_floors:
            s.server.start(run_dir)
        phase("first chart, warm, alternating")
        await first_chart.warm(browser, sides + chart_floors, n_first)
        for s in chart_floors:
            s.server.stop()

        phase("tap-to-redraw, one session each, alternating")
        await taps.tap_to_redraw(browser, sides, extras + floors, n_taps)

        phase("layout shift while a page loads (kiosk size), alternating")
        await layout_shift.cls(browser, sides, extras, 2 if q else 3)

        if not args.full:
            phase(None)
            await browser.close()
            return

        phase(f"{conc_sessions} concurrent sessions (each taps with a think time), one app at a time")
        await sessions.concurrent(browser, sides, conc_sessions, conc_taps)

        # The soak judges the app's own growth; --soak-baseline soaks the baseline with the
        # app's settings too, for comparison (as long again).
        soak_sides = [app, sides[-1]] if args.soak_baseline else [app]
        for s in soak_sides:
            phase(f"soak {s.label}: {soak_total} interactions, {soak.SOAK_WORKERS} kiosks, "
                  f"{soak.SOAK_TAPS_PER_SESSION} taps per session then a new session")
            await soak.soak(browser, s, soak_total)
        phase(None)
        await browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true",
                    help="also AppTest script time, cold first chart, 20 sessions and the soak (about 30 minutes)")
    ap.add_argument("--quick", action="store_true", help="fewer samples (with --full: a soak of 200)")
    ap.add_argument("--app-config", action="append", default=[], metavar="KEY=VALUE",
                    help="config override for the app's server (and AppTest for runner.*), e.g. runner.postScriptGC=false")
    ap.add_argument("--bare-launcher", action="store_true",
                    help="serve the app with plain `streamlit run` (no ui/server.py: no TCP_NODELAY, no warm-up imports)")
    ap.add_argument("--soak", type=int, default=0, help="soak interactions (default 2000, 200 with --quick)")
    ap.add_argument("--soak-baseline", action="store_true",
                    help="soak the baseline with the app's settings too (doubles the soak's time)")
    ap.add_argument("--label", default="", help="name for the results file")
    args = ap.parse_args()

    label = args.label or (" ".join(args.app_config + (["bare launcher"] if args.bare_launcher else []))
                           or "repository config")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    run_dir = RESULTS / f"run-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)
    target = pick_target()
    baseline = resolve(BASELINE)
    extras_t = [resolve(t) for t in EXTRA if (ROOT / t["file"]).exists()]
    flags, runner_cfg = parse_config(args.app_config)
    same_flags = app_server_config()
    same_runner = {f.removeprefix("--"): {"true": True, "false": False}.get(v, v)
                   for f, v in zip(same_flags[::2], same_flags[1::2]) if f.startswith("--runner.")}
    t0 = time.monotonic()

    at: dict = {}
    if args.full:
        phase(f"AppTest script time, alternating ({'quick' if args.quick else 'full'})")
        at_sides = [("app", target, {"runner.postScriptGC": False, **same_runner, **runner_cfg}),
                    ("baseline (defaults)", baseline, {"runner.postScriptGC": True}),
                    ("baseline (app's settings)", baseline, same_runner)]
        at_sides += [(t["name"], t, {**same_runner, **runner_cfg}) for t in extras_t]
        at = script_time.apptest_times(at_sides, 20 if args.quick else 60)

    # The app as `make run` serves it (ui/server.py: TCP_NODELAY, warm-up imports; its own
    # .streamlit/config.toml). The baseline twice: with Streamlit's defaults, and with the
    # app's server and runner settings through the same launcher (PASS/FAIL use this one).
    # Both baselines run from bench/, so the app's config file does not apply to them.
    app_srv = Server("app", "app.py", ROOT, flags,
                     env={} if args.bare_launcher else {"BENCH_LAUNCHER": "ui.server", "BENCH_APP": "1"})
    base_srv = Server("baseline-defaults", "baseline_app.py", BENCH,
                      ["--server.headless", "true", "--browser.gatherUsageStats", "false"])
    same_srv = Server("baseline-app-settings", "baseline_app.py", BENCH,
                      ["--browser.gatherUsageStats", "false", *same_flags], env={"BENCH_LAUNCHER": "ui.server"})
    app = Side("app", target, app_srv)
    base = Side("baseline (defaults)", baseline, base_srv)
    same = Side("baseline (app's settings)", baseline, same_srv)
    base.fig["how"] = "bare Streamlit app, Streamlit's default settings, plain `streamlit run`"
    same.fig["how"] = ("same bare app, the app's [server] and [runner] settings (" + " ".join(same_flags)
                       + "), served through ui.server (TCP_NODELAY)")
    extras = [Side(t["name"], t, app_srv) for t in extras_t]
    base.fig["short"], same.fig["short"] = "defaults", "same settings"
    for side in [app, base, same, *extras]:
        if at:
            side.fig["apptest_ms"] = summary(at.get(side.label, []))
    # The browser's floor for a tap answered in the page, served as the same-settings baseline is.
    floor_srv = Server("floor", "floor_tap_app.py", BENCH, ["--browser.gatherUsageStats", "false", *same_flags],
                       env={"BENCH_LAUNCHER": "ui.server"})
    floor = Side("browser floor", resolve(FLOOR), floor_srv)
    floor.fig["how"] = ("the same-settings baseline's chart with its choice as a Vega radio binding: "
                        "a tap redrawn in the browser, no rerun (bench/floor_tap_app.py)")
    # The framework's floor for the first chart: /reflex's elements in a bare app, served as
    # the same-settings baseline is, opened at / (bench/floor_pages/pages/reflex_elements.py).
    chart_floor_srv = Server("chart-floor", "reflex_elements.py", BENCH / "floor_pages" / "pages",
                             ["--browser.gatherUsageStats", "false", *same_flags],
                             env={"BENCH_LAUNCHER": "ui.server", "BENCH_FLOOR_ALONE": "1"})
    chart_floor = Side("first chart floor", resolve(CHART_FLOOR), chart_floor_srv)
    chart_floor.fig["how"] = ("/reflex's kiosk elements and charts in a bare app, served as the same-settings "
                              "baseline is, opened at / (bench/floor_pages/pages/reflex_elements.py)")
    sides = [app, base, same]
    try:
        asyncio.run(browser_phase(args, sides, extras, run_dir, [floor], [chart_floor]))
    finally:
        for s in sides + [floor, chart_floor]:
            s.server.stop()

    phase("replay frames (bench/replay_frames.py)")
    app.fig["replay_frames"] = replay.frames(args.quick)
    phase("replay frames, taps and page changes nearby (bench/replay_frames.py --nearby)")
    app.fig["replay_frames_nearby"] = replay.frames(args.quick, nearby=True)
    phase(None)
    checks = reporting.report(app, [base, same], extras, label, full=args.full, floor=floor, chart_floor=chart_floor)
    seconds = round(time.monotonic() - t0, 1)
    print("time per phase: " + "; ".join(f"{name.split(':')[0].split(' (')[0]} {sec:.0f} s" for name, sec in PHASES.items()))
    print(f"load average at the end: {os.getloadavg()} on {os.cpu_count()} CPUs (absolute figures scale with it; ratios are alternating)")
    out = {"label": label, "quick": args.quick, "app_config": args.app_config, "bare_launcher": args.bare_launcher,
           "load_average": os.getloadavg(), "target": target["name"], "seconds": seconds, "checks": checks,
           "app": app.fig, "baselines": {b.label: b.fig for b in (base, same)},
           "missing": {s.label: {"lost_taps": s.lost, "failed_opens": s.failed_opens, "incidents": s.incidents}
                       for s in [*sides, *extras]},
           "extras": {e.target["name"]: e.fig for e in extras}, "floor": floor.fig, "chart_floor": chart_floor.fig, "phases_s": PHASES}
    path = RESULTS / f"bench-{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(out, indent=1, default=str))
    print(f"\nfigures: {path.relative_to(ROOT)} (run took {seconds:.0f} s = {seconds / 60:.1f} min)")
    sys.exit(0 if all(checks.values()) else 1)  # a FAIL (or a lost tap, a chart never drawn) exits 1


if __name__ == "__main__":
    main()

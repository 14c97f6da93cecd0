"""The report: the table (the app, each baseline, the ratio against each) and PASS/FAIL per
target, judged against the baseline served with the app's settings (the last baseline). A
lost tap or a chart that never drew fails its phase's target whatever the times; a figure
that is missing (NaN) fails too. The targets and their thresholds are in ``judge``."""
from __future__ import annotations

from bench.drivers.common import Side

#: The replay's frame intervals (bench/replay_frames.py): figure key -> how it was measured.
REPLAYS = {"replay_frames": "", "replay_frames_nearby": ", taps and page changes nearby"}
#: Every frame on time at 60 a second, with the odd late one, alone or with taps and page
#: changes nearby.
REPLAY_P95_MS = 20.0


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def report(app: Side, bases: list[Side], extras: list[Side], label: str, full: bool = False,
           floor: Side | None = None, chart_floor: Side | None = None) -> dict:
    """Print the table (app, each baseline, ratio against each) and PASS/FAIL per target,
    judged against the baseline served with the app's settings (the last of ``bases``);
    return {target: passed}. ``floor`` (the browser's own floor for a tap answered in the
    page, bench/floor_tap_app.py) is reported beside the taps, ``chart_floor`` (/reflex's
    elements in a bare app) beside the first chart; neither is judged."""
    same = bases[-1]
    rows = []

    def get(side: Side, key: str, sub: str | None):
        v = side.fig.get(key)
        return (v or {}).get(sub) if sub else v

    def row(name, key, sub=None, fmt="{:.1f}", who=app):
        va = get(who, key, sub)
        if va is None:
            return
        vals = [get(b, key, sub) for b in bases]
        rows.append((name, fmt.format(va), *("-" if v is None else fmt.format(v) for v in vals),
                     *("" if v is None else f"{ratio(va, v):.2f}x" for v in vals)))

    for who in (app, *extras):
        name = who.target["name"]
        for k in ("median", "p95"):
            row(f"{name}: tap -> first chart change ({k}) ms", "tap_first_change_ms", k, who=who)
        for k in ("median", "p95"):
            row(f"{name}: tap -> settled, last chart change ({k}) ms", "tap_to_redraw_ms", k, who=who)
        row(f"{name}: chart pictures per tap (median)", "redraws_per_tap", "median", "{:.0f}", who=who)
    for k in ("median", "p95"):
        row(f"{app.target['name']}: first chart after navigation, warm ({k}) ms", "first_chart_ms", k, "{:.0f}")
    for who in (app, *extras):
        row(f"{who.target['name']}: CLS while loading (largest of {who.fig.get('cls', {}).get('n', 0)})",
            "cls", "max", "{:.3f}", who=who)
    if full:
        for k in ("median", "p95"):
            row(f"script time, AppTest ({k}) ms", "apptest_ms", k)
        for k in ("median", "p95"):
            row(f"script time, live server ({k}) ms", "server_script_ms", k)
        row("  of which gen-2 GC per run (median) ms", "server_gc2_per_run_ms", "median")
        row("first chart, cold, server alone (median) ms", "first_chart_cold_ms", "median", "{:.0f}")
        conc = app.fig.get("concurrent_sessions", 20)
        for k in ("median", "p95"):
            row(f"tap-to-redraw, {conc} sessions ({k}) ms", "concurrent20_tap_ms", k)
        row(f"server script, {conc} sessions (p95) ms", "concurrent20_server_script_ms", "p95")
        row("RSS idle, before any session MB", "rss_idle_mb")
        row("RSS with 1 session MB", "rss_1_session_mb")
        row(f"RSS with {conc} sessions MB", "rss_20_sessions_mb")
        row(f"RSS 2 s after the {conc} closed MB", "rss_after_20_closed_mb")
        for k, name in (("rss_after_warmup_mb", "soak RSS after warm-up MB"), ("rss_end_mb", "soak RSS at end MB"),
                        ("growth_pct", "soak RSS growth %")):
            row(name, "soak", k)

    heads = ["app", *(f"baseline, {b.fig['short']}" for b in bases), *(f"app / {b.fig['short']}" for b in bases)]
    w = max(len(r[0]) for r in rows)
    cw = max(12, *(len(h) for h in heads))
    print(f"\n== {label}: app = {app.target['name']} ({app.target['path']}) ==")
    for b in bases:
        print(f"   {b.label}: {b.fig.get('how', '')}")
    print(f"{'':{w}}  " + "  ".join(f"{h:>{cw}}" for h in heads))
    for r in rows:
        print(f"{r[0]:{w}}  " + "  ".join(f"{c:>{cw}}" for c in r[1:]))
    for key, how in REPLAYS.items():
        replay = app.fig.get(key) or {}
        if "p95" in replay:
            print(f"replay frames (bench/replay_frames.py, app only{how}): p50 {replay['p50']:.1f} ms, "
                  f"p95 {replay['p95']:.1f} ms, max {replay['max']:.1f} ms")
    if "soak" in app.fig:
        s = app.fig["soak"]
        print(f"soak: {s['interactions']} interactions in {s['seconds']} s; RSS samples (n, s, MB): "
              + " ".join(f"{n}:{r:.0f}" for n, _, r in s["samples"][:: max(1, len(s['samples']) // 10)]))
        print(f"sessions held by the app server at the soak's end: {s['sessions_end']}")
    conns = [x for x in app.fig.get("sockets", []) if x["peer"]]
    print(f"TCP_NODELAY on the app server's {len(conns)} live connection(s): "
          f"{sorted(set(x['nodelay'] for x in conns))}; on the same-settings baseline's: "
          f"{sorted(set(x['nodelay'] for x in same.fig.get('sockets', []) if x['peer']))}")
    if floor is not None and "tap_to_redraw_ms" in floor.fig:
        f = floor.fig["tap_to_redraw_ms"]
        print(f"browser floor ({floor.fig.get('how', '')}): tap -> settled median {f['median']:.1f} ms, "
              f"p95 {f['p95']:.1f} ms; 0.3x {same.label} is {0.3 * same.fig.get('tap_to_redraw_ms', {}).get('median', float('nan')):.1f} ms")
        for who in (app, *extras):
            mine = who.fig.get("tap_to_redraw_ms", {}).get("median")
            if mine is not None:
                print(f"   {who.target['name']}: tap -> settled median {mine:.1f} ms = {ratio(mine, f['median']):.2f}x the floor")
    if chart_floor is not None and "first_chart_ms" in chart_floor.fig:
        f = chart_floor.fig["first_chart_ms"]
        same_first = same.fig.get("first_chart_ms", {}).get("median", float("nan"))
        mine = app.fig.get("first_chart_ms", {}).get("median", float("nan"))
        print(f"first chart floor ({chart_floor.fig.get('how', '')}): median {f['median']:.0f} ms, p95 {f['p95']:.0f} ms "
              f"= {ratio(f['median'], same_first):.2f}x {same.label}")
        print(f"   {app.target['name']}: first chart median {mine:.0f} ms = {ratio(mine, f['median']):.2f}x the floor")
    everyone = [app, *bases, *extras, *([floor] if floor is not None else []),
                *([chart_floor] if chart_floor is not None else [])]
    for s in everyone:
        if s.lost or s.failed_opens:
            print(f"{s.label}: lost taps {s.lost or 0}, failed opens {s.failed_opens or 0}; first incidents {s.incidents[:3]}")

    checks = judge(app, bases, extras, full)
    print()
    for name, (ok, why_not) in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({why_not})" if why_not else ""))
    return {name: ok for name, (ok, _) in checks.items()}


def judge(app: Side, bases: list[Side], extras: list[Side], full: bool = False) -> dict[str, tuple[bool, str]]:
    """Each target: (passed, why not), judged against the baseline with the app's settings
    (the last of ``bases``). ``why not`` names the lost taps and failed opens of the phase
    that measured the target; any of them fails it, whatever the times."""
    same = bases[-1]

    def missing(*phases: str, who=(app, same)) -> str:
        parts = [f"{s.label} {what} in {p}: {n}" for s in who for p in phases
                 for what, n in (("lost taps", s.lost.get(p, 0)), ("failed opens", s.failed_opens.get(p, 0))) if n]
        return "; ".join(parts)

    def judged(ok: bool, why_not: str) -> tuple[bool, str]:
        return (ok and not why_not, why_not)

    med = lambda s, k: s.fig.get(k, {}).get("median", float("nan"))  # noqa: E731
    checks = {}
    for who in (app, *extras):
        checks[f"{who.target['name']}: tap -> settled median <= 0.3x {same.label}"] = judged(
            med(who, "tap_to_redraw_ms") <= 0.3 * med(same, "tap_to_redraw_ms"), missing("tap", who=(who, same)))
    checks[f"{app.target['name']}: first chart after navigation (warm median) <= 1.1x {same.label}"] = judged(
        med(app, "first_chart_ms") <= 1.1 * med(same, "first_chart_ms"), missing("cold", "first chart"))
    for who in (app, *extras):
        checks[f"{who.target['name']}: CLS while loading <= 0.1"] = judged(
            who.fig.get("cls", {}).get("max", float("inf")) <= 0.1, missing("cls", who=(who,)))
    for key, how in REPLAYS.items():
        replay = app.fig.get(key) or {}
        if replay:
            checks[f"replay frames{how} p95 <= {REPLAY_P95_MS:.0f} ms"] = judged(
                replay.get("p95", float("inf")) <= REPLAY_P95_MS, "no figures" if replay.get("failed") else "")
    if full:
        conc = app.fig.get("concurrent_sessions", 20)
        checks["soak memory growth < 10%, every tap redrawn and every session drawn"] = judged(
            app.fig.get("soak", {}).get("growth_pct", float("inf")) < 10, missing("soak", who=(app,)))
        # 20 Chromium pages on the server's own 2 cores: mostly Chromium's drawing; concurrency.py
        # gives the same target with one browser and 19 protocol sessions.
        checks[f"{conc} sessions as {conc} Chromium pages on the server's cores: p95 tap-to-redraw < 250 ms"] = judged(
            app.fig.get("concurrent20_tap_ms", {}).get("p95", float("inf")) < 250, missing("concurrent", who=(app,)))
    return checks

"""bench/report.py's PASS/FAIL, from literal figures: each target's threshold, and a lost tap
or a chart that never drew failing its target whatever the times. The figures and the
target names are literals here, not read from the module under test."""
from __future__ import annotations

import math

import pytest

from bench.drivers.common import Side
from bench.report import judge, report

SAME = "baseline (app's settings)"
TAP = f"reflex speed: tap -> settled median <= 0.3x {SAME}"
TAP_EXTRA = f"spasm-or-disc timeline: tap -> settled median <= 0.3x {SAME}"
FIRST = f"reflex speed: first chart after navigation (warm median) <= 1.1x {SAME}"
CLS = "reflex speed: CLS while loading <= 0.1"
CLS_EXTRA = "spasm-or-disc timeline: CLS while loading <= 0.1"
REPLAY = "replay frames p95 <= 20 ms"
REPLAY_NEARBY = "replay frames, taps and page changes nearby p95 <= 20 ms"
SOAK = "soak memory growth < 10%, every tap redrawn and every session drawn"
CONC = "20 sessions as 20 Chromium pages on the server's cores: p95 tap-to-redraw < 250 ms"


def _side(label: str, name: str, **fig) -> Side:
    side = Side(label, {"name": name, "path": "/"}, server=None)
    side.fig.update(fig)
    return side


def _ms(median: float, p95: float | None = None) -> dict:
    return {"n": 20, "median": median, "p95": median if p95 is None else p95, "min": median, "max": median}


def _run(app_tap=20.0, same_tap=100.0, extra_tap=25.0, app_first=450.0, same_first=430.0,
         app_cls=0.02, extra_cls=0.0, replay=None, nearby=None, full=False, **app_fig):
    """Sides with figures that pass every target unless told otherwise."""
    app = _side("app", "reflex speed", tap_to_redraw_ms=_ms(app_tap), first_chart_ms=_ms(app_first),
                cls={"n": 3, "max": app_cls},
                replay_frames={"p50": 16.7, "p95": 18.0, "max": 40.0} if replay is None else replay,
                replay_frames_nearby={"p50": 16.7, "p95": 19.0, "max": 60.0} if nearby is None else nearby, **app_fig)
    base = _side("baseline (defaults)", "baseline", tap_to_redraw_ms=_ms(95.0), first_chart_ms=_ms(420.0),
                 cls={"n": 3, "max": 0.0})
    same = _side(SAME, "baseline", tap_to_redraw_ms=_ms(same_tap), first_chart_ms=_ms(same_first),
                 cls={"n": 3, "max": 0.0})
    extra = _side("spasm-or-disc timeline", "spasm-or-disc timeline", tap_to_redraw_ms=_ms(extra_tap),
                  cls={"n": 3, "max": extra_cls})
    base.fig["short"], same.fig["short"] = "defaults", "same settings"
    return app, [base, same], [extra], full


def _verdicts(app, bases, extras, full):
    return {name: ok for name, (ok, _) in judge(app, bases, extras, full).items()}


def test_figures_within_every_target_pass():
    assert _verdicts(*_run()) == {TAP: True, TAP_EXTRA: True, FIRST: True, CLS: True, CLS_EXTRA: True, REPLAY: True,
                                  REPLAY_NEARBY: True}


@pytest.mark.parametrize("app_tap, passed", [(30.0, True), (30.1, False), (45.0, False)])
def test_tap_ratio_above_target_fails(app_tap, passed):
    assert _verdicts(*_run(app_tap=app_tap))[TAP] is passed  # 0.3 x 100 ms


@pytest.mark.parametrize("app_first, passed", [(473.0, True), (473.5, False), (900.0, False)])
def test_first_chart_ratio_above_target_fails(app_first, passed):
    assert _verdicts(*_run(app_first=app_first))[FIRST] is passed  # 1.1 x 430 ms


@pytest.mark.parametrize("app_cls, passed", [(0.1, True), (0.101, False)])
def test_layout_shift_above_target_fails(app_cls, passed):
    assert _verdicts(*_run(app_cls=app_cls))[CLS] is passed


@pytest.mark.parametrize("replay, passed", [({"p50": 17, "p95": 20.0, "max": 60}, True),
                                            ({"p50": 17, "p95": 20.5, "max": 60}, False),
                                            ({"failed": True}, False)])
def test_replay_frames_above_target_or_missing_fail(replay, passed):
    verdicts = _verdicts(*_run(replay=replay))
    assert verdicts[REPLAY] is passed
    assert verdicts[REPLAY_NEARBY] is True  # the other figure is judged on its own
    verdicts = _verdicts(*_run(nearby=replay))
    assert verdicts[REPLAY_NEARBY] is passed
    assert verdicts[REPLAY] is True


def test_replay_that_gave_no_figures_says_so():
    assert judge(*_run(replay={"failed": True}))[REPLAY] == (False, "no figures")
    assert judge(*_run(nearby={"failed": True}))[REPLAY_NEARBY] == (False, "no figures")


def test_no_replay_script_no_replay_target():
    verdicts = _verdicts(*_run(replay={}, nearby={}))
    assert REPLAY not in verdicts and REPLAY_NEARBY not in verdicts


def test_a_lost_tap_fails_however_fast_the_others():
    app, bases, extras, full = _run(app_tap=5.0)
    app.lost["tap"] = 1
    checks = judge(app, bases, extras, full)
    assert checks[TAP] == (False, "app lost taps in tap: 1")
    assert checks[TAP_EXTRA][0] is True  # the extra page's own taps all redrew


def test_a_lost_tap_on_the_baseline_fails_the_comparison_too():
    app, bases, extras, full = _run()
    bases[-1].lost["tap"] = 2
    checks = judge(app, bases, extras, full)
    assert checks[TAP] == (False, f"{SAME} lost taps in tap: 2")
    assert checks[TAP_EXTRA] == (False, f"{SAME} lost taps in tap: 2")


def test_a_lost_tap_on_the_extra_page_fails_its_own_target_only():
    app, bases, extras, full = _run()
    extras[0].lost["tap"] = 1
    verdicts = _verdicts(app, bases, extras, full)
    assert verdicts[TAP_EXTRA] is False and verdicts[TAP] is True


def test_a_chart_that_never_drew_fails_first_chart_and_layout_shift():
    app, bases, extras, full = _run()
    app.failed_opens["first chart"] = 1
    app.failed_opens["cls"] = 1
    checks = judge(app, bases, extras, full)
    assert checks[FIRST] == (False, "app failed opens in first chart: 1")
    assert checks[CLS] == (False, "app failed opens in cls: 1")


def test_a_missing_figure_fails():
    app, bases, extras, full = _run()
    app.fig["tap_to_redraw_ms"] = _ms(math.nan)  # no tap redrew at all
    del extras[0].fig["cls"]
    verdicts = _verdicts(app, bases, extras, full)
    assert verdicts[TAP] is False and verdicts[CLS_EXTRA] is False


def test_full_run_targets():
    ok = dict(soak={"growth_pct": 9.9}, concurrent20_tap_ms=_ms(100.0, p95=249.0), concurrent_sessions=20)
    assert _verdicts(*_run(full=True, **ok))[SOAK] is True
    assert _verdicts(*_run(full=True, **ok))[CONC] is True
    grown = dict(ok, soak={"growth_pct": 10.0})
    assert _verdicts(*_run(full=True, **grown))[SOAK] is False
    slow = dict(ok, concurrent20_tap_ms=_ms(100.0, p95=250.0))
    assert _verdicts(*_run(full=True, **slow))[CONC] is False
    app, bases, extras, full = _run(full=True, **ok)
    app.lost["soak"] = 1
    assert _verdicts(app, bases, extras, full)[SOAK] is False
    assert SOAK not in _verdicts(*_run(full=False, **ok))


def test_report_prints_every_row_and_its_verdicts(capsys):
    app, bases, extras, full = _run(app_tap=45.0)
    app.fig["tap_first_change_ms"] = _ms(12.0)
    bases[-1].fig["tap_first_change_ms"] = _ms(100.0)
    bases[0].fig["tap_first_change_ms"] = _ms(90.0)
    app.lost["tap"] = 1
    verdicts = report(app, bases, extras, "repository config", full=full)
    out = capsys.readouterr().out
    assert verdicts[TAP] is False and verdicts[CLS] is True
    assert f"FAIL  {TAP}  (app lost taps in tap: 1)" in out
    assert f"PASS  {CLS}" in out
    table = {line.split("  ")[0]: line.split() for line in out.splitlines()}
    row = table["reflex speed: tap -> settled, last chart change (median) ms"]
    assert row[-5:] == ["45.0", "95.0", "100.0", "0.47x", "0.45x"]  # app, both baselines, both ratios
    assert "reflex speed: tap -> first chart change (median) ms" in table
    assert "reflex speed: first chart after navigation, warm (median) ms" in table
    assert "spasm-or-disc timeline: CLS while loading (largest of 3)" in table
    assert "replay frames (bench/replay_frames.py, app only): p50 16.7 ms, p95 18.0 ms, max 40.0 ms" in out
    assert ("replay frames (bench/replay_frames.py, app only, taps and page changes nearby): p50 16.7 ms, p95 19.0 ms,"
            " max 60.0 ms") in out


def test_the_browser_floor_is_reported_beside_the_taps_and_never_judged(capsys):
    """bench/floor_tap_app.py (a tap answered by Vega in the page, no rerun): each page's taps
    against it, and 0.3x the same-settings baseline in ms, so a reader sees whether the target
    is below what the browser itself can do. A floor's lost tap is reported, not judged."""
    app, bases, extras, full = _run(app_tap=18.0, same_tap=47.0, extra_tap=16.0)
    floor = _side("browser floor", "browser floor", tap_to_redraw_ms=_ms(15.0, 19.5))
    floor.lost["tap"] = 1
    verdicts = report(app, bases, extras, "repository config", full=full, floor=floor)
    out = capsys.readouterr().out
    assert "tap -> settled median 15.0 ms, p95 19.5 ms; 0.3x baseline (app's settings) is 14.1 ms" in out
    assert "   reflex speed: tap -> settled median 18.0 ms = 1.20x the floor" in out
    assert "   spasm-or-disc timeline: tap -> settled median 16.0 ms = 1.07x the floor" in out
    assert "browser floor: lost taps {'tap': 1}" in out
    assert set(verdicts) == {TAP, TAP_EXTRA, FIRST, CLS, CLS_EXTRA, REPLAY, REPLAY_NEARBY}  # nothing judged on it
    assert verdicts[TAP] is False and verdicts[TAP_EXTRA] is False  # 18 and 16 ms > 14.1 ms


def test_page_change_bench_taps_tiles_that_exist_and_a_baseline_that_links_its_second_page():
    """bench/page_change.py finds each Home tile by its English title: a renamed content key
    or a tile that is gone stops the bench instead of timing nothing."""
    from bench import page_change
    from explainer.common.content import Content

    routes = page_change.routes()
    assert sorted(routes) == ["care", "reflex", "self-check"]
    titles = {Content.load().text("en", key) for key in
              ("home.tiles.care_title", "home.tiles.check_title", "home.tiles.reflex_title")}
    assert {r["link"] for r in routes.values()} == titles
    home = (page_change.BENCH / "baseline_pages" / "home.py").read_text()
    assert 'st.page_link("pages/second.py", label="Second page"' in home
    assert (page_change.BENCH / "baseline_pages" / "pages" / "second.py").exists()


def test_page_change_floors_link_pages_that_draw_the_parts_own_words():
    """Each floor (a part's elements in a bare app) is linked from the floor app's Home by
    the label the bench taps, and its page draws that part's English title: a floor page
    that drew something else would be a floor of nothing."""
    from bench import page_change
    from explainer.common.content import Content

    home = (page_change.BENCH / "floor_pages" / "home.py").read_text()
    for part, route in page_change.FLOORS.items():
        page = page_change.BENCH / "floor_pages" / "pages" / f"{part}_elements.py"
        assert f'st.page_link("pages/{page.name}", label="{route["link"]}"' in home
        assert f't("{part}.title")' in page.read_text()
        assert Content.load().text("en", f"{part}.title")


def test_tap_targets_name_controls_that_exist_and_what_they_redraw():
    """Each tap target's words come from the content (a renamed key stops here, not in the
    bench), each tap changes the choice, and a target that watches something other than the
    charts names an element its page draws."""
    from bench.targets import CHART, EXTRA, TARGETS, resolve
    from bench.drivers.common import ROOT

    names = {t["name"] for t in TARGETS + EXTRA}
    assert {"reflex speed", "spasm-or-disc timeline", "spasm-or-disc nerve level"} <= names
    for target in TARGETS + EXTRA:
        resolved = resolve(target)
        labels = [o["label"] for o in resolved["options"]]
        assert all(labels) and len(set(labels)) == len(labels), target["name"]
        assert len({o["value"] for o in target["options"]}) == len(target["options"]), target["name"]
    # The level target watches the leg map's pictures, drawn by level_diagram("legmap", ...).
    (level,) = [t for t in EXTRA if t["name"] == "spasm-or-disc nerve level"]
    assert resolve(level)["chart"] == ".st-key-walk-diagram-legmap"
    page = (ROOT / level["file"]).read_text()
    assert 'key=f"walk-diagram-{key}"' in page and 'level_diagram("legmap", ' in page


def test_the_first_chart_floor_is_reported_beside_the_first_chart_and_never_judged(capsys):
    """/reflex's elements in a bare app (bench/floor_pages/pages/reflex_elements.py served
    alone): the floor against the same-settings baseline, and the app's first chart against
    the floor, so a reader sees how much of the gap is Streamlit drawing that much."""
    app, bases, extras, full = _run(app_first=1009.0, same_first=744.0)
    chart_floor = _side("first chart floor", "first chart floor", first_chart_ms=_ms(972.0, 1044.0))
    chart_floor.fig["how"] = "the floor"
    chart_floor.failed_opens["first chart"] = 1
    verdicts = report(app, bases, extras, "repository config", full=full, chart_floor=chart_floor)
    out = capsys.readouterr().out
    assert "first chart floor (the floor): median 972 ms, p95 1044 ms = 1.31x baseline (app's settings)" in out
    assert "   reflex speed: first chart median 1009 ms = 1.04x the floor" in out
    assert "first chart floor: lost taps 0, failed opens {'first chart': 1}" in out
    assert set(verdicts) == {TAP, TAP_EXTRA, FIRST, CLS, CLS_EXTRA, REPLAY, REPLAY_NEARBY}  # nothing judged on it
    assert verdicts[FIRST] is False  # 1009 > 1.1 x 744


def test_the_first_chart_floor_opens_the_same_numbers_as_the_app():
    """The floor is tapped open by the words the app's own target taps ("See the numbers"),
    and its page draws them from the same content key; served alone it has no Home link."""
    from bench.drivers.common import ROOT
    from bench.targets import CHART_FLOOR, pick_target, resolve

    floor, app = resolve(CHART_FLOOR), pick_target(verbose=False)
    assert floor["reveal_label"] == app["reveal_label"] == "See the numbers"
    page = (ROOT / CHART_FLOOR["file"]).read_text()
    assert 'st.expander(t("reflex.numbers.open")' in page
    assert 'if os.environ.get("BENCH_FLOOR_ALONE") != "1":' in page

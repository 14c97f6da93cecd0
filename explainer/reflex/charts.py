"""The three charts of a simulated pull (explainer.reflex.model), in Altair.

Instant choices: each chart carries all nine choices (3 speeds x 3 distances)
in wide form (one column per choice) and shows one through a Vega-Lite
parameter, ``choice``, bound to the page's ``<body>`` (explainer.reflex.choices
says why the body). A tap sets it and Vega redraws in the browser at once,
without waiting for the server (ui/instant.js); the server's rerun then brings
the page to the same choice. Until the browser has set a choice (a fresh
page), the charts draw ``DEFAULT_CHOICE``, the choice of every new session.
The spec is the same for every choice, so Streamlit never re-embeds the
charts.

The replay's time cursor: a second parameter, ``replay_time``, bound to the
``<html>`` element, moves a vertical rule across every chart in step with the
replay (ui/replay.js); with no replay on screen it has no value and the rule
is not drawn.

Every word comes from ``t`` (assets/content/<lang>/reflex.toml); every
number from the model. Axes are fixed across choices so two choices can be
compared by eye. Colour is never the only cue: the two muscles also differ by
dash pattern and legend label, and the tearing zone is labelled in words.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from explainer.common import palette
from explainer.common.content import Strings
from explainer.reflex.choices import CHOICE_EVENT, CHOICE_HOST, CURSOR_EVENT, CURSOR_HOST, DEFAULT_CHOICE
from explainer.reflex.model import (
    DURATION_MS,
    SPINDLE_RESTING_RATE,
    TEAR_THRESHOLD_MM,
    StretchRun,
)

#: Chart sampling step, ms: 121 points per line keep the spec small and fast.
SAMPLE_MS = 5
#: Fixed axis tops so every choice is drawn on the same scale.
STRETCH_AXIS_MAX_MM = 45.0
FIRING_AXIS_MAX_IMP_S = 300.0
CHART_HEIGHT = 420
SMALL_CHART_HEIGHT = 330
FONT = "Atkinson Hyperlegible, sans-serif"

#: The Vega-Lite parameter that picks the choice (bound to ``CHOICE_HOST``).
CHOICE_PARAM = "choice"
#: The Vega-Lite parameter that places the replay's time cursor, ms (bound to ``CURSOR_HOST``).
#: Not "cursor": Vega has a signal of that name (the mouse pointer's style).
CURSOR_PARAM = "replay_time"
#: The charts' order on the page.
CHART_NAMES = ("stretch", "firing", "contraction")


@dataclass(frozen=True)
class ChartView:
    name: str  # "stretch", "firing", "contraction"
    chart: alt.TopLevelMixin  # carries every choice in ``runs``; shows the one in ``choice``


def _sampled(run: StretchRun) -> np.ndarray:
    step = max(1, int(round(SAMPLE_MS / (run.time_ms[1] - run.time_ms[0]))))
    return np.arange(0, len(run.time_ms), step)


def _style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=16, titleFontSize=17, labelColor=palette.INK, titleColor=palette.INK, gridColor=palette.GRID)
        .configure_legend(labelFontSize=17, labelColor=palette.INK, titleFontSize=17, orient="top", symbolStrokeWidth=4, symbolSize=400, labelLimit=400)
        .configure_title(fontSize=20, anchor="start", color=palette.INK)
        .configure_view(stroke=None)
    )


def _time_axis(t: Strings) -> alt.X:
    return alt.X("time:Q", title=t("reflex.chart.time_axis"), scale=alt.Scale(domain=[0, DURATION_MS], nice=False), axis=alt.Axis(tickCount=6))


def _params(runs: Mapping[str, StretchRun]) -> list[alt.Parameter]:
    """The chosen pull and the replay's cursor. With one run there is nothing
    to choose and nothing to replay: no page binding, no cursor."""
    first = DEFAULT_CHOICE if DEFAULT_CHOICE in runs else next(iter(runs))
    if len(runs) == 1:
        return [alt.param(name=CHOICE_PARAM, value=first)]
    return [
        alt.param(name=CHOICE_PARAM, value=first, bind=alt.BindDirect(element=CHOICE_HOST, event=CHOICE_EVENT)),
        alt.param(name=CURSOR_PARAM, value=-1, bind=alt.BindDirect(element=CURSOR_HOST, event=CURSOR_EVENT)),
    ]


@lru_cache(maxsize=1)
def _cursor_row() -> pd.DataFrame:
    return pd.DataFrame({"row": [0]})


def _with_cursor(layers: list, runs: Mapping[str, StretchRun]) -> list:
    """``layers`` plus the replay's cursor: a rule at ``time = cursor``, drawn
    only while the cursor has a value (0 ms or later)."""
    if len(runs) == 1:
        return layers
    cursor = (
        alt.Chart(_cursor_row())
        .transform_calculate(time=CURSOR_PARAM)
        .transform_filter(f"isValid({CURSOR_PARAM}) && {CURSOR_PARAM} >= 0")
        # Decorative for screen readers: the replay's caption says what happens when.
        .mark_rule(color=palette.INK, strokeWidth=3, aria=False)
        .encode(x=alt.X("time:Q", scale=alt.Scale(domain=[0, DURATION_MS], nice=False)))
    )
    return [*layers, cursor]


def chosen_expression(runs: Mapping[str, StretchRun]) -> str:
    """``datum[choice]``, or the default choice's column while the page has set
    no choice yet (``choice`` undefined): a chart never draws from nothing."""
    fallback = DEFAULT_CHOICE if DEFAULT_CHOICE in runs else next(iter(runs))
    return f"isValid(datum[{CHOICE_PARAM}]) ? datum[{CHOICE_PARAM}] : datum[{fallback!r}]"


def _chosen(chart: alt.Chart, field: str, runs: Mapping[str, StretchRun]) -> alt.Chart:
    """``field`` is the chosen choice's column (``chosen_expression``)."""
    return chart.transform_calculate(**{field: chosen_expression(runs)})


def _wide(runs: Mapping[str, StretchRun], base, values) -> pd.DataFrame:
    """One table for every choice: the rows ``base(run, idx)`` (time, and which
    line), then one column per choice (named by its ``choice_id``) with its
    values. Wide, not one row per choice and time: the same numbers in a third
    of the cells, and the browser's cost of a chart's data grows with cells."""
    first = next(iter(runs.values()))
    times = first.time_ms[_sampled(first)]
    frame = pd.DataFrame(base(first, _sampled(first)))
    for key, run in runs.items():
        idx = _sampled(run)
        assert np.array_equal(run.time_ms[idx], times), "every choice runs on one clock"
        frame[key] = values(run, idx)
    return frame


@lru_cache(maxsize=1)
def _tear_zone_frame() -> pd.DataFrame:
    """The shaded band: the same for every choice (cached)."""
    return pd.DataFrame({"low": [TEAR_THRESHOLD_MM], "high": [STRETCH_AXIS_MAX_MM]})


def stretch_view(runs: Mapping[str, StretchRun], t: Strings) -> ChartView:
    with_label, without_label = t("reflex.chart.with_reflex"), t("reflex.chart.without_reflex")
    lines = _wide(
        runs,
        lambda run, idx: {"time": np.concatenate([run.time_ms[idx]] * 2), "muscle": [with_label] * len(idx) + [without_label] * len(idx)},
        lambda run, idx: np.concatenate([run.stretch_with_reflex_mm[idx], run.stretch_without_reflex_mm[idx]]).round(2),
    )
    y = alt.Y("stretch:Q", title=t("reflex.chart.stretch_axis"), scale=alt.Scale(domain=[0, STRETCH_AXIS_MAX_MM], nice=False))
    zone = alt.Chart(_tear_zone_frame()).mark_rect(color=palette.TEAR_ZONE_FILL).encode(
        y=alt.Y("low:Q", scale=alt.Scale(domain=[0, STRETCH_AXIS_MAX_MM], nice=False)), y2="high:Q"
    )
    edge = alt.Chart(_tear_zone_frame()).mark_rule(color=palette.VERMILLION, strokeWidth=2, strokeDash=[2, 3]).encode(y="low:Q")
    zone_label = (
        alt.Chart(pd.DataFrame({"time": [8.0], "stretch": [(TEAR_THRESHOLD_MM + STRETCH_AXIS_MAX_MM) / 2], "label": [t("reflex.chart.tear_zone")]}))
        .mark_text(align="left", baseline="middle", fontSize=18, fontWeight="bold", color=palette.DARK_VERMILLION)
        .encode(x="time:Q", y="stretch:Q", text="label:N")
    )
    muscle = _chosen(alt.Chart(lines), "stretch", runs).mark_line(strokeWidth=4).encode(
        x=_time_axis(t),
        y=y,
        color=alt.Color("muscle:N", title=None, scale=alt.Scale(domain=[with_label, without_label], range=[palette.BLUE, palette.VERMILLION])),
        strokeDash=alt.StrokeDash("muscle:N", title=None, scale=alt.Scale(domain=[with_label, without_label], range=[[1, 0], [8, 5]])),
    )
    chart = alt.layer(*_with_cursor([zone, edge, zone_label, muscle], runs)).add_params(*_params(runs)).properties(
        title=t("reflex.chart.stretch_title"), height=CHART_HEIGHT, width="container"
    )
    return ChartView("stretch", _style(chart))


def firing_view(runs: Mapping[str, StretchRun], t: Strings) -> ChartView:
    frame = _wide(runs, lambda run, idx: {"time": run.time_ms[idx]}, lambda run, idx: run.firing_imp_s[idx].round(1))
    y = alt.Y("firing:Q", title=t("reflex.chart.firing_axis"), scale=alt.Scale(domain=[0, FIRING_AXIS_MAX_IMP_S], nice=False))
    line = _chosen(alt.Chart(frame), "firing", runs).mark_line(strokeWidth=4, color=palette.BLUE).encode(x=_time_axis(t), y=y)
    rest = pd.DataFrame({"firing": [SPINDLE_RESTING_RATE], "time": [DURATION_MS - 8], "label": [t("reflex.chart.rest_label")]})
    rest_rule = alt.Chart(rest).mark_rule(color=palette.MUTED, strokeWidth=2, strokeDash=[2, 3]).encode(y="firing:Q")
    rest_text = alt.Chart(rest).mark_text(align="right", baseline="top", dy=6, fontSize=16, color=palette.MUTED).encode(
        x="time:Q", y="firing:Q", text="label:N"
    )
    chart = alt.layer(*_with_cursor([rest_rule, rest_text, line], runs)).add_params(*_params(runs)).properties(
        title=t("reflex.chart.firing_title"), height=SMALL_CHART_HEIGHT, width="container"
    )
    return ChartView("firing", _style(chart))


def contraction_view(runs: Mapping[str, StretchRun], t: Strings) -> ChartView:
    frame = _wide(runs, lambda run, idx: {"time": run.time_ms[idx]}, lambda run, idx: (run.contraction[idx] * 100).round(1))
    y = alt.Y("strength:Q", title=t("reflex.chart.contraction_axis"), scale=alt.Scale(domain=[0, 100], nice=False))
    area = _chosen(alt.Chart(frame), "strength", runs).mark_area(
        line={"color": palette.BLUE, "strokeWidth": 4}, color=palette.SKY, opacity=0.45
    ).encode(x=_time_axis(t), y=y)
    chart = alt.layer(*_with_cursor([area], runs)).add_params(*_params(runs)).properties(
        title=t("reflex.chart.contraction_title"), height=SMALL_CHART_HEIGHT, width="container"
    )
    return ChartView("contraction", _style(chart))


def chart_views(runs: Mapping[str, StretchRun] | StretchRun, t: Strings) -> tuple[ChartView, ChartView, ChartView]:
    """The three charts. Given every choice (``all_runs()``), they switch in the
    browser; given one run, they show just that run."""
    if isinstance(runs, StretchRun):
        runs = {DEFAULT_CHOICE: runs}
    return stretch_view(runs, t), firing_view(runs, t), contraction_view(runs, t)

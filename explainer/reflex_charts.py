"""Views of the simulated pull (explainer.physiology): three Altair charts, each
with a plain-language summary for screen readers, and the narration.

Instant choices: each chart carries all nine choices (3 speeds x 3 distances)
and shows one through a Vega-Lite parameter, ``choice``, bound to the page's
``<body>`` (``CHOICE_HOST``): the choice the page shows is ``body.value``,
and a ``CHOICE_EVENT`` on the body tells every chart to read it again. A tap
sets it and Vega redraws in the browser at once, without waiting for the
server (ui/instant.js); the server's rerun then brings the page to the same
choice. The spec is the same for every choice, so Streamlit never re-embeds
the charts. ``choice_texts`` gives the words that change with the choice, for
the same browser-side switch.

Why the body and not an element of our own: Vega looks the bound element up
once, when it builds a chart, and if it is missing binds to an empty form of
its own instead (value undefined: the charts drew no lines, and later taps
never reached them). Anything Streamlit draws for us can arrive after the
charts (HTML markdown waits for a lazily loaded plugin), and React may
replace it later; the body exists before any chart and is never replaced.
Until the browser has set a value (a fresh page), the charts draw
``DEFAULT_CHOICE``, the choice of every new session.

Every word comes from ``t`` (assets/content/<lang>/reflex.toml); every number
from the model. Axes are fixed across choices so two choices can be compared
by eye. Colour is never the only cue: the two muscles also differ by dash
pattern and legend label, and the tearing zone is labelled in words.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from explainer import palette
from explainer.content import Strings
from explainer.physiology import (
    DISTANCE_MM,
    DURATION_MS,
    ERECTOR_SPINAE_ONSET_MS,
    LIMB_SHORT_LATENCY_RANGE_MS,
    PULL_START_MS,
    REFLEX_LATENCY_MS,
    SPEED_MM_S,
    SPINDLE_RESTING_RATE,
    TEAR_THRESHOLD_MM,
    TRUNK_RESPONSE_RANGE_MS,
    DEFAULT_DISTANCE,
    DEFAULT_SPEED,
    Distance,
    Speed,
    StretchRun,
    run_choice,
)

#: Chart sampling step, ms: 121 points per line keep the spec small and fast.
SAMPLE_MS = 5
#: Fixed axis tops so every choice is drawn on the same scale.
STRETCH_AXIS_MAX_MM = 45.0
FIRING_AXIS_MAX_IMP_S = 300.0
CHART_HEIGHT = 420
SMALL_CHART_HEIGHT = 330
FONT = "Atkinson Hyperlegible, sans-serif"

#: The Vega-Lite parameter that picks the choice, the page element it is bound
#: to (a CSS selector; see the module docstring for why the body), and the
#: event that tells Vega the element's value changed (not "input": nothing else
#: on the page listens for it).
CHOICE_PARAM = "choice"
CHOICE_HOST = "body"
CHOICE_EVENT = "reflexchoice"
#: Joins a speed and a distance into one choice id (ui/instant.js splits on it).
CHOICE_SEPARATOR = "-"
#: The charts' order on the page.
CHART_NAMES = ("stretch", "firing", "contraction")


def choice_id(speed: Speed | str, distance: Distance | str) -> str:
    """One choice as one string, e.g. "sudden-large": the value of the chart parameter."""
    return f"{Speed(speed).value}{CHOICE_SEPARATOR}{Distance(distance).value}"


DEFAULT_CHOICE = choice_id(DEFAULT_SPEED, DEFAULT_DISTANCE)


def all_runs() -> dict[str, StretchRun]:
    """Every on-screen choice and its simulation, keyed by ``choice_id``."""
    return {choice_id(s, d): run_choice(s, d) for s in Speed for d in Distance}


@dataclass(frozen=True)
class ChartView:
    name: str  # "stretch", "firing", "contraction"
    chart: alt.TopLevelMixin  # carries every choice in ``runs``; shows the one in ``choice``


@dataclass(frozen=True)
class Numbers:
    """The model's figures for one pull, rounded the way the screen says them."""

    firing: int  # peak spindle firing, imp/s
    rest: int  # resting firing, imp/s
    ms: int  # reflex latency
    onset: int | None  # pull start to contraction start, ms, to the nearest 10 ("about")
    margin: int  # mm short of the tearing zone, with the reflex
    depth: int  # mm into the tearing zone, without the reflex
    percent: int  # peak contraction, out of 100
    peak: int  # peak stretch with the reflex, mm
    without: int  # peak stretch without the reflex, mm
    tear: int  # start of the tearing zone, mm

    @classmethod
    def of(cls, run: StretchRun) -> "Numbers":
        return cls(
            firing=round(run.peak_firing_imp_s),
            rest=round(SPINDLE_RESTING_RATE),
            ms=round(run.latency_ms),
            onset=None if run.contraction_onset_ms is None else int(10 * round(run.contraction_onset_ms / 10)),
            margin=round(run.margin_with_mm),
            depth=round(run.depth_without_mm),
            percent=round(run.peak_contraction * 100),
            peak=round(run.peak_with_mm),
            without=round(run.peak_without_mm),
            tear=round(TEAR_THRESHOLD_MM),
        )


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


def _choice_param(runs: Mapping[str, StretchRun]) -> alt.Parameter:
    """The chosen pull. With one run there is nothing to choose: no page binding."""
    first = DEFAULT_CHOICE if DEFAULT_CHOICE in runs else next(iter(runs))
    if len(runs) == 1:
        return alt.param(name=CHOICE_PARAM, value=first)
    return alt.param(
        name=CHOICE_PARAM, value=first, bind=alt.BindDirect(element=CHOICE_HOST, event=CHOICE_EVENT)
    )


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
    chart = alt.layer(zone, edge, zone_label, muscle).add_params(_choice_param(runs)).properties(
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
    chart = alt.layer(rest_rule, rest_text, line).add_params(_choice_param(runs)).properties(
        title=t("reflex.chart.firing_title"), height=SMALL_CHART_HEIGHT, width="container"
    )
    return ChartView("firing", _style(chart))


def contraction_view(runs: Mapping[str, StretchRun], t: Strings) -> ChartView:
    frame = _wide(runs, lambda run, idx: {"time": run.time_ms[idx]}, lambda run, idx: (run.contraction[idx] * 100).round(1))
    y = alt.Y("strength:Q", title=t("reflex.chart.contraction_axis"), scale=alt.Scale(domain=[0, 100], nice=False))
    area = _chosen(alt.Chart(frame), "strength", runs).mark_area(
        line={"color": palette.BLUE, "strokeWidth": 4}, color=palette.SKY, opacity=0.45
    ).encode(x=_time_axis(t), y=y)
    chart = area.add_params(_choice_param(runs)).properties(
        title=t("reflex.chart.contraction_title"), height=SMALL_CHART_HEIGHT, width="container"
    )
    return ChartView("contraction", _style(chart))


def chart_views(runs: Mapping[str, StretchRun] | StretchRun, t: Strings) -> tuple[ChartView, ChartView, ChartView]:
    """The three charts. Given every choice (``all_runs()``), they switch in the
    browser; given one run, they show just that run."""
    if isinstance(runs, StretchRun):
        runs = {DEFAULT_CHOICE: runs}
    return stretch_view(runs, t), firing_view(runs, t), contraction_view(runs, t)


def chart_summaries(run: StretchRun, t: Strings) -> dict[str, str]:
    """Each chart's text alternative for one run: shown under the chart and passed as its alt text."""
    n = Numbers.of(run)
    if n.onset is None:
        contraction = t("reflex.chart.contraction_summary_none", percent=n.percent)
    else:
        contraction = t("reflex.chart.contraction_summary", onset=n.onset, percent=n.percent)
    return {
        "stretch": t("reflex.chart.stretch_summary", duration=round(DURATION_MS), without=n.without, **{"with": n.peak}, tear=n.tear),
        "firing": t("reflex.chart.firing_summary", rest=n.rest, peak=n.firing),
        "contraction": contraction,
    }


# --- Narration -----------------------------------------------------------------


@dataclass(frozen=True)
class Narration:
    pull: str  # "A sudden, large pull."
    firing: str  # spindle firing vs rest
    outcome: str  # tightened / stopped short / would have torn
    outcome_kind: str  # "saved", "safe" or "calm"
    stages: tuple[str, ...]  # the five steps of the signal path, with numbers
    stage_names: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.pull, self.firing, self.outcome))


def outcome_kind(run: StretchRun) -> str:
    if not run.strong_contraction:
        return "calm"
    return "saved" if run.tears_without_reflex else "safe"


def narration(run: StretchRun, t: Strings, speed: Speed | str, distance: Distance | str) -> Narration:
    n = Numbers.of(run)
    speed, distance = Speed(speed), Distance(distance)
    kind = outcome_kind(run)
    values = dict(firing=n.firing, rest=n.rest, ms=n.ms, onset=n.onset, margin=n.margin, depth=n.depth, percent=n.percent, peak=n.peak)
    stages = t.items(
        "reflex.path.stages",
        distance_mm=round(DISTANCE_MM[distance]),
        speed_mm_s=round(SPEED_MM_S[speed]),
        **values,
    )
    return Narration(
        pull=t("reflex.story.pull", speed=t(f"reflex.speed_word.{speed.value}"), distance=t(f"reflex.distance_word.{distance.value}")),
        firing=t("reflex.story.firing", **values),
        outcome=t(f"reflex.story.{kind}", **values),
        outcome_kind=kind,
        stages=tuple(stages),
        stage_names=tuple(t.items("reflex.path.stage_names")),
    )


# --- Words that change with the choice (switched in the browser) -------------

#: Attribute that marks a piece of text that changes with the choice.
SLOT_ATTRIBUTE = "data-choice-slot"


def choice_texts(t: Strings, speed: Speed | str, distance: Distance | str) -> dict[str, dict[str, str]]:
    """Every piece of text that changes with the choice, by slot name, plus the
    outcome's kind (its style): what the page shows and the browser swaps in."""
    run = run_choice(speed, distance)
    story = narration(run, t, speed, distance)
    texts = {"pull": story.pull, "firing": story.firing, "outcome": story.outcome}
    texts.update({f"summary-{name}": text for name, text in chart_summaries(run, t).items()})
    texts.update({f"stage-{number}": text for number, text in enumerate(story.stages, start=1)})
    return {"text": texts, "kind": {"outcome": story.outcome_kind}}


def all_choice_texts(t: Strings) -> dict[str, dict[str, dict[str, str]]]:
    """``choice_texts`` for all nine choices, keyed by ``choice_id``."""
    return {choice_id(s, d): choice_texts(t, s, d) for s in Speed for d in Distance}


def slot(
    name: str, text: str, tag: str = "span", kind: str | None = None, css_class: str | None = None, live: bool = False
) -> str:
    """HTML for one slot: the browser finds it by name and swaps its text (and
    kind) when the choice changes. The text is escaped; it holds no markup.
    ``live``: a screen reader reads the new text out when it changes."""
    attrs = f' class="{css_class}"' if css_class else ""
    if kind is not None:
        attrs += f' data-kind="{html.escape(kind)}"'
    if live:
        attrs += ' aria-live="polite"'
    return f'<{tag} {SLOT_ATTRIBUTE}="{name}"{attrs}>{html.escape(text)}</{tag}>'


def choices_note(t: Strings) -> str:
    """What each on-screen choice stands for in the model."""
    return t(
        "reflex.choices_note",
        **{s.value: round(v) for s, v in SPEED_MM_S.items()},
        **{d.value: round(v) for d, v in DISTANCE_MM.items()},
    )


def latency_note(t: Strings) -> str:
    """The honest line about the reflex delay: what we use and the real range."""
    return t(
        "reflex.honest.latency",
        ms=round(REFLEX_LATENCY_MS),
        limb_low=LIMB_SHORT_LATENCY_RANGE_MS[0],
        limb_high=LIMB_SHORT_LATENCY_RANGE_MS[1],
        trunk_low=TRUNK_RESPONSE_RANGE_MS[0],
        trunk_high=TRUNK_RESPONSE_RANGE_MS[1],
        erector=ERECTOR_SPINAE_ONSET_MS,
    )


__all__ = [
    "CHART_NAMES",
    "CHOICE_HOST",
    "CHOICE_EVENT",
    "CHOICE_PARAM",
    "CHOICE_SEPARATOR",
    "DEFAULT_CHOICE",
    "SLOT_ATTRIBUTE",
    "ChartView",
    "all_choice_texts",
    "all_runs",
    "chart_summaries",
    "choice_id",
    "chosen_expression",
    "choice_texts",
    "slot",
    "Narration",
    "Numbers",
    "chart_views",
    "choices_note",
    "latency_note",
    "narration",
    "outcome_kind",
    "PULL_START_MS",
]

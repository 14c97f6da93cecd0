"""The warm-bath timeline as an Altair chart, and its plain-language summary.

Both take the already-computed ``explainer.disc.timeline.Timeline`` and a ``Strings``
(``t``), so every label is in the chosen language. The two stories differ by
colour AND dash (solid vs dashed) AND their legend names; the bath and the
start of care are vertical rules with a text label. The line under the chart
that says what it is made of comes from ``explainer.common.captions`` (an
illustration), never from here.

Instant choices: the chart carries every bath/care combination (``ALL_COMBOS``,
4 x 4) and shows one through a Vega-Lite parameter bound to the page's
``<body>`` (``TIMELINE_HOST``; the body, because it exists before any chart
and is never replaced, as for /reflex's charts in explainer.reflex.choices).
A tap on a day sets it and Vega redraws in the browser at once
(ui/instant.js); the server's rerun then renders the same combination. The
lines are in wide form (one column of pain per combination); the day marks
are rows tagged with their combination. Until the browser has set a
combination (a fresh page), the chart draws ``DEFAULT_COMBO``. The spec is
the same for every combination, so Streamlit never re-embeds the chart.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import altair as alt
import pandas as pd

from explainer.common import palette
from explainer.common.captions import ChartKind, chart_caption
from explainer.common.content import Strings
from explainer.disc.timeline import BATH_DAYS, CARE_DAYS, DAYS, DEFAULT_BATH_DAY, DEFAULT_CARE_DAY, Timeline, recovery_timeline

K = "spasm_or_disc.steps.timeline"
FONT_SIZE = 18
FONT = "Atkinson Hyperlegible, sans-serif"
STORIES = ("ordinary", "disc")

#: Joins a bath day and a care day into one combination id, e.g. "3-10" (0: none).
COMBO_SEPARATOR = "-"
#: The element whose ``value`` is the combination shown, and the event that says it changed.
TIMELINE_HOST = "body"
TIMELINE_EVENT = "timelinechoice"
#: The Vega-Lite parameter bound to ``TIMELINE_HOST``, and the one that falls back to
#: ``DEFAULT_COMBO`` while the page has set none (or a value that is not a combination).
COMBO_PARAM = "days_chosen"
SHOWN_PARAM = "days_shown"
#: Pain values are drawn to two decimals (0.01 of a point is well under a pixel).
PAIN_DECIMALS = 2


def combo_id(bath: int, care: int) -> str:
    """One bath/care combination as one string, e.g. "3-10"."""
    return f"{int(bath)}{COMBO_SEPARATOR}{int(care)}"


def parse_combo(combo: str) -> tuple[int, int]:
    bath, care = combo.split(COMBO_SEPARATOR)
    return int(bath), int(care)


#: Every combination, bath days in order, then care days in order.
ALL_COMBOS = tuple(combo_id(b, c) for b in BATH_DAYS for c in CARE_DAYS)
DEFAULT_COMBO = combo_id(DEFAULT_BATH_DAY, DEFAULT_CARE_DAY)


@lru_cache(maxsize=1)
def all_timelines() -> Mapping[str, Timeline]:
    """Every combination's two stories, keyed by ``combo_id``: computed once (the chart and
    the summaries both read them; a Timeline is frozen, the mapping read-only)."""
    return MappingProxyType({combo: recovery_timeline(*parse_combo(combo)) for combo in ALL_COMBOS})


def _story_order(first: str | None) -> tuple[str, str]:
    return ("disc", "ordinary") if first == "disc" else STORIES


def timeline_frame(timelines: Mapping[str, Timeline], t: Strings) -> pd.DataFrame:
    """One row per sample and story: day and the story's name in this language, then one
    column of pain (0-10) per combination (named by its ``combo_id``)."""
    first = next(iter(timelines.values()))
    frame = pd.DataFrame({
        "day": list(first.days) * len(STORIES),
        "story": [t(f"{K}.chart.{story}") for story in STORIES for _ in first.days],
    })
    for combo, timeline in timelines.items():
        assert timeline.days == first.days, "every combination runs on one clock"
        frame[combo] = [round(p, PAIN_DECIMALS) for story in STORIES for p in getattr(timeline, story)]
    return frame


def timeline_chart(t: Strings, first: str | None = None) -> alt.LayerChart:
    """Pain (0-10) against days for both stories, for every bath/care combination (the one
    shown is chosen in the browser); ``first`` ("disc" or "ordinary") is the story listed
    first in the legend (the one the person's pain points to)."""
    order = _story_order(first)
    names = [t(f"{K}.chart.{story}") for story in order]
    colours = {"ordinary": palette.BLUE, "disc": palette.VERMILLION}
    dashes = {"ordinary": palette.DASHES[0], "disc": palette.DASHES[1]}
    timelines = all_timelines()
    data = timeline_frame(timelines, t)
    x = alt.X("day:Q", title=t(f"{K}.chart.x"), scale=alt.Scale(domain=[0, DAYS], nice=False),
              axis=alt.Axis(values=list(range(0, DAYS + 1, 3)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    y = alt.Y("pain:Q", title=t(f"{K}.chart.y"), scale=alt.Scale(domain=[0, 10]),
              axis=alt.Axis(values=list(range(0, 11, 2)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    # Colour and dash share one legend, so its symbols are dashed like the lines.
    legend = dict(title=None, legend=alt.Legend(orient="top", direction="horizontal", labelFontSize=FONT_SIZE,
                                                labelColor=palette.INK, symbolStrokeWidth=4, symbolSize=900, labelLimit=600))
    lines = alt.Chart(data).transform_calculate(pain=f"datum[{SHOWN_PARAM}]").mark_line(strokeWidth=4).encode(
        x=x, y=y,
        color=alt.Color("story:N", scale=alt.Scale(domain=names, range=[colours[s] for s in order]), **legend),
        strokeDash=alt.StrokeDash("story:N", scale=alt.Scale(domain=names, range=[dashes[s] for s in order]), **legend),
    )
    # Bath and start of care: a dotted / dash-dot rule with a label (the second label one row
    # lower). One table of every combination's marks (0, 1 or 2 rows each), filtered to the
    # combination shown.
    marks = alt.Chart(pd.concat([timeline_marks(timeline, t).assign(combo=combo) for combo, timeline in timelines.items()],
                                ignore_index=True)).transform_filter(f"datum.combo === {SHOWN_PARAM}")
    # A rule layer per kind with its own fixed dash (no strokeDash encoding: that scale would
    # be shared with the lines' and add the day marks to the stories' legend).
    # aria=False: with no day chosen these layers are empty, and an empty mark group would be
    # an unnamed graphic for screen readers (axe svg-img-alt); the summary says the days in words.
    rules = [
        marks.transform_filter(alt.datum.kind == kind)
        .mark_rule(strokeWidth=3, color=palette.INK, strokeDash=dash, aria=False).encode(x=alt.X("day:Q"))
        for kind, dash in MARK_DASHES.items()
    ]
    texts = marks.mark_text(align="left", dx=6, fontSize=FONT_SIZE, fontWeight="bold", color=palette.INK,
                            aria=False).encode(x=alt.X("day:Q"), y=alt.Y("pixel:Q", scale=None), text=alt.Text("label:N"))
    layers = [lines, *rules, texts]
    # No fixed height: the chart fills its box, whose height suits the screen (walkthrough.css).
    return alt.layer(*layers).add_params(*_params()).properties(
        title=alt.Title(t(f"{K}.chart.title"), fontSize=22, anchor="start"),
    ).configure_view(strokeWidth=0).configure_axis(
        gridColor=palette.GRID, labelColor=palette.INK, titleColor=palette.INK, labelFont=FONT, titleFont=FONT,
    ).configure_legend(labelFont=FONT).configure_title(font=FONT).configure_text(font=FONT)


def _params() -> list[alt.Parameter]:
    """The combination the page chose (bound to the body) and the one drawn: the chosen one
    if it is a combination, else ``DEFAULT_COMBO`` (a fresh page has set none yet)."""
    combos = "[" + ", ".join(repr(c) for c in ALL_COMBOS) + "]"
    return [
        alt.param(name=COMBO_PARAM, value=DEFAULT_COMBO, bind=alt.BindDirect(element=TIMELINE_HOST, event=TIMELINE_EVENT)),
        alt.param(name=SHOWN_PARAM, expr=f"indexof({combos}, {COMBO_PARAM}) >= 0 ? {COMBO_PARAM} : {DEFAULT_COMBO!r}"),
    ]


#: The two day marks and their dash patterns (dotted: warm bath; dash-dot: care starts).
MARK_DASHES = {"bath": palette.DASHES[2], "care": palette.DASHES[3]}


def timeline_marks(timeline: Timeline, t: Strings) -> pd.DataFrame:
    """One row per day mark shown: day, kind, its label, and the label's height in pixels."""
    rows = []
    for kind, day in (("bath", timeline.bath_day), ("care", timeline.care_day)):
        if day:
            rows.append({"day": day, "kind": kind, "label": t(f"{K}.chart.{kind}_mark"), "pixel": 14 + 24 * len(rows)})
    return pd.DataFrame(rows, columns=["day", "kind", "label", "pixel"]).astype({"day": float, "pixel": float})


def timeline_caption(t: Strings) -> str:
    """What the chart is made of: made-up lines, not measurements."""
    return chart_caption(ChartKind.ILLUSTRATION, t)


def _whole(value: float) -> int:
    return int(round(value))


def timeline_summary(timeline: Timeline, t: Strings, first: str | None = None) -> list[str]:
    """What the chart shows, in sentences of whole numbers on the 0-10 scale (its text alternative)."""
    lines = {
        "ordinary": t(f"{K}.summary.ordinary", start=_whole(timeline.ordinary[0]), end=_whole(timeline.at("ordinary", DAYS))),
    }
    end = _whole(timeline.at("disc", DAYS))
    if timeline.care_day:
        peak = timeline.range_between("disc", 0, timeline.care_day)[1]
        lines["disc"] = t(f"{K}.summary.disc_care", peak=_whole(peak), day=timeline.care_day, end=end)
    else:
        lines["disc"] = t(f"{K}.summary.disc_no_care", peak=_whole(max(timeline.disc)), end=end)
    ordered = [lines[story] for story in _story_order(first)]
    ordered.append(t(f"{K}.summary.bath", day=timeline.bath_day) if timeline.bath_day else t(f"{K}.summary.no_bath"))
    return ordered


#: The summary's sentences, in order: slots the browser fills on a tap (ui/instant.js).
SUMMARY_SLOTS = ("timeline-1", "timeline-2", "timeline-3")


def all_summary_texts(t: Strings, first: str | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """``timeline_summary`` of every combination, as the browser's table of slot words:
    {combo: {"text": {slot: sentence}, "kind": {}}}."""
    table = {}
    for combo, timeline in all_timelines().items():
        sentences = timeline_summary(timeline, t, first=first)
        assert len(sentences) == len(SUMMARY_SLOTS), "one slot per sentence"
        table[combo] = {"text": dict(zip(SUMMARY_SLOTS, sentences)), "kind": {}}
    return table

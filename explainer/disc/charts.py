"""The warm-bath timeline as an Altair chart, and its plain-language summary.

Both take the already-computed ``explainer.disc.timeline.Timeline`` and a ``Strings``
(``t``), so every label is in the chosen language. The two stories differ by
colour AND dash (solid vs dashed) AND their legend names; the bath and the
start of care are vertical rules with a text label. The line under the chart
that says what it is made of comes from ``explainer.common.captions`` (an
illustration), never from here.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from explainer.common import palette
from explainer.common.captions import ChartKind, chart_caption
from explainer.common.content import Strings
from explainer.disc.timeline import DAYS, Timeline

K = "spasm_or_disc.steps.timeline"
FONT_SIZE = 18
FONT = "Atkinson Hyperlegible, sans-serif"
STORIES = ("ordinary", "disc")


def _story_order(first: str | None) -> tuple[str, str]:
    return ("disc", "ordinary") if first == "disc" else STORIES


def timeline_frame(timeline: Timeline, t: Strings) -> pd.DataFrame:
    """One row per sample and story: day, pain (0-10) and the story's name in this language."""
    return pd.concat([
        pd.DataFrame({"day": timeline.days, "pain": getattr(timeline, story), "story": t(f"{K}.chart.{story}")})
        for story in STORIES
    ], ignore_index=True)


def timeline_chart(timeline: Timeline, t: Strings, first: str | None = None) -> alt.LayerChart:
    """Pain (0-10) against days for both stories; ``first`` ("disc" or "ordinary")
    is the story listed first in the legend (the one the person's pain points to)."""
    order = _story_order(first)
    names = [t(f"{K}.chart.{story}") for story in order]
    colours = {"ordinary": palette.BLUE, "disc": palette.VERMILLION}
    dashes = {"ordinary": palette.DASHES[0], "disc": palette.DASHES[1]}
    data = timeline_frame(timeline, t)
    x = alt.X("day:Q", title=t(f"{K}.chart.x"), scale=alt.Scale(domain=[0, DAYS], nice=False),
              axis=alt.Axis(values=list(range(0, DAYS + 1, 3)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    y = alt.Y("pain:Q", title=t(f"{K}.chart.y"), scale=alt.Scale(domain=[0, 10]),
              axis=alt.Axis(values=list(range(0, 11, 2)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    # Colour and dash share one legend, so its symbols are dashed like the lines.
    legend = dict(title=None, legend=alt.Legend(orient="top", direction="horizontal", labelFontSize=FONT_SIZE,
                                                labelColor=palette.INK, symbolStrokeWidth=4, symbolSize=900, labelLimit=600))
    lines = alt.Chart(data).mark_line(strokeWidth=4).encode(
        x=x, y=y,
        color=alt.Color("story:N", scale=alt.Scale(domain=names, range=[colours[s] for s in order]), **legend),
        strokeDash=alt.StrokeDash("story:N", scale=alt.Scale(domain=names, range=[dashes[s] for s in order]), **legend),
    )
    # Bath and start of care: a dotted / dash-dot rule with a label (the second label one row
    # lower). One layer each, fed by a table of 0, 1 or 2 rows, so the spec is the same for
    # every choice and a tap only swaps the data in the browser (explainer.common.chart_specs).
    marks = timeline_marks(timeline, t)
    # A rule layer per kind with its own fixed dash (no strokeDash encoding: that scale would
    # be shared with the lines' and add the day marks to the stories' legend).
    # aria=False: with no day chosen these layers are empty, and an empty mark group would be
    # an unnamed graphic for screen readers (axe svg-img-alt); the summary says the days in words.
    rules = [
        alt.Chart(marks).transform_filter(alt.datum.kind == kind)
        .mark_rule(strokeWidth=3, color=palette.INK, strokeDash=dash, aria=False).encode(x=alt.X("day:Q"))
        for kind, dash in MARK_DASHES.items()
    ]
    texts = alt.Chart(marks).mark_text(align="left", dx=6, fontSize=FONT_SIZE, fontWeight="bold", color=palette.INK,
                                       aria=False).encode(x=alt.X("day:Q"), y=alt.Y("pixel:Q", scale=None), text=alt.Text("label:N"))
    layers = [lines, *rules, texts]
    # No fixed height: the chart fills its box, whose height suits the screen (walkthrough.css).
    return alt.layer(*layers).properties(
        title=alt.Title(t(f"{K}.chart.title"), fontSize=22, anchor="start"),
    ).configure_view(strokeWidth=0).configure_axis(
        gridColor=palette.GRID, labelColor=palette.INK, titleColor=palette.INK, labelFont=FONT, titleFont=FONT,
    ).configure_legend(labelFont=FONT).configure_title(font=FONT).configure_text(font=FONT)


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

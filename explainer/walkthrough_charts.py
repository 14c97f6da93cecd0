"""The hot-bath timeline as an Altair chart, and its plain-language summary.

Both take the already-computed ``explainer.timeline.Timeline`` and a ``Strings``
(``t``), so every label is in the chosen language. The two stories differ by
colour AND dash (solid vs dashed) AND their legend names; the bath and the
treatment are vertical rules with a text label.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from explainer import palette
from explainer.content import Strings
from explainer.timeline import DAYS, Timeline

K = "spasm_or_disc.steps.timeline"
FONT_SIZE = 18


def _one_decimal(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def timeline_frame(timeline: Timeline, t: Strings) -> pd.DataFrame:
    ordinary, disc = t(f"{K}.chart.ordinary"), t(f"{K}.chart.disc")
    return pd.concat([
        pd.DataFrame({"day": timeline.days, "pain": timeline.ordinary, "story": ordinary}),
        pd.DataFrame({"day": timeline.days, "pain": timeline.disc, "story": disc}),
    ], ignore_index=True)


def timeline_chart(timeline: Timeline, t: Strings) -> alt.LayerChart:
    ordinary, disc = t(f"{K}.chart.ordinary"), t(f"{K}.chart.disc")
    data = timeline_frame(timeline, t)
    x = alt.X("day:Q", title=t(f"{K}.chart.x"), scale=alt.Scale(domain=[0, DAYS], nice=False),
              axis=alt.Axis(values=list(range(0, DAYS + 1, 3)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    y = alt.Y("pain:Q", title=t(f"{K}.chart.y"), scale=alt.Scale(domain=[0, 10]),
              axis=alt.Axis(values=list(range(0, 11, 2)), labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE))
    # Colour and dash share one legend, so its symbols are dashed like the lines.
    story = dict(title=None, legend=alt.Legend(orient="bottom", direction="vertical", labelFontSize=FONT_SIZE,
                                               labelColor=palette.INK, symbolStrokeWidth=4, symbolSize=900, labelLimit=600))
    lines = alt.Chart(data).mark_line(strokeWidth=4).encode(
        x=x, y=y,
        color=alt.Color("story:N", scale=alt.Scale(domain=[ordinary, disc], range=[palette.BLUE, palette.VERMILLION]), **story),
        strokeDash=alt.StrokeDash("story:N", scale=alt.Scale(domain=[ordinary, disc], range=[palette.DASHES[0], palette.DASHES[1]]), **story),
    )
    layers = [lines]
    # Bath and treatment: a dotted / dash-dot rule with a label (second label one row lower).
    marks = []
    if timeline.bath_day:
        marks.append((timeline.bath_day, t(f"{K}.chart.bath_mark"), palette.DASHES[2]))
    if timeline.treat_day:
        marks.append((timeline.treat_day, t(f"{K}.chart.treat_mark"), palette.DASHES[3]))
    for row, (day, label, dash) in enumerate(marks):
        mark = alt.Chart(pd.DataFrame({"day": [day]}))
        layers.append(mark.mark_rule(strokeWidth=3, color=palette.INK, strokeDash=dash).encode(x="day:Q"))
        layers.append(mark.mark_text(align="left", dx=6, fontSize=FONT_SIZE, fontWeight="bold", color=palette.INK,
                                     text=label).encode(x="day:Q", y=alt.value(14 + 24 * row)))
    return alt.layer(*layers).properties(
        title=alt.Title(t(f"{K}.chart.title"), fontSize=22, anchor="start"), height=520,
    ).configure_view(strokeWidth=0).configure_axis(gridColor=palette.GRID, labelColor=palette.INK, titleColor=palette.INK)


def timeline_summary(timeline: Timeline, t: Strings) -> list[str]:
    """What the chart shows, in sentences (the chart's text alternative)."""
    fmt = _one_decimal
    lines = [t(f"{K}.summary.ordinary", start=fmt(timeline.ordinary[0]), day14=fmt(timeline.at("ordinary", 14)))]
    if timeline.treat_day:
        peak = timeline.range_between("disc", 0, timeline.treat_day)[1]
        lines.append(t(f"{K}.summary.disc_treated", peak=fmt(peak), day=timeline.treat_day, end=fmt(timeline.at("disc", DAYS))))
    else:
        lines.append(t(f"{K}.summary.disc_untreated", peak=fmt(max(timeline.disc))))
    lines.append(t(f"{K}.summary.bath", day=timeline.bath_day) if timeline.bath_day else t(f"{K}.summary.no_bath"))
    return lines

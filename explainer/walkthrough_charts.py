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
    lines = alt.Chart(data).mark_line(strokeWidth=4).encode(
        x=x, y=y,
        color=alt.Color("story:N", title=None, scale=alt.Scale(domain=[ordinary, disc], range=[palette.BLUE, palette.VERMILLION]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelFontSize=FONT_SIZE, symbolStrokeWidth=4,
                                          symbolSize=600, labelLimit=600)),
        strokeDash=alt.StrokeDash("story:N", title=None, scale=alt.Scale(domain=[ordinary, disc], range=[palette.DASHES[0], palette.DASHES[1]]),
                                  legend=None),
    )
    layers = [lines]
    marks = []
    if timeline.bath_day:
        marks.append({"day": timeline.bath_day, "label": t(f"{K}.chart.bath_mark"), "dash": "bath"})
    if timeline.treat_day:
        marks.append({"day": timeline.treat_day, "label": t(f"{K}.chart.treat_mark"), "dash": "treat"})
    if marks:
        marks_data = pd.DataFrame(marks)
        rules = alt.Chart(marks_data).mark_rule(strokeWidth=3, color=palette.MUTED).encode(
            x="day:Q",
            strokeDash=alt.StrokeDash("dash:N", scale=alt.Scale(domain=["bath", "treat"], range=[palette.DASHES[2], palette.DASHES[3]]), legend=None),
        )
        labels = alt.Chart(marks_data).mark_text(align="left", dx=6, dy=0, fontSize=FONT_SIZE, fontWeight="bold", color=palette.INK).encode(
            x="day:Q", y=alt.value(14 + 0), text="label:N",
        )
        # Two marks can be close: put the treatment label on a second row.
        if len(marks) == 2:
            labels = labels.encode(y=alt.Y("dash:N", scale=alt.Scale(domain=["bath", "treat"], range=[14, 38]), axis=None))
        layers += [rules, labels]
    return alt.layer(*layers).properties(
        title=alt.Title(t(f"{K}.chart.title"), fontSize=22, anchor="start"), height=380,
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

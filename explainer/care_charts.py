"""The /care recovery chart: published average pain after new back pain.

Built only from ``explainer.recovery`` (Costa 2012 points, Pengel 2003's
first-month fall). Every word comes from ``t`` (care.chart.*), so the chart,
its text summary and its source caption exist in both languages. Colour is
not the only cue: the measured points are large labelled circles, the joining
line is dashed (it is not data), and the one-month mark is a labelled rule.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from explainer import palette
from explainer.content import Strings
from explainer.recovery import FIRST_MONTH_WEEKS, PAIN_SCALE, WEEKS_SHOWN, recovery_timeline, summary_values


def recovery_frame(t: Strings) -> pd.DataFrame:
    points = recovery_timeline()
    return pd.DataFrame(
        {
            "week": [p.week for p in points],
            "pain": [p.pain for p in points],
            "label": [t("care.chart.point_label", pain=round(p.pain)) for p in points],
        }
    )


def recovery_chart(t: Strings, height: int = 420) -> alt.LayerChart:
    """Average pain (0-100) against weeks since onset, with the one-month mark."""
    data = recovery_frame(t)
    x = alt.X(
        "week:Q",
        title=t("care.chart.x_title"),
        scale=alt.Scale(domain=list(WEEKS_SHOWN)),
        axis=alt.Axis(values=[0, FIRST_MONTH_WEEKS, 6, 13, 26], labelFontSize=16, titleFontSize=17),
    )
    y = alt.Y(
        "pain:Q",
        title=t("care.chart.y_title"),
        scale=alt.Scale(domain=list(PAIN_SCALE)),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], labelFontSize=16, titleFontSize=17),
    )
    base = alt.Chart(data).encode(x=x, y=y)
    joining_line = base.mark_line(color=palette.BLUE, strokeDash=palette.DASHES[1], strokeWidth=3)
    points = base.mark_point(shape="circle", size=260, filled=True, color=palette.BLUE, stroke=palette.INK, strokeWidth=1.5)
    labels = base.mark_text(dy=-22, fontSize=20, fontWeight="bold", color=palette.INK).encode(text="label:N")

    month = pd.DataFrame(
        {"week": [FIRST_MONTH_WEEKS], "text": [t("care.chart.month_label", **summary_values())]}
    )
    month_rule = alt.Chart(month).mark_rule(color=palette.DARK_GREEN, strokeWidth=2, strokeDash=palette.DASHES[2]).encode(
        x="week:Q"
    )
    month_text = alt.Chart(month).mark_text(
        align="left", dx=8, y=18, fontSize=16, color=palette.DARK_GREEN, fontWeight="bold"
    ).encode(x="week:Q", text="text:N")

    return (
        alt.layer(month_rule, month_text, joining_line, points, labels)
        .properties(
            height=height,
            title=alt.TitleParams(
                t("care.chart.title"), subtitle=t("care.chart.subtitle"), fontSize=20, subtitleFontSize=16, anchor="start"
            ),
        )
        .configure_view(stroke=None)
        .configure_axis(gridColor=palette.GRID, labelColor=palette.INK, titleColor=palette.INK)
        .configure_title(color=palette.INK, subtitleColor=palette.MUTED)
    )


def recovery_summary(t: Strings) -> str:
    """The chart in words (its text alternative)."""
    return t("care.chart.summary", **summary_values())


def recovery_source(t: Strings) -> str:
    return t("care.chart.source")

"""The /care recovery chart: published average pain after new back pain.

Built only from ``explainer.common.recovery`` (Costa 2012's points). Every word comes
from ``t`` (care.chart.*), so the chart and its text summary exist in both
languages. Each labelled point is drawn at its own value (the label is the
plotted value, rounded); nothing else is labelled on the line. Pengel 2003's
first-month fall comes from other studies, so it is said in words beside the
chart (``first_month_note``), never drawn on Costa's line. The line under the
chart that says what it is made of comes from ``explainer.common.captions`` (an
average of people in studies).

Colour is not the only cue: the published points are large labelled circles,
the joining line is dashed (it only joins them), and the point the person
looks at gets a thick ring as well as its sentence in words.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from explainer.common import palette
from explainer.common.captions import ChartKind, chart_caption
from explainer.common.content import Strings
from explainer.common.recovery import PAIN_SCALE, WEEKS_SHOWN, recovery_timeline, summary_values

FONT = "Atkinson Hyperlegible, sans-serif"
#: The moments a person can look at, in time order (content keys care.chart.moments.*).
MOMENTS: tuple[str, ...] = tuple(p.key for p in recovery_timeline())
DEFAULT_MOMENT = MOMENTS[0]


def recovery_frame(t: Strings, moment: str | None = None) -> pd.DataFrame:
    """One row per published point: week, pain (0-100), its label, and whether it is the one looked at."""
    points = recovery_timeline()
    return pd.DataFrame(
        {
            "week": [p.week for p in points],
            "pain": [p.pain for p in points],
            "label": [t("care.chart.point_label", pain=round(p.pain)) for p in points],
            "chosen": [p.key == moment for p in points],
        }
    )


def recovery_chart(t: Strings, moment: str | None = None) -> alt.LayerChart:
    """Average pain (0-100) against weeks since onset; ``moment`` gets a ring. The chart has
    no fixed height: it fills its box (assets/css/self_check_care.css sets it per screen)."""
    data = recovery_frame(t, moment)
    x = alt.X(
        "week:Q",
        title=t("care.chart.x_title"),
        scale=alt.Scale(domain=list(WEEKS_SHOWN), nice=False),
        axis=alt.Axis(values=[0, 6, 13, 26], labelFontSize=17, titleFontSize=17),
    )
    y = alt.Y(
        "pain:Q",
        title=t("care.chart.y_title"),
        scale=alt.Scale(domain=list(PAIN_SCALE), nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100], labelFontSize=17, titleFontSize=17),
    )
    base = alt.Chart(data).encode(x=x, y=y)
    joining_line = base.mark_line(color=palette.BLUE, strokeDash=palette.DASHES[1], strokeWidth=3)
    points = base.mark_point(shape="circle", size=300, filled=True, color=palette.BLUE, stroke=palette.INK, strokeWidth=1.5)
    ring = base.mark_point(shape="circle", size=1500, filled=False, color=palette.INK, strokeWidth=4).transform_filter(
        alt.datum.chosen
    )
    labels = base.mark_text(dy=-32, align="center", fontSize=22, fontWeight="bold", color=palette.INK).encode(
        text="label:N"
    )
    return (
        alt.layer(joining_line, points, ring, labels)
        .properties(title=alt.TitleParams(t("care.chart.title"), fontSize=21, anchor="start"))
        .configure_view(stroke=None)
        .configure_axis(gridColor=palette.GRID, labelColor=palette.INK, titleColor=palette.INK, labelFont=FONT, titleFont=FONT)
        .configure_title(color=palette.INK, font=FONT)
        .configure_text(font=FONT)
    )


def recovery_caption(t: Strings) -> str:
    """What the chart is made of: the average of people in studies, and who they were."""
    return chart_caption(ChartKind.STUDY_AVERAGE, t, who=t("care.chart.who"))


def recovery_summary(t: Strings) -> str:
    """The chart in words (its text alternative)."""
    return t("care.chart.summary", **summary_values())


def moment_sentence(t: Strings, moment: str) -> str:
    """The point the person looks at, in words."""
    point = next(p for p in recovery_timeline() if p.key == moment)
    return t(f"care.chart.moments.{moment}_says", pain=round(point.pain))


def first_month_note(t: Strings) -> str:
    """Pengel 2003's first-month fall, in words (other studies than the chart's)."""
    return t("care.chart.first_month", **summary_values())

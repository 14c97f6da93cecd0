"""The one line under every chart that says what the chart is made of.

A chart either draws made-up curves that show an idea (an illustration) or
draws what studies measured (averages of people). A patient must never take
the first for the second, so the caption is chosen here from the chart's kind,
never written by hand next to a chart.
"""
from __future__ import annotations

from enum import Enum

from explainer.common.content import Strings


class ChartKind(str, Enum):
    #: Invented or modelled curves: "These lines are made up to show the idea. They were not measured."
    ILLUSTRATION = "illustration"
    #: Study results: "Average of people in studies: <who>." (``who`` names the people and the source).
    STUDY_AVERAGE = "study_average"


def chart_caption(kind: ChartKind, t: Strings, who: str = "") -> str:
    """The caption for a chart of this kind, in ``t``'s language."""
    kind = ChartKind(kind)
    if kind is ChartKind.STUDY_AVERAGE:
        if not who:
            raise ValueError("a chart of study results must say who was measured")
        return t(f"common.chart_kind.{kind.value}", who=who)
    return t(f"common.chart_kind.{kind.value}")

"""Typical recovery from new (acute) low back pain: the published figures only.

    pain(t) at t = 0, 6 and 26 weeks, on a 0-100 scale (0 = no pain, 100 = worst):
        52, 23, 12        -- pooled mean pain, Costa et al 2012 (costa2012)
    relative fall of pain and disability in the first month (t = 4 weeks):
        about 58 %        -- Pengel et al 2003 (pengel2003)

t in weeks since the pain started; pain in points on the 0-100 scale.
These are averages over many people in many studies, not a forecast for one
person. No point is added between or beyond the published ones: a chart may
join them with a line only if it says so. The two sources measured different
groups, so the 58 % is shown as a statement, never as a point on Costa's scale.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecoveryPoint:
    week: float  # weeks since the pain started
    pain: float  # mean pain, 0-100 scale
    source_id: str  # id in assets/sources.toml


#: Costa et al 2012, CMAJ 184:E613: mean pain at onset, 6 weeks and 26 weeks.
COSTA_2012_PAIN: tuple[RecoveryPoint, ...] = (
    RecoveryPoint(0, 52, "costa2012"),
    RecoveryPoint(6, 23, "costa2012"),
    RecoveryPoint(26, 12, "costa2012"),
)

#: Pengel et al 2003, BMJ 327:323: pain and disability fall by about 58 % within the first month.
PENGEL_2003_FIRST_MONTH_FALL_PERCENT = 58
#: "The first month", in weeks, where Pengel's figure applies.
FIRST_MONTH_WEEKS = 4

PAIN_SCALE = (0, 100)
#: The chart's time axis: onset to the last published point.
WEEKS_SHOWN = (0, COSTA_2012_PAIN[-1].week)

SOURCE_IDS = ("costa2012", "pengel2003")


def recovery_timeline() -> list[RecoveryPoint]:
    """The published pain points, in time order."""
    return sorted(COSTA_2012_PAIN, key=lambda p: p.week)


def summary_values() -> dict[str, int]:
    """Figures for text that states them (placeholders in care.toml)."""
    start, six_weeks, six_months = (round(p.pain) for p in recovery_timeline())
    return {
        "start": start,
        "six_weeks": six_weeks,
        "six_months": six_months,
        "first_month_fall": PENGEL_2003_FIRST_MONTH_FALL_PERCENT,
    }

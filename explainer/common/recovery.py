"""What studies of many people found about recovery: the published figures only.

Every number a patient sees on /care and on the walkthrough's outlook step is
declared here once, with its source id (assets/sources.toml); the screens and
their tests import it from here.

    pain(t) at t = 0, 6 and 26 weeks, on a 0-100 scale (0 = no pain, 100 = worst):
        52, 23, 12        -- Costa et al 2012 (costa2012): the pooled mean of the
                             cohorts with new (acute) pain; the review pooled 33
                             cohorts, 11,166 people, some with new and some with
                             longer-lasting pain
    fall of pain, and of disability, in the first month (t = 4 weeks):
        about 58 %        -- Pengel et al 2003 (pengel2003): mean reduction of the
                             first scores, in 15 other studies
    back pain again within a year: 73 in 100 (pengel2003)
    sciatica caused by a disc: about 9 in 10; conservative care usually tried
        for 6 to 8 weeks  -- Koes et al 2007 (koes2007)
    disc herniations that shrank without surgery: 63 in 100 pooled
        (Wang et al 2020, wang2020); by kind: a piece broken off (sequestration)
        96, pushed far out (extrusion) 70, pushed out a little (protrusion) 41
        in 100; bulges far less (Chiu et al 2015, chiu2015)

t in weeks since the pain started; pain in points on the 0-100 scale.
These are averages over many people in many studies, not a forecast for one
person. No point is added between or beyond the published ones: a chart may
join them with a line only if it says so. Pengel's 58 % comes from other
studies than Costa's points, so it is shown as a statement, never as a point
or label on Costa's line.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecoveryPoint:
    week: float  # weeks since the pain started
    pain: float  # mean pain, 0-100 scale
    source_id: str  # id in assets/sources.toml
    key: str  # content key of the moment ("start", "six_weeks", "six_months")


#: Costa et al 2012, CMAJ 184:E613: mean pain at onset, 6 weeks and 26 weeks
#: (cohorts with new back pain).
COSTA_2012_PAIN: tuple[RecoveryPoint, ...] = (
    RecoveryPoint(0, 52, "costa2012", "start"),
    RecoveryPoint(6, 23, "costa2012", "six_weeks"),
    RecoveryPoint(26, 12, "costa2012", "six_months"),
)
#: Costa 2012 pooled this many groups (cohorts) and people in all.
COSTA_2012_COHORTS = 33
COSTA_2012_PEOPLE = 11_166

#: Pengel et al 2003, BMJ 327:323: pain and disability fall by about 58 % within the first month.
PENGEL_2003_FIRST_MONTH_FALL_PERCENT = 58
#: Pengel 2003: people with at least one recurrence within 12 months, per 100.
PENGEL_2003_RECURRENCE_PER_100 = 73
#: "The first month", in weeks, where Pengel's figure applies.
FIRST_MONTH_WEEKS = 4

#: Koes et al 2007, BMJ 334:1313: sciatica caused by a disc herniation, per 10;
#: weeks conservative care is usually tried.
KOES_2007_SCIATICA_FROM_DISC_PER_10 = 9
KOES_2007_CARE_WEEKS = (6, 8)

#: Wang et al 2020, BMC Musculoskelet Disord 21:530: pooled regression without surgery, per 100.
WANG_2020_REGRESSION_PER_100 = 63
#: Chiu et al 2015, Clin Rehabil 29:184: regression per 100 by kind of herniation.
CHIU_2015_REGRESSION_PER_100 = {"sequestration": 96, "extrusion": 70, "protrusion": 41}

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

"""The "warm bath" illustration: pain over three weeks in two stories.

An ILLUSTRATION, not patient data and not a fitted model: the curves are made
up to show the shape of what the sources say, and the chart says so in words
(``explainer.common.captions``, ChartKind.ILLUSTRATION).

- Heat eases back pain for a short while, in both stories (Qaseem 2017:
  superficial heat gives short-term relief; no source gives a number of hours,
  so the words on screen say "for a while" and the curve lets it fade within a day).
- Ordinary new back pain eases steadily, by about half in the first month:
  the curve follows the measured averages it illustrates (Pengel 2003: pain
  fell by about 58% in the first month; Costa 2012: average pain 52 of 100 at
  the start, 23 at six weeks). It is not gone in a week or two.
- A spasm driven by a disc pressing on a nerve flares up again and again, at
  uneven times, while the nerve stays irritated, and settles slowly over weeks
  to months, with or without care: most people with sciatica get better without
  surgery (Koes 2007) and many disc herniations shrink on their own (Wang 2020,
  Chiu 2015). Care helps people move and hurt less meanwhile (Qaseem 2017:
  small to moderate effects on pain); no listed source shows that it makes the
  disc heal faster, so care lowers the pain (smaller flare-ups, a little less
  steady pain) and leaves the nerve's own slow drift as it was. It is not a
  switch: the pain does not drop to nothing within days.

Equations (t in days since the spasm started, 0 <= t <= DAYS; pain P on 0-10):

    heat relief       h(t) = 1 - HEAT_RELIEF * exp(-(t - b) / HEAT_TAU)   for t >= b, else 1
                      (b = warm-bath day; no bath: h = 1)
    ordinary spasm    P_o(t) = h(t) * ORDINARY_START * exp(-t / ORDINARY_TAU)

    nerve pain        N(t) = NERVE_START * exp(-t / NERVE_DRIFT_TAU)   (the same with or without care)
    care onset        g(t) = 1 - exp(-(t - c) / CARE_ONSET_TAU)   for t >= c, else 0
                      (c = day care starts; no care: g = 0 for every t)
    care effect       m(t) = 1 - CARE_FLARE_CUT * g(t)     on the flare-ups
                      q(t) = 1 - CARE_PAIN_CUT * g(t)      on the steady nerve pain
    flare-ups         F(t) = sum over (d_k, a_k, s_k) in FLARES of  a_k * exp(-((t - d_k) / s_k)^2 / 2)
    disc story        P_d(t) = h(t) * (q(t) * N(t) + m(t) * F(t))

Every P is clipped to 0..10. Units: HEAT_RELIEF, CARE_FLARE_CUT and CARE_PAIN_CUT are
fractions (no unit); every *_TAU, d_k and s_k is in days; NERVE_START,
ORDINARY_START and a_k are pain points on the 0-10 scale.

Stated properties (each one unit-tested in tests/unit/test_timeline.py):
- the ordinary spasm starts at ORDINARY_START and falls by about half in the
  first month (ORDINARY_FIRST_MONTH_FALL, between Costa's 56% by six weeks and
  Pengel's 58% in a month); at day 21 it is still well above zero;
- without care the disc story flares at uneven intervals, is lower at day 21
  than at day 1, and falls more slowly than the ordinary spasm;
- with care the flare-ups are smaller and the pain a little lower, while the
  nerve's drift is unchanged; a week after care starts the disc story is still
  at least DISC_WEEK_AFTER_CARE_AT_LEAST points;
- heat relief lasts a short while (under a day), not days, in both stories.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import exp

#: Length of the illustration, days.
DAYS = 21
#: Points per day (3 hours apart: fine enough to show a short heat relief).
SAMPLES_PER_DAY = 8

#: Pain an ordinary spasm starts at (0-10) and its fading time constant (days).
#: exp(-30 / 36) = 0.43: a fall of about 57% in the first month, the measured
#: course (pengel2003: about 58% in the first month; costa2012: 52 -> 23 of 100,
#: 56%, by six weeks).
ORDINARY_START = 7.0
ORDINARY_TAU = 36.0
#: Stated property: the share of the starting pain gone after 30 days lies in this range.
ORDINARY_FIRST_MONTH_FALL = (0.50, 0.60)

#: Heat: fraction of the pain relieved just after the bath, and how fast that
#: wears off (days). No source gives a duration, only "short-term" (qaseem2017):
#: the curve lets it fade within a day and the words say "for a while".
HEAT_RELIEF = 0.45
HEAT_TAU = 0.35

#: Disc story: the steady nerve pain at day 0 (0-10) and how slowly it drifts
#: down (days: about 26% lower after three weeks, slower than the ordinary
#: spasm; the nerve settles over weeks to months). Care does not change it.
NERVE_START = 5.5
NERVE_DRIFT_TAU = 70.0
#: With care the flare-ups shrink towards (1 - CARE_FLARE_CUT) of their height
#: and the steady pain towards (1 - CARE_PAIN_CUT) of its level, over about
#: CARE_ONSET_TAU days (care takes days to weeks to help; the effect is modest).
CARE_FLARE_CUT = 0.5
CARE_PAIN_CUT = 0.15
CARE_ONSET_TAU = 3.0

#: Flare-ups of the disc story, declared one by one so they are uneven:
#: (day of the peak, extra pain at the peak in points, width in days).
#: Gaps between peaks: 3.5, 4.5, 3.5, 5 and 3 days.
FLARES: tuple[tuple[float, float, float], ...] = (
    (0.0, 3.5, 0.8),
    (3.5, 3.0, 1.1),
    (8.0, 3.2, 0.7),
    (11.5, 2.5, 1.2),
    (16.5, 2.6, 0.9),
    (19.5, 1.9, 1.0),
)

#: Stated property: a week after care starts, the disc story (without a bath)
#: is still at least this many points above zero (0-10).
DISC_WEEK_AFTER_CARE_AT_LEAST = 2.0

#: Day choices offered on screen (0 means "none").
BATH_DAYS = (0, 3, 6, 9)
CARE_DAYS = (0, 4, 7, 10)
#: Default choices: no bath, no care yet (the person adds them).
DEFAULT_BATH_DAY = 0
DEFAULT_CARE_DAY = 0

PAIN_MIN, PAIN_MAX = 0.0, 10.0


def _clip(pain: float) -> float:
    return min(PAIN_MAX, max(PAIN_MIN, pain))


def heat_factor(t: float, bath_day: float | None) -> float:
    """h(t): 1 without a bath; just after the bath 1 - HEAT_RELIEF, then back towards 1."""
    if not bath_day or t < bath_day:
        return 1.0
    return 1.0 - HEAT_RELIEF * exp(-(t - bath_day) / HEAT_TAU)


def nerve_pain(t: float) -> float:
    """N(t): the steady pain from the irritated nerve, drifting slowly down.
    Care does not change it: no listed source shows care makes the disc heal faster."""
    return NERVE_START * exp(-t / NERVE_DRIFT_TAU)


def care_onset(t: float, care_day: float | None = None) -> float:
    """g(t): 0 before care; then rising gradually towards 1 (care takes days to help)."""
    if not care_day or t < care_day:
        return 0.0
    return 1.0 - exp(-(t - care_day) / CARE_ONSET_TAU)


def care_effect(t: float, care_day: float | None = None) -> float:
    """m(t): 1 before care; then the flare-ups shrink gradually towards 1 - CARE_FLARE_CUT."""
    return 1.0 - CARE_FLARE_CUT * care_onset(t, care_day)


def care_relief(t: float, care_day: float | None = None) -> float:
    """q(t): 1 before care; then the steady pain eases gradually towards 1 - CARE_PAIN_CUT."""
    return 1.0 - CARE_PAIN_CUT * care_onset(t, care_day)


def flare_ups(t: float) -> float:
    """F(t): the extra pain of the flare-ups at time t (points)."""
    return sum(height * exp(-(((t - day) / width) ** 2) / 2.0) for day, height, width in FLARES)


def ordinary_pain(t: float, bath_day: float | None = None) -> float:
    return _clip(heat_factor(t, bath_day) * ORDINARY_START * exp(-t / ORDINARY_TAU))


def disc_pain(t: float, bath_day: float | None = None, care_day: float | None = None) -> float:
    steady = care_relief(t, care_day) * nerve_pain(t)
    return _clip(heat_factor(t, bath_day) * (steady + care_effect(t, care_day) * flare_ups(t)))


@dataclass(frozen=True)
class Timeline:
    """Both stories sampled over DAYS days (pain 0-10 at each of ``days``)."""

    days: tuple[float, ...]
    ordinary: tuple[float, ...]
    disc: tuple[float, ...]
    bath_day: int
    care_day: int

    def at(self, story: str, day: float) -> float:
        """Pain of one story at the sample nearest ``day``."""
        index = min(range(len(self.days)), key=lambda i: abs(self.days[i] - day))
        return getattr(self, story)[index]

    def range_between(self, story: str, start: float, end: float) -> tuple[float, float]:
        values = [v for d, v in zip(self.days, getattr(self, story)) if start <= d <= end]
        return min(values), max(values)


def recovery_timeline(bath_day: int = DEFAULT_BATH_DAY, care_day: int = DEFAULT_CARE_DAY) -> Timeline:
    """Pain per sample for both stories. ``0`` (or None) means no bath / no care yet.

    ``care_day`` is the day care for the disc starts (moving, exercises, pain
    relief, hands-on care); it changes only the disc story.
    """
    bath = int(bath_day or 0)
    care = int(care_day or 0)
    if not 0 <= bath <= DAYS or not 0 <= care <= DAYS:
        raise ValueError(f"days must be within 0..{DAYS}")
    days = tuple(i / SAMPLES_PER_DAY for i in range(DAYS * SAMPLES_PER_DAY + 1))
    # The bath sample itself is included (t == b gives the deepest relief).
    return Timeline(
        days=days,
        ordinary=tuple(ordinary_pain(t, bath) for t in days),
        disc=tuple(disc_pain(t, bath, care) for t in days),
        bath_day=bath,
        care_day=care,
    )

"""The "warm bath" illustration: pain over three weeks in two stories.

An ILLUSTRATION, not patient data and not a fitted model: the curves are made
up to show the shape of what the sources say, and the chart says so in words
(``explainer.captions``, ChartKind.ILLUSTRATION).

- Heat eases back pain for a few hours, in both stories (Qaseem 2017:
  superficial heat gives short-term relief).
- An ordinary strained-muscle spasm fades over one to two weeks (Pengel 2003,
  Costa 2012: most new back pain gets much better within weeks).
- A spasm driven by a disc pressing on a nerve flares up again and again, at
  uneven times, while the nerve stays irritated, and settles slowly over weeks
  to months, with or without care: most people with sciatica get better without
  surgery (Koes 2007) and many disc herniations shrink on their own (Wang 2020,
  Chiu 2015). Care helps people move and hurt less meanwhile; it is not a
  switch, so after care starts the flare-ups get smaller and the drift a little
  faster, but the pain does not drop to nothing within days.

Equations (t in days since the spasm started, 0 <= t <= DAYS; pain P on 0-10):

    heat relief       h(t) = 1 - HEAT_RELIEF * exp(-(t - b) / HEAT_TAU)   for t >= b, else 1
                      (b = warm-bath day; no bath: h = 1)
    ordinary spasm    P_o(t) = h(t) * ORDINARY_START * exp(-t / ORDINARY_TAU)

    nerve pain        N(t) = NERVE_START * exp(-t / NERVE_DRIFT_TAU)                      for t < c
                      N(t) = N(c) * exp(-(t - c) / NERVE_DRIFT_TAU_WITH_CARE)             for t >= c
                      (c = day care starts; no care: the first line for every t)
    care effect       m(t) = 1 - CARE_FLARE_CUT * (1 - exp(-(t - c) / CARE_ONSET_TAU))     for t >= c, else 1
    flare-ups         F(t) = sum over (d_k, a_k, s_k) in FLARES of  a_k * exp(-((t - d_k) / s_k)^2 / 2)
    disc story        P_d(t) = h(t) * (N(t) + m(t) * F(t))

Every P is clipped to 0..10. Units: HEAT_RELIEF and CARE_FLARE_CUT are
fractions (no unit); every *_TAU, d_k and s_k is in days; NERVE_START,
ORDINARY_START and a_k are pain points on the 0-10 scale.

Stated properties (each one unit-tested in tests/unit/test_timeline.py):
- the ordinary spasm starts at ORDINARY_START and is below ORDINARY_DAY14_BELOW
  by day 14;
- without care the disc story flares at uneven intervals and is lower at day
  21 than at day 1;
- with care the flare-ups are smaller and the drift faster, yet a week after
  care starts the disc story is still at least DISC_WEEK_AFTER_CARE_AT_LEAST
  points and above the ordinary spasm;
- heat relief lasts hours, not days, in both stories.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import exp

#: Length of the illustration, days.
DAYS = 21
#: Points per day (3 hours apart: fine enough to show a few hours of heat relief).
SAMPLES_PER_DAY = 8

#: Pain an ordinary spasm starts at (0-10) and its fading time constant (days).
ORDINARY_START = 7.0
ORDINARY_TAU = 5.0
#: Stated property: an ordinary spasm is below this (0-10) by day 14.
ORDINARY_DAY14_BELOW = 1.0

#: Heat: fraction of the pain relieved just after the bath, and how fast that
#: wears off (days; 0.35 day is about 8 hours, so the relief lasts a few hours).
HEAT_RELIEF = 0.45
HEAT_TAU = 0.35

#: Disc story: the steady nerve pain at day 0 (0-10) and how slowly it drifts
#: down without care (days: about 40% lower after three weeks).
NERVE_START = 4.5
NERVE_DRIFT_TAU = 40.0
#: With care the drift is somewhat faster (days), never a sudden drop.
NERVE_DRIFT_TAU_WITH_CARE = 20.0
#: With care the flare-ups shrink towards (1 - CARE_FLARE_CUT) of their height,
#: over about CARE_ONSET_TAU days (care takes days to weeks to help).
CARE_FLARE_CUT = 0.5
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


def nerve_pain(t: float, care_day: float | None = None) -> float:
    """N(t): the steady pain from the irritated nerve, drifting slowly down (faster with care)."""
    if not care_day or t < care_day:
        return NERVE_START * exp(-t / NERVE_DRIFT_TAU)
    return NERVE_START * exp(-care_day / NERVE_DRIFT_TAU) * exp(-(t - care_day) / NERVE_DRIFT_TAU_WITH_CARE)


def care_effect(t: float, care_day: float | None = None) -> float:
    """m(t): 1 before care; then the flare-ups shrink gradually towards 1 - CARE_FLARE_CUT."""
    if not care_day or t < care_day:
        return 1.0
    return 1.0 - CARE_FLARE_CUT * (1.0 - exp(-(t - care_day) / CARE_ONSET_TAU))


def flare_ups(t: float) -> float:
    """F(t): the extra pain of the flare-ups at time t (points)."""
    return sum(height * exp(-(((t - day) / width) ** 2) / 2.0) for day, height, width in FLARES)


def ordinary_pain(t: float, bath_day: float | None = None) -> float:
    return _clip(heat_factor(t, bath_day) * ORDINARY_START * exp(-t / ORDINARY_TAU))


def disc_pain(t: float, bath_day: float | None = None, care_day: float | None = None) -> float:
    return _clip(heat_factor(t, bath_day) * (nerve_pain(t, care_day) + care_effect(t, care_day) * flare_ups(t)))


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

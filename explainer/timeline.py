"""The "hot bath" illustration: pain over three weeks in two stories.

An ILLUSTRATION, not patient data and not a fitted model. It shows the shape of
the brief's message (section 3): heat eases a spasm for a while in both stories
(Qaseem 2017: superficial heat gives short-term relief); an ordinary spasm fades
within about one to two weeks; a disc-driven spasm keeps coming back while the
nerve stays irritated and settles once the cause is treated. Real figures are
shown elsewhere with their sources (Pengel 2003, Costa 2012, Koes 2007).

Equations (t in days since the spasm started, 0 <= t <= DAYS; pain P on 0-10):

    heat relief       h(t) = 1 - HEAT_RELIEF * exp(-(t - b) / HEAT_TAU)   for t >= b, else 1
                      (b = hot-bath day; no bath: h = 1)
    ordinary spasm    P_o(t) = h(t) * ORDINARY_START * exp(-t / ORDINARY_TAU)
    nerve irritation  N(t) = exp(-(t - c) / NERVE_TAU)   for t >= c, else 1
                      (c = treat-the-cause day; no treatment: N = 1)
    spasm waves       w(t) = ((1 + cos(2 pi t / SPASM_PERIOD)) / 2) ** 2     (0..1; a peak at t = 0)
    disc story        P_d(t) = h(t) * (DISC_FLOOR + N(t) * (DISC_BASE + DISC_WAVE * w(t) - DISC_FLOOR))

Every P is clipped to 0..10. HEAT_RELIEF is a fraction of the pain (no unit),
the *_TAU are time constants in days, SPASM_PERIOD is in days, the others are
pain points on the 0-10 scale.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import cos, exp, pi

#: Length of the illustration, days.
DAYS = 21
#: Points per day (smooth enough to show a few hours of heat relief).
SAMPLES_PER_DAY = 8

#: Pain an ordinary spasm starts at (0-10) and its fading time constant (days).
ORDINARY_START = 7.0
ORDINARY_TAU = 5.0
#: Stated property (unit-tested): an ordinary spasm is below this by day 14.
ORDINARY_DAY14_BELOW = 1.0

#: Heat: fraction of pain relieved just after the bath, and how fast that wears off (days).
HEAT_RELIEF = 0.45
HEAT_TAU = 0.35

#: Disc story: steady nerve pain, height of the returning spasms, period between them (days),
#: the level it settles to after treatment, and how fast the nerve calms once treated (days).
DISC_BASE = 4.5
DISC_WAVE = 3.5
SPASM_PERIOD = 3.0
DISC_FLOOR = 1.0
NERVE_TAU = 2.5

#: Day choices offered on screen (0 means "none").
BATH_DAYS = (0, 3, 6, 9)
TREAT_DAYS = (0, 7, 10, 14)
#: Default choices: no bath, no treatment (the person adds them).
DEFAULT_BATH_DAY = 0
DEFAULT_TREAT_DAY = 0

PAIN_MIN, PAIN_MAX = 0.0, 10.0


def _clip(pain: float) -> float:
    return min(PAIN_MAX, max(PAIN_MIN, pain))


def heat_factor(t: float, bath_day: float | None) -> float:
    """h(t): 1 without a bath; just after the bath 1 - HEAT_RELIEF, then back towards 1."""
    if not bath_day or t < bath_day:
        return 1.0
    return 1.0 - HEAT_RELIEF * exp(-(t - bath_day) / HEAT_TAU)


def nerve_irritation(t: float, treat_day: float | None) -> float:
    """N(t): 1 while the nerve stays irritated; falls towards 0 once the cause is treated."""
    if not treat_day or t < treat_day:
        return 1.0
    return exp(-(t - treat_day) / NERVE_TAU)


def spasm_wave(t: float) -> float:
    """w(t): a peak of 1 at day 0 and every SPASM_PERIOD days after (squared, so peaks are distinct)."""
    return ((1.0 + cos(2.0 * pi * t / SPASM_PERIOD)) / 2.0) ** 2


def ordinary_pain(t: float, bath_day: float | None = None) -> float:
    return _clip(heat_factor(t, bath_day) * ORDINARY_START * exp(-t / ORDINARY_TAU))


def disc_pain(t: float, bath_day: float | None = None, treat_day: float | None = None) -> float:
    irritated = DISC_BASE + DISC_WAVE * spasm_wave(t)
    untreated_part = nerve_irritation(t, treat_day) * (irritated - DISC_FLOOR)
    return _clip(heat_factor(t, bath_day) * (DISC_FLOOR + untreated_part))


@dataclass(frozen=True)
class Timeline:
    """Both stories sampled over DAYS days."""

    days: tuple[float, ...]
    ordinary: tuple[float, ...]
    disc: tuple[float, ...]
    bath_day: int
    treat_day: int

    def at(self, story: str, day: float) -> float:
        """Pain of one story at the sample nearest ``day``."""
        index = min(range(len(self.days)), key=lambda i: abs(self.days[i] - day))
        return getattr(self, story)[index]

    def range_between(self, story: str, start: float, end: float) -> tuple[float, float]:
        values = [v for d, v in zip(self.days, getattr(self, story)) if start <= d <= end]
        return min(values), max(values)


def recovery_timeline(bath_day: int = DEFAULT_BATH_DAY, treat_day: int = DEFAULT_TREAT_DAY) -> Timeline:
    """Pain per sample for both stories. ``0`` (or None) means no bath / no treatment."""
    bath = int(bath_day or 0)
    treat = int(treat_day or 0)
    if not 0 <= bath <= DAYS or not 0 <= treat <= DAYS:
        raise ValueError(f"days must be within 0..{DAYS}")
    days = tuple(i / SAMPLES_PER_DAY for i in range(DAYS * SAMPLES_PER_DAY + 1))
    # The bath sample itself is included (t == b gives the deepest relief).
    return Timeline(
        days=days,
        ordinary=tuple(ordinary_pain(t, bath) for t in days),
        disc=tuple(disc_pain(t, bath, treat) for t in days),
        bath_day=bath,
        treat_day=treat,
    )

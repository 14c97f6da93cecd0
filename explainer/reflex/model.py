"""The stretch reflex as a small, illustrative model.

Equations (t in ms; the simulation steps every DT_MS)
-----------------------------------------------------
Spindle Ia ensemble firing (Prochazka & Gorassini 1998, source ``prochazka1998``,
fitted to cat hamstring afferents during walking)::

    f = max(0, 4.3 * sign(v) * |v|**0.6 + 2 * d + 82)

    f  firing rate of the spindle afferents, impulses per second (imp/s)
    v  stretch velocity of the muscle, mm/s (positive = lengthening)
    d  stretch beyond resting length, mm

The pull: from PULL_START_MS an outside movement (a bend, a slip, a jolt)
moves at speed V (mm/s) until it has travelled D (mm), i.e. for D / V seconds.

Reflex contraction (illustrative, not fitted to data)::

    drive(t)  = clamp((f(t - L) - F_ONSET) / (F_FULL - F_ONSET), 0, 1)
    da/dt     = (drive(t) - a) / TAU_A
    dx/dt     = pull(t) * (1 - a)          (with the reflex, while the pull lasts)
    dx/dt     = -a * x / TAU_R             (with the reflex, once the pull has stopped)
    dx/dt     = pull(t)                    (without the reflex)

    a      contraction, fraction of full strength (0 to 1; shown as %)
    L      reflex latency, ms (REFLEX_LATENCY_MS): the loop from spindle to
           spinal cord and back to the muscle
    TAU_A  time constant of the contraction building up, ms
    TAU_R  time constant of the pull-back, ms: a muscle at full strength,
           no longer pulled, would take back its stretch at x / TAU_R
    x      muscle stretch beyond resting length, mm
    pull   speed of the outside movement, mm/s (V while it lasts, else 0)

While the pull lasts, a tightening muscle gives way to only part of it; once
the pull has stopped, the tightened muscle takes back part of the stretch
(the reflex "pulls back"). The spindles feel the muscle's own stretch ``x``
and its speed, so once the muscle resists or shortens, firing falls again and
the loop settles by itself. Tissue would be damaged beyond TEAR_THRESHOLD_MM
(the "tearing zone"); that threshold, the pull-back and the choices below are
illustrative numbers picked so the model shows the idea, not measurements of
a human back. The resting rate of 82 imp/s is the fitted model's constant (cat
hamstring during walking), not a human resting rate.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np

# --- Spindle firing model (source: prochazka1998) -----------------------------
SPINDLE_VELOCITY_GAIN = 4.3  # imp/s per (mm/s)**0.6
SPINDLE_VELOCITY_EXPONENT = 0.6  # dimensionless: firing grows about as the square root of speed
SPINDLE_LENGTH_GAIN = 2.0  # imp/s per mm
SPINDLE_RESTING_RATE = 82.0  # imp/s at v = 0, d = 0: the model's constant, not a human resting rate
SPINDLE_SOURCE = "prochazka1998"

# --- Reflex timing ------------------------------------------------------------
#: The loop's delay used by the model, ms: spindle -> sensory nerve -> spinal
#: cord -> motor nerve -> muscle. This is the fast spinal loop, at the top of
#: its measured range in the arms and legs (20-50 ms, pruszynski2012). It is
#: not the whole trunk's reaction to a sudden load, which is slower (erector
#: spinae onset 79 +/- 9 ms, jbiomech2004). The page says both.
REFLEX_LATENCY_MS = 50.0
LIMB_SHORT_LATENCY_RANGE_MS = (20, 50)  # pruszynski2012
ERECTOR_SPINAE_ONSET_MS = 79  # jbiomech2004, mean (+/- 9 ms)
LATENCY_SOURCES = ("pruszynski2012", "jbiomech2004")

# --- Contraction (illustrative) ----------------------------------------------
REFLEX_ONSET_RATE = 160.0  # imp/s: below this the spinal cord barely answers
REFLEX_FULL_RATE = 200.0  # imp/s: at or above this the muscle tightens fully
CONTRACTION_TIME_CONSTANT_MS = 25.0  # how fast the contraction builds and fades
RETURN_TIME_CONSTANT_MS = 150.0  # TAU_R: how fast a tightened muscle takes back its stretch

# --- The scene (illustrative) ---------------------------------------------------
TEAR_THRESHOLD_MM = 35.0  # stretch beyond which tissue would be damaged
DURATION_MS = 600.0  # the time shown on the charts
PULL_START_MS = 50.0  # a short calm moment before the pull, so the start is visible
DT_MS = 1.0  # simulation step

#: "strong contraction" for the narration and tests: half of full strength.
STRONG_CONTRACTION = 0.5
#: The contraction counts as started once it reaches this fraction of full strength.
CONTRACTION_ONSET = 0.05


class Speed(str, Enum):
    """How fast the pull is: each choice stands for one velocity (SPEED_MM_S)."""

    SLOW = "slow"
    QUICK = "quick"
    SUDDEN = "sudden"


class Distance(str, Enum):
    """How far the pull goes: each choice stands for one displacement (DISTANCE_MM)."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


#: Pull velocity of each choice, mm/s. Slow is still fast enough that a large
#: pull finishes inside the DURATION_MS window.
SPEED_MM_S: dict[Speed, float] = {Speed.SLOW: 100.0, Speed.QUICK: 200.0, Speed.SUDDEN: 300.0}
#: Pull displacement of each choice, mm. Only "large" reaches the tearing zone
#: if nothing resists it.
DISTANCE_MM: dict[Distance, float] = {Distance.SMALL: 8.0, Distance.MEDIUM: 20.0, Distance.LARGE: 40.0}
DEFAULT_SPEED = Speed.SUDDEN
DEFAULT_DISTANCE = Distance.LARGE


def spindle_ia_rate(velocity_mm_s, displacement_mm):
    """Ensemble Ia firing, imp/s (Prochazka & Gorassini 1998), never below 0.

    Floats in, float out; numpy arrays in, array out (elementwise).
    """
    v = np.asarray(velocity_mm_s, dtype=float)
    d = np.asarray(displacement_mm, dtype=float)
    rate = (
        SPINDLE_VELOCITY_GAIN * np.sign(v) * np.abs(v) ** SPINDLE_VELOCITY_EXPONENT
        + SPINDLE_LENGTH_GAIN * d
        + SPINDLE_RESTING_RATE
    )
    rate = np.maximum(rate, 0.0)
    if rate.ndim == 0:
        return float(rate)
    return rate


def _rate(v: float, d: float) -> float:
    """Scalar fast path of spindle_ia_rate for the time loop (same equation)."""
    sign = 1.0 if v > 0 else (-1.0 if v < 0 else 0.0)
    rate = SPINDLE_VELOCITY_GAIN * sign * abs(v) ** SPINDLE_VELOCITY_EXPONENT + SPINDLE_LENGTH_GAIN * d + SPINDLE_RESTING_RATE
    return rate if rate > 0.0 else 0.0


@dataclass(frozen=True)
class StretchRun:
    """One simulated pull. Arrays share the time axis ``time_ms``."""

    velocity_mm_s: float
    distance_mm: float
    latency_ms: float
    time_ms: np.ndarray
    stretch_with_reflex_mm: np.ndarray
    stretch_without_reflex_mm: np.ndarray
    firing_imp_s: np.ndarray  # spindle firing of the muscle with the reflex
    contraction: np.ndarray  # 0..1 of full strength, with the reflex

    @property
    def pull_end_ms(self) -> float:
        """When the outside movement stops, ms."""
        return PULL_START_MS + self.distance_mm / self.velocity_mm_s * 1000.0

    @property
    def peak_with_mm(self) -> float:
        return float(self.stretch_with_reflex_mm.max())

    @property
    def peak_without_mm(self) -> float:
        return float(self.stretch_without_reflex_mm.max())

    @property
    def peak_with_time_ms(self) -> float:
        """When the stretch with the reflex is largest, ms."""
        return float(self.time_ms[int(np.argmax(self.stretch_with_reflex_mm))])

    @property
    def final_with_mm(self) -> float:
        """Stretch with the reflex at the end of the simulation, mm."""
        return float(self.stretch_with_reflex_mm[-1])

    @property
    def pull_back_mm(self) -> float:
        """How much of its largest stretch the muscle took back, mm."""
        return self.peak_with_mm - self.final_with_mm

    @property
    def margin_with_mm(self) -> float:
        """How far short of the tearing zone the stretch stopped (negative: inside it)."""
        return TEAR_THRESHOLD_MM - self.peak_with_mm

    @property
    def depth_without_mm(self) -> float:
        """How far into the tearing zone the unprotected muscle went (0 if not)."""
        return max(0.0, self.peak_without_mm - TEAR_THRESHOLD_MM)

    @property
    def peak_firing_imp_s(self) -> float:
        return float(self.firing_imp_s.max())

    @property
    def peak_contraction(self) -> float:
        return float(self.contraction.max())

    @property
    def contraction_onset_ms(self) -> float | None:
        """Time from the start of the pull until the muscle starts to tighten, ms (None: it never does)."""
        started = np.nonzero(self.contraction >= CONTRACTION_ONSET)[0]
        return float(self.time_ms[started[0]] - PULL_START_MS) if started.size else None

    @property
    def tears_with_reflex(self) -> bool:
        return self.peak_with_mm > TEAR_THRESHOLD_MM

    @property
    def tears_without_reflex(self) -> bool:
        return self.peak_without_mm > TEAR_THRESHOLD_MM

    @property
    def strong_contraction(self) -> bool:
        return self.peak_contraction >= STRONG_CONTRACTION


def simulate_stretch(
    velocity_mm_s: float,
    distance_mm: float,
    latency_ms: float = REFLEX_LATENCY_MS,
    duration_ms: float = DURATION_MS,
    dt_ms: float = DT_MS,
) -> StretchRun:
    """Simulate a pull of ``distance_mm`` at ``velocity_mm_s``, with and without the reflex."""
    if velocity_mm_s <= 0 or distance_mm < 0:
        raise ValueError("velocity must be positive and distance not negative")
    steps = int(round(duration_ms / dt_ms))
    delay = int(round(latency_ms / dt_ms))
    pull_end_ms = PULL_START_MS + distance_mm / velocity_mm_s * 1000.0
    span = REFLEX_FULL_RATE - REFLEX_ONSET_RATE
    blend = dt_ms / CONTRACTION_TIME_CONSTANT_MS
    give_back = 1000.0 / RETURN_TIME_CONSTANT_MS  # 1/s

    time = np.arange(steps + 1) * dt_ms
    stretch = np.zeros(steps + 1)
    free = np.zeros(steps + 1)
    firing = np.full(steps + 1, SPINDLE_RESTING_RATE)
    contraction = np.zeros(steps + 1)
    x = x_free = a = 0.0
    for i in range(1, steps + 1):
        start = time[i - 1]
        # The part of this step during which the outside pull is moving.
        moving_ms = max(0.0, min(time[i], pull_end_ms) - max(start, PULL_START_MS))
        pull = velocity_mm_s * moving_ms / dt_ms
        sensed = firing[i - 1 - delay] if i - 1 - delay >= 0 else SPINDLE_RESTING_RATE
        drive = min(1.0, max(0.0, (sensed - REFLEX_ONSET_RATE) / span))
        a += (drive - a) * blend
        # While pulled the muscle gives way to part of the pull; afterwards it pulls back.
        speed = pull * (1.0 - a) if moving_ms > 0.0 else -a * x * give_back
        x += speed * dt_ms / 1000.0
        x_free += pull * dt_ms / 1000.0
        stretch[i], free[i], contraction[i] = x, x_free, a
        firing[i] = _rate(speed, x)
    return StretchRun(velocity_mm_s, distance_mm, latency_ms, time, stretch, free, firing, contraction)


@lru_cache(maxsize=None)
def run_choice(speed: Speed | str, distance: Distance | str) -> StretchRun:
    """The simulation for one on-screen choice (cached: there are only nine)."""
    return simulate_stretch(SPEED_MM_S[Speed(speed)], DISTANCE_MM[Distance(distance)])

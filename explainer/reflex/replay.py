"""The slow-motion replay of one pull, sampled from the model (explainer.reflex.model).

The page plays it in the browser (ui/replay.js) SLOWDOWN times slower than
real life: a 300 ms pull lasts 6 s. Everything it shows comes from here:

- frames: the model's state every FRAME_STEP_MS of model time, from a calm
  moment before the pull (LEAD_IN_MS) until the muscle has settled (TAIL_MS
  after the contraction has faded and the pull has ended): stretch with and
  without the reflex (mm), spindle firing (imp/s), contraction (0 to 1);
- the pulse: the first spindle signal after the pull starts travels the
  signal path (spindle -> sensory nerve -> spinal cord -> motor nerve ->
  muscle) in the model's latency L; each stage of the path lights up as the
  pulse passes its number on the picture (PULSE_STAGE_FRACTIONS of L);
- signals: the time of every spindle signal in the window (one click each
  when the sound is on): the n-th signal fires when the running integral of
  the firing rate reaches n;
- phases: the plain one-line captions, one per phase of the replay
  (PHASES), chosen by what the model does for this pull.

Times are model times, ms from the start of the simulation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from explainer.reflex.choices import ALL_CHOICES, parse_choice
from explainer.reflex.figure import Moment
from explainer.reflex.model import CONTRACTION_ONSET, DURATION_MS, PULL_START_MS, StretchRun, run_choice
from explainer.reflex.words import outcome_kind

#: How many times slower than real life the replay plays.
SLOWDOWN = 20
#: Model time between two frames handed to the page, ms (the browser draws in between).
FRAME_STEP_MS = 2
#: Calm before the pull, ms of model time (0.4 s on screen).
LEAD_IN_MS = 20.0
#: Calm after everything has settled, ms of model time.
TAIL_MS = 20.0
#: Where on the signal path each stage's number sits, as a fraction of the
#: latency: 1 the pull and 2 the spindle (where the pulse starts), 3 halfway
#: up the sensory nerve, 4 halfway down the motor nerve, 5 the muscle.
PULSE_STAGE_FRACTIONS = (0.0, 0.0, 0.25, 0.75, 1.0)
#: The phases of a replay, in order; each has a caption in the content
#: (``reflex.replay.phase.<key>``): "stretch", then "tighten_strong" or
#: "tighten_calm", then "end_saved", "end_safe" or "end_calm".
PHASES = ("stretch", "tighten", "end")


@dataclass(frozen=True)
class Phase:
    start_ms: float
    caption_key: str  # under reflex.replay.phase


@dataclass(frozen=True)
class Replay:
    """One pull, ready to play. Arrays share the time axis ``time_ms``."""

    choice: str
    time_ms: np.ndarray
    stretch_with_mm: np.ndarray
    stretch_without_mm: np.ndarray
    firing_imp_s: np.ndarray
    contraction: np.ndarray
    latency_ms: float
    pulse_start_ms: float  # the first spindle signal after the pull starts
    stage_times_ms: tuple[float, ...]  # when each of the five stages lights up
    signal_times_ms: tuple[float, ...]
    phases: tuple[Phase, ...]

    @property
    def start_ms(self) -> float:
        return float(self.time_ms[0])

    @property
    def end_ms(self) -> float:
        return float(self.time_ms[-1])

    @property
    def pulse_end_ms(self) -> float:
        return self.pulse_start_ms + self.latency_ms

    @property
    def seconds_on_screen(self) -> float:
        return (self.end_ms - self.start_ms) * SLOWDOWN / 1000.0

    @property
    def final_moment(self) -> Moment:
        """The last frame: the picture a replay stops on (and the still picture)."""
        return Moment(
            float(self.stretch_with_mm[-1]), float(self.stretch_without_mm[-1]), float(self.firing_imp_s[-1]), float(self.contraction[-1])
        )


def spindle_signal_times(run: StretchRun, start_ms: float, end_ms: float) -> tuple[float, ...]:
    """Model times of the spindle signals between ``start_ms`` and ``end_ms``:
    the n-th fires when the integral of the firing rate from ``start_ms`` reaches n."""
    dt_s = (run.time_ms[1] - run.time_ms[0]) / 1000.0
    inside = (run.time_ms >= start_ms) & (run.time_ms <= end_ms)
    times, rates = run.time_ms[inside], run.firing_imp_s[inside]
    count = np.concatenate([[0.0], np.cumsum(rates[1:] * dt_s)])  # signals fired since start_ms
    crossings = np.nonzero(np.floor(count[1:]) > np.floor(count[:-1]))[0] + 1
    return tuple(float(t) for t in times[crossings])


def replay_window(run: StretchRun) -> tuple[float, float]:
    """From a calm moment before the pull until the pull has ended and the
    contraction has faded again, plus a short calm."""
    peak = int(np.argmax(run.contraction))
    faded = np.nonzero(run.contraction[peak:] < CONTRACTION_ONSET)[0]
    settled = float(run.time_ms[peak + faded[0]]) if faded.size else DURATION_MS
    end = min(DURATION_MS, max(run.pull_end_ms, settled) + TAIL_MS)
    return PULL_START_MS - LEAD_IN_MS, end


def replay_phases(run: StretchRun, pulse_end_ms: float, end_ms: float) -> tuple[Phase, ...]:
    """stretch (until the signal is back at the muscle), tighten (until the
    stretch and the contraction have both peaked), end (the outcome)."""
    kind = outcome_kind(run)
    peak_force_ms = float(run.time_ms[int(np.argmax(run.contraction))])
    tighten_until = min(end_ms, max(pulse_end_ms, run.peak_with_time_ms, peak_force_ms))
    return (
        Phase(PULL_START_MS - LEAD_IN_MS, "stretch"),
        Phase(pulse_end_ms, "tighten_calm" if kind == "calm" else "tighten_strong"),
        Phase(tighten_until, f"end_{kind}"),
    )


def _snap(run: StretchRun, time_ms: float) -> float:
    """The model's own time step nearest ``time_ms`` (frames fall on it)."""
    return float(run.time_ms[int(np.argmin(np.abs(run.time_ms - time_ms)))])


@lru_cache(maxsize=None)
def replay_of(choice: str) -> Replay:
    """The replay of one on-screen choice (cached: there are only nine)."""
    speed, distance = parse_choice(choice)
    run = run_choice(speed, distance)
    start, end = replay_window(run)
    step = int(round(FRAME_STEP_MS / (run.time_ms[1] - run.time_ms[0])))
    idx = np.nonzero((run.time_ms >= start) & (run.time_ms <= end))[0][::step]
    signals = spindle_signal_times(run, start, float(run.time_ms[idx[-1]]))  # the frames' own span
    pulse_start = next(t for t in signals if t > PULL_START_MS)
    latency = run.latency_ms
    stages = tuple(PULL_START_MS if n == 0 else pulse_start + f * latency for n, f in enumerate(PULSE_STAGE_FRACTIONS))
    return Replay(
        choice=choice,
        time_ms=run.time_ms[idx],
        stretch_with_mm=run.stretch_with_reflex_mm[idx],
        stretch_without_mm=run.stretch_without_reflex_mm[idx],
        firing_imp_s=run.firing_imp_s[idx],
        contraction=run.contraction[idx],
        latency_ms=latency,
        pulse_start_ms=pulse_start,
        stage_times_ms=stages,
        signal_times_ms=signals,
        phases=replay_phases(run, _snap(run, pulse_start + latency), float(run.time_ms[idx][-1])),
    )


def payload(replay: Replay) -> dict:
    """What the browser gets for one choice: plain lists, rounded to what a
    picture can show (0.01 mm, 0.1 imp/s, 0.001 of full strength)."""
    return {
        "start": replay.start_ms,
        "step": float(replay.time_ms[1] - replay.time_ms[0]),
        "end": replay.end_ms,
        "stretch": [round(float(v), 2) for v in replay.stretch_with_mm],
        "free": [round(float(v), 2) for v in replay.stretch_without_mm],
        "rate": [round(float(v), 1) for v in replay.firing_imp_s],
        "force": [round(float(v), 3) for v in replay.contraction],
        "latency": replay.latency_ms,
        "pulse": replay.pulse_start_ms,
        "stages": list(replay.stage_times_ms),
        "signals": list(replay.signal_times_ms),
        "phases": [[p.start_ms, p.caption_key] for p in replay.phases],
    }


@lru_cache(maxsize=1)
def all_payloads() -> dict[str, dict]:
    """Every choice's replay for the browser, keyed by choice id (built once)."""
    return {choice: payload(replay_of(choice)) for choice in ALL_CHOICES}

"""The slow-motion replay's frames, pulse, signals and phases equal the model."""
import json

import numpy as np
import pytest

from explainer.reflex.choices import ALL_CHOICES, DEFAULT_CHOICE, parse_choice
from explainer.reflex.figure import Moment, place
from explainer.reflex.model import PULL_START_MS, REFLEX_LATENCY_MS, run_choice
from explainer.reflex.replay import (
    FRAME_STEP_MS,
    LEAD_IN_MS,
    PULSE_STAGE_FRACTIONS,
    SLOWDOWN,
    all_payloads,
    payload,
    replay_of,
)
from explainer.reflex.words import outcome_kind


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_frames_equal_the_model_at_their_times(choice):
    run = run_choice(*parse_choice(choice))
    replay = replay_of(choice)
    index = np.searchsorted(run.time_ms, replay.time_ms)
    assert np.array_equal(run.time_ms[index], replay.time_ms)
    assert np.all(np.diff(replay.time_ms) == FRAME_STEP_MS)
    assert np.array_equal(replay.stretch_with_mm, run.stretch_with_reflex_mm[index])
    assert np.array_equal(replay.stretch_without_mm, run.stretch_without_reflex_mm[index])
    assert np.array_equal(replay.firing_imp_s, run.firing_imp_s[index])
    assert np.array_equal(replay.contraction, run.contraction[index])
    # and what the browser gets is the same, rounded to what a picture can show
    sent = all_payloads()[choice]
    assert sent["start"] == replay.start_ms and sent["step"] == FRAME_STEP_MS and sent["end"] == replay.end_ms
    assert sent["stretch"] == pytest.approx(replay.stretch_with_mm.tolist(), abs=0.005)  # mm
    assert sent["free"] == pytest.approx(replay.stretch_without_mm.tolist(), abs=0.005)  # mm
    assert sent["rate"] == pytest.approx(replay.firing_imp_s.tolist(), abs=0.05)  # imp/s
    assert sent["force"] == pytest.approx(replay.contraction.tolist(), abs=0.0005)  # of full strength


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_pulse_takes_the_models_latency_and_lights_the_stages_in_order(choice):
    run = run_choice(*parse_choice(choice))
    replay = replay_of(choice)
    assert replay.latency_ms == run.latency_ms == REFLEX_LATENCY_MS
    assert replay.pulse_end_ms - replay.pulse_start_ms == REFLEX_LATENCY_MS
    # the pulse is the first spindle signal after the pull starts
    assert replay.pulse_start_ms == min(s for s in replay.signal_times_ms if s > PULL_START_MS)
    assert replay.stage_times_ms[0] == PULL_START_MS
    assert list(replay.stage_times_ms) == sorted(replay.stage_times_ms)
    assert replay.stage_times_ms[1:] == tuple(replay.pulse_start_ms + f * REFLEX_LATENCY_MS for f in PULSE_STAGE_FRACTIONS[1:])
    assert replay.stage_times_ms[-1] == replay.pulse_end_ms  # the muscle lights up when the signal arrives


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_one_signal_per_spindle_impulse(choice):
    """The clicks: as many signals as the firing rate integrates to, and the
    gaps between them shrink as the rate rises."""
    run = run_choice(*parse_choice(choice))
    replay = replay_of(choice)
    inside = (run.time_ms >= replay.start_ms) & (run.time_ms <= replay.end_ms)
    expected = np.sum(run.firing_imp_s[inside][1:]) * (run.time_ms[1] - run.time_ms[0]) / 1000.0
    assert len(replay.signal_times_ms) == int(np.floor(expected))
    gaps = np.diff(replay.signal_times_ms)
    assert gaps.min() >= 1000.0 / run.peak_firing_imp_s - 1.0  # ms, never faster than the peak rate
    slow = next(s for s in replay.signal_times_ms if s >= replay.start_ms)
    assert slow < PULL_START_MS  # the model's resting rate clicks before the pull too


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_window_and_phases_follow_the_model(choice):
    run = run_choice(*parse_choice(choice))
    replay = replay_of(choice)
    assert replay.start_ms == PULL_START_MS - LEAD_IN_MS
    assert replay.end_ms >= run.pull_end_ms  # the dashed muscle reaches its full stretch
    assert replay.contraction[-1] < 0.05  # the contraction has faded
    assert replay.seconds_on_screen == pytest.approx((replay.end_ms - replay.start_ms) * SLOWDOWN / 1000)
    kind = outcome_kind(run)
    keys = [p.caption_key for p in replay.phases]
    assert keys == ["stretch", "tighten_calm" if kind == "calm" else "tighten_strong", f"end_{kind}"]
    starts = [p.start_ms for p in replay.phases]
    assert starts == sorted(starts) and starts[0] == replay.start_ms and starts[1] == replay.pulse_end_ms
    assert starts[2] >= run.peak_with_time_ms  # the outcome is told once the stretch has peaked
    assert starts[2] < replay.end_ms


def test_slowed_down_twenty_times_and_the_default_ends_within_ten_seconds():
    assert SLOWDOWN == 20  # a 300 ms event lasts 6 s
    assert replay_of(DEFAULT_CHOICE).seconds_on_screen < 8.0


def test_final_frame_is_the_picture_of_the_models_last_moment():
    replay = replay_of(DEFAULT_CHOICE)
    sent = all_payloads()[DEFAULT_CHOICE]
    last = Moment(sent["stretch"][-1], sent["free"][-1], sent["rate"][-1], sent["force"][-1])
    at = place(last)
    assert at.ghost_shown  # without the reflex the muscle went on, into the tearing zone
    assert at.belly_sx < at.ghost_sx
    assert last.stretch_mm == pytest.approx(replay.stretch_with_mm[-1], abs=0.005)


def test_payload_is_plain_json_and_small():
    text = json.dumps(all_payloads())
    assert len(text) < 60_000  # bytes, for all nine choices, sent with each render
    assert payload(replay_of(DEFAULT_CHOICE)) == all_payloads()[DEFAULT_CHOICE]

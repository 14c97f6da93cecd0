"""More checks of the stretch-reflex model (explainer/reflex/model.py), written where mutation
testing (`make mutate`) showed the model could change without any test noticing: the scalar
fast path of the firing equation, the time step, the reflex delay to the step, the bounds
of the contraction, and the run's record of its own inputs. Numbers in mm, ms, imp/s."""
import numpy as np
import pytest

from explainer.reflex import model as ph
from explainer.reflex.model import Distance, Speed, simulate_stretch, spindle_ia_rate

#: Stretch velocity (mm/s, negative = shortening) at which the published equation gives
#: exactly ``rate`` imp/s with no stretch: 4.3 * sign(v) * |v|**0.6 + 82 = rate.
def _velocity_for(rate: float) -> float:
    gap = rate - ph.SPINDLE_RESTING_RATE
    return float(np.sign(gap) * (abs(gap) / ph.SPINDLE_VELOCITY_GAIN) ** (1 / ph.SPINDLE_VELOCITY_EXPONENT))


@pytest.mark.parametrize("v", [-5000.0, -400.0, -50.0, -0.5, 0.0, 0.5, 1.0, 7.0, 100.0, 300.0, 2000.0])
@pytest.mark.parametrize("d", [0.0, 0.4, 10.0, 35.0])
def test_scalar_fast_path_is_the_published_equation(v, d):
    # The simulation's inner loop uses ph._rate; it must give what spindle_ia_rate gives.
    assert ph._rate(v, d) == pytest.approx(spindle_ia_rate(v, d), abs=1e-9)


def test_firing_floor_is_exactly_zero_and_small_rates_are_kept():
    v_half = _velocity_for(0.5)  # a shortening muscle whose firing has almost stopped
    assert spindle_ia_rate(v_half, 0.0) == pytest.approx(0.5, abs=1e-6)
    assert ph._rate(v_half, 0.0) == pytest.approx(0.5, abs=1e-6)
    assert ph._rate(-10_000.0, 0.0) == 0.0
    assert ph._rate(0.0, 0.0) == ph.SPINDLE_RESTING_RATE
    assert ph._rate(1.0, 0.0) == pytest.approx(86.3)  # 4.3 * 1**0.6 + 82
    assert ph._rate(-1.0, 0.0) == pytest.approx(77.7)


def test_a_run_records_its_inputs_and_every_series_shares_one_time_axis():
    run = simulate_stretch(200.0, 20.0, latency_ms=60.0)
    assert (run.velocity_mm_s, run.distance_mm, run.latency_ms) == (200.0, 20.0, 60.0)
    n = int(ph.DURATION_MS / ph.DT_MS) + 1
    for series in (run.time_ms, run.stretch_with_reflex_mm, run.stretch_without_reflex_mm,
                   run.firing_imp_s, run.contraction):
        assert isinstance(series, np.ndarray) and series.shape == (n,)
    assert run.time_ms[1] - run.time_ms[0] == ph.DT_MS


@pytest.mark.parametrize("dt_ms", [0.5, 2.0])
def test_the_time_step_changes_the_resolution_not_the_story(dt_ms):
    fine = simulate_stretch(300.0, 40.0)  # the model's own 1 ms step
    run = simulate_stretch(300.0, 40.0, dt_ms=dt_ms)
    assert run.time_ms[-1] == ph.DURATION_MS and run.time_ms.size == int(ph.DURATION_MS / dt_ms) + 1
    assert np.diff(run.time_ms) == pytest.approx(dt_ms)
    assert run.peak_without_mm == pytest.approx(40.0, abs=1e-6)  # the whole pull, whatever the step
    assert run.peak_with_mm == pytest.approx(fine.peak_with_mm, abs=1.5)  # mm
    assert run.contraction_onset_ms == pytest.approx(fine.contraction_onset_ms, abs=2 * dt_ms + 1)  # ms


def test_the_pull_lasts_distance_over_speed_and_the_stretch_is_held_after():
    run = simulate_stretch(100.0, 20.0)  # 20 mm at 100 mm/s: 200 ms, from PULL_START_MS
    end = ph.PULL_START_MS + 200.0
    free = run.stretch_without_reflex_mm
    assert free[run.time_ms <= ph.PULL_START_MS].max() == 0.0
    assert free[run.time_ms == end][0] == pytest.approx(20.0, abs=1e-9)
    assert free[run.time_ms == end - 100.0][0] == pytest.approx(10.0, abs=1e-9)  # at 100 mm/s: 10 mm after 100 ms
    assert np.all(free[run.time_ms >= end] == free[-1]) and free[-1] == pytest.approx(20.0)
    # With the reflex, once the pull has stopped the tightened muscle takes back part of its
    # stretch (the model's pull-back): it shortens steadily and never goes below rest.
    held = run.stretch_with_reflex_mm[run.time_ms >= end]
    assert np.all(np.diff(held) <= 0.0) and held[-1] < held[0] and held[-1] > 0.0


def test_the_reflex_answers_exactly_one_latency_after_the_spindles_pass_the_onset_rate():
    for latency in (20.0, 50.0, 79.0):
        run = simulate_stretch(300.0, 40.0, latency_ms=latency)
        fired = int(np.flatnonzero(run.firing_imp_s > ph.REFLEX_ONSET_RATE)[0])
        tightened = int(np.flatnonzero(run.contraction > 0.0)[0])
        # the step that reads a firing value `latency` earlier, and updates the step after it
        assert tightened - fired == int(latency / ph.DT_MS) + 1


def test_contraction_stays_a_fraction_of_full_strength():
    for s in Speed:
        for d in Distance:
            run = simulate_stretch(ph.SPEED_MM_S[s], ph.DISTANCE_MM[d])
            assert run.contraction.min() >= 0.0
            assert run.contraction.max() <= 1.0
            assert run.stretch_with_reflex_mm.min() >= 0.0
            pulling = run.time_ms <= ph.PULL_START_MS + ph.DISTANCE_MM[d] / ph.SPEED_MM_S[s] * 1000.0
            # While the pull lasts the reflex slows the stretch, never reverses it.
            assert np.all(np.diff(run.stretch_with_reflex_mm[pulling]) >= 0.0)


def test_no_firing_above_onset_means_no_contraction():
    run = simulate_stretch(1.0, 2.0)  # 1 mm/s: firing stays near rest, far below the onset rate
    assert run.peak_firing_imp_s < ph.REFLEX_ONSET_RATE
    assert run.peak_contraction == 0.0
    assert run.peak_with_mm == pytest.approx(run.peak_without_mm)


def test_a_full_drive_contraction_approaches_full_strength_at_the_time_constant():
    run = simulate_stretch(300.0, 40.0)
    fired = int(np.flatnonzero(run.contraction > 0.0)[0])
    # With full drive, a = 1 - (1 - 1/tau)**k after k steps: about 63 % after one time constant.
    k = int(ph.CONTRACTION_TIME_CONSTANT_MS / ph.DT_MS)
    assert run.contraction[fired + k - 1] == pytest.approx(1 - (1 - ph.DT_MS / ph.CONTRACTION_TIME_CONSTANT_MS) ** k, abs=0.03)


@pytest.mark.parametrize("velocity, distance", [(0.5, 10.0), (100.0, 0.0), (100.0, 0.5)])
def test_slow_and_tiny_pulls_are_valid(velocity, distance):
    run = simulate_stretch(velocity, distance)
    assert run.peak_without_mm <= distance + 1e-9


@pytest.mark.parametrize("velocity, distance", [(0.0, 10.0), (-1.0, 10.0), (100.0, -0.1)])
def test_bad_input_is_refused_with_a_reason(velocity, distance):
    with pytest.raises(ValueError, match="^velocity must be positive and distance not negative$"):
        simulate_stretch(velocity, distance)


def test_run_choice_is_the_simulation_of_the_named_choice():
    run = ph.run_choice("quick", "medium")
    assert (run.velocity_mm_s, run.distance_mm) == (ph.SPEED_MM_S[Speed.QUICK], ph.DISTANCE_MM[Distance.MEDIUM])
    fresh = simulate_stretch(ph.SPEED_MM_S[Speed.QUICK], ph.DISTANCE_MM[Distance.MEDIUM])
    assert np.array_equal(run.stretch_with_reflex_mm, fresh.stretch_with_reflex_mm)

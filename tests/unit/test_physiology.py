"""The stretch-reflex model: the Prochazka & Gorassini firing equation and the
behaviours the page promises, asserted with numbers and units."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

from explainer.common.sources import source_ids
from explainer.reflex import model as ph
from explainer.reflex.model import Distance, Speed, run_choice, simulate_stretch, spindle_ia_rate


def test_firing_equation_matches_the_published_model():
    # 4.3 * 100**0.6 + 2 * 10 + 82 = 4.3 * 15.849 + 102 = 170.15 imp/s
    assert spindle_ia_rate(100.0, 10.0) == pytest.approx(170.15, abs=0.01)
    assert spindle_ia_rate(0.0, 0.0) == pytest.approx(82.0)
    assert isinstance(spindle_ia_rate(1.0, 1.0), float)


def test_firing_never_below_zero_and_falls_when_the_muscle_shortens():
    assert spindle_ia_rate(-2000.0, 0.0) == 0.0
    assert spindle_ia_rate(-50.0, 0.0) < 82.0


def test_firing_works_elementwise_on_arrays():
    v = np.array([0.0, 100.0, -5000.0])
    d = np.array([0.0, 10.0, 0.0])
    out = spindle_ia_rate(v, d)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    assert out == pytest.approx([82.0, 170.15, 0.0], abs=0.01)


@given(st.floats(0, 1000), st.floats(0, 1000), st.floats(0, 60))
def test_firing_never_falls_as_the_stretch_gets_faster(v1, v2, d):
    low, high = sorted((v1, v2))
    assert spindle_ia_rate(high, d) >= spindle_ia_rate(low, d)
    assert spindle_ia_rate(low, d) >= 0.0


def test_firing_grows_about_as_the_square_root_of_speed():
    # The velocity term alone (d = 0, minus the resting rate): doubling the
    # speed multiplies it by 2**0.6 = 1.52, not by 2.
    term = lambda v: spindle_ia_rate(v, 0.0) - ph.SPINDLE_RESTING_RATE  # noqa: E731
    for v in (10.0, 100.0, 300.0):
        assert term(2 * v) / term(v) == pytest.approx(2**0.6, rel=1e-9)


def test_speed_matters_more_than_distance_on_screen():
    """The page's claim, for its own choices: changing only the speed changes
    the spindles' peak firing more than changing only the distance does."""
    peak = {(s, d): run_choice(s, d).peak_firing_imp_s for s in Speed for d in Distance}
    by_speed = [max(peak[s, d] for s in Speed) - min(peak[s, d] for s in Speed) for d in Distance]
    by_distance = [max(peak[s, d] for d in Distance) - min(peak[s, d] for d in Distance) for s in Speed]
    assert min(by_speed) > 2 * max(by_distance)  # 58 vs 24 imp/s


def test_constants_name_real_sources():
    ids = source_ids()
    assert ph.SPINDLE_SOURCE in ids
    assert set(ph.LATENCY_SOURCES) <= ids


def test_latency_is_the_fast_loop_not_the_whole_trunk_reaction():
    """The model's 50 ms is the spinal loop: inside the limbs' measured 20-50 ms
    (pruszynski2012), and faster than the back's whole reaction to a sudden
    load (79 ms, jbiomech2004), which the page states separately."""
    assert ph.REFLEX_LATENCY_MS == 50.0
    low, high = ph.LIMB_SHORT_LATENCY_RANGE_MS
    assert low <= ph.REFLEX_LATENCY_MS <= high
    assert ph.ERECTOR_SPINAE_ONSET_MS > ph.REFLEX_LATENCY_MS


def test_every_pull_without_the_reflex_reaches_its_full_distance():
    for s in Speed:
        for d in Distance:
            assert run_choice(s, d).peak_without_mm == pytest.approx(ph.DISTANCE_MM[d], abs=0.01)


@pytest.mark.parametrize("speed", list(Speed))
def test_large_pull_enters_tearing_zone_without_reflex_but_stops_short_with_it(speed):
    run = run_choice(speed, Distance.LARGE)
    assert run.peak_without_mm > ph.TEAR_THRESHOLD_MM  # 40 mm > 35 mm
    assert run.peak_with_mm < ph.TEAR_THRESHOLD_MM - 3.0  # at least 3 mm short
    assert run.strong_contraction


def test_sudden_large_pull_numbers():
    run = run_choice(Speed.SUDDEN, Distance.LARGE)
    assert run.peak_with_mm < 25.0  # mm, against a 35 mm tearing zone
    assert run.margin_with_mm > 10.0  # mm short of the zone
    assert run.depth_without_mm == pytest.approx(5.0, abs=0.01)  # mm into the zone
    assert run.peak_firing_imp_s > 230.0  # imp/s
    assert run.peak_contraction > 0.9  # of full strength


@pytest.mark.parametrize("distance", list(Distance))
def test_fast_pulls_never_reach_the_tearing_zone_with_the_reflex(distance):
    for speed in (Speed.QUICK, Speed.SUDDEN):
        assert not run_choice(speed, distance).tears_with_reflex


def test_slow_small_pull_causes_little_firing_and_no_strong_contraction():
    run = run_choice(Speed.SLOW, Distance.SMALL)
    assert run.peak_firing_imp_s < 170.0  # imp/s (82 at rest; a sudden pull passes 220)
    assert run.peak_contraction < 0.10  # under 10 % of full strength
    assert not run.strong_contraction


def test_faster_pull_means_more_firing_at_the_same_distance():
    rates = [run_choice(s, Distance.MEDIUM).peak_firing_imp_s for s in (Speed.SLOW, Speed.QUICK, Speed.SUDDEN)]
    assert rates == sorted(rates) and rates[2] - rates[0] > 50.0  # imp/s


def test_no_contraction_before_the_latency_has_passed():
    run = run_choice(Speed.SUDDEN, Distance.LARGE)
    before = run.time_ms < ph.PULL_START_MS + ph.REFLEX_LATENCY_MS
    assert run.contraction[before].max() < 0.01
    assert ph.REFLEX_LATENCY_MS <= run.contraction_onset_ms <= ph.REFLEX_LATENCY_MS + 10.0  # ms


@pytest.mark.parametrize("latency_ms", [20.0, 79.0, 88.0])
def test_protection_holds_across_the_real_latency_range(latency_ms):
    # The erector spinae measured 79 +/- 9 ms (jbiomech2004): the message must not
    # depend on the model's fast 50 ms choice.
    for s in Speed:
        run = simulate_stretch(ph.SPEED_MM_S[s], ph.DISTANCE_MM[Distance.LARGE], latency_ms=latency_ms)
        assert run.peak_with_mm < ph.TEAR_THRESHOLD_MM


def test_every_pull_fits_inside_the_time_shown():
    slowest_end = ph.PULL_START_MS + max(ph.DISTANCE_MM.values()) / min(ph.SPEED_MM_S.values()) * 1000
    assert slowest_end < ph.DURATION_MS
    run = run_choice(Speed.SLOW, Distance.SMALL)
    assert run.time_ms[0] == 0.0 and run.time_ms[-1] == ph.DURATION_MS


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        simulate_stretch(0.0, 10.0)


def test_while_pulled_the_muscle_only_lengthens_then_it_pulls_back():
    for s in Speed:
        for d in Distance:
            run = run_choice(s, d)
            pulled = run.time_ms <= run.pull_end_ms
            assert np.all(np.diff(run.stretch_with_reflex_mm[pulled]) >= -1e-9)
            assert np.all(np.diff(run.stretch_without_reflex_mm) >= -1e-9)  # nothing pulls it back
            assert run.stretch_with_reflex_mm.min() >= 0.0
            if run.strong_contraction:
                assert run.pull_back_mm > 1.0  # mm taken back once the pull stopped
                assert run.final_with_mm == pytest.approx(run.stretch_with_reflex_mm[~pulled][-1])


def test_pull_back_follows_the_equation_after_the_pull():
    """dx/dt = -a * x / TAU_R once the pull has stopped (one model step)."""
    run = run_choice(Speed.SUDDEN, Distance.LARGE)
    i = int(np.searchsorted(run.time_ms, run.pull_end_ms)) + 5
    dt_s = (run.time_ms[i + 1] - run.time_ms[i]) / 1000.0
    x, a = run.stretch_with_reflex_mm[i], run.contraction[i + 1]
    expected = x - a * x * (1000.0 / ph.RETURN_TIME_CONSTANT_MS) * dt_s
    assert run.stretch_with_reflex_mm[i + 1] == pytest.approx(expected, rel=1e-9)

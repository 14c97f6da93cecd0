"""The hot-bath illustration (explainer.timeline): the properties the screen's story relies on."""
import pytest
from hypothesis import given, strategies as st

from explainer import timeline as tl
from explainer.timeline import BATH_DAYS, DAYS, TREAT_DAYS, recovery_timeline


def test_all_values_within_0_to_10_for_every_on_screen_choice():
    for bath in BATH_DAYS:
        for treat in TREAT_DAYS:
            line = recovery_timeline(bath, treat)
            assert len(line.days) == DAYS * tl.SAMPLES_PER_DAY + 1
            assert line.days[0] == 0 and line.days[-1] == DAYS
            for series in (line.ordinary, line.disc):
                assert all(0.0 <= v <= 10.0 for v in series)


@given(t=st.floats(0, DAYS), bath=st.integers(0, DAYS), treat=st.integers(0, DAYS))
def test_pain_always_on_the_0_to_10_scale(t, bath, treat):
    assert 0.0 <= tl.ordinary_pain(t, bath) <= 10.0
    assert 0.0 <= tl.disc_pain(t, bath, treat) <= 10.0


@pytest.mark.parametrize("bath", [d for d in BATH_DAYS if d])
def test_heat_dips_then_recovers_in_the_disc_story(bath):
    without, with_bath = recovery_timeline(0, 0), recovery_timeline(bath, 0)
    # Just after the bath: clearly less pain (a visible dip on the chart).
    assert with_bath.at("disc", bath) <= without.at("disc", bath) * (1 - tl.HEAT_RELIEF) + 1e-9
    assert without.at("disc", bath) - with_bath.at("disc", bath) > 1.0
    # Before the bath nothing changes; two days later the spasms are back as before.
    assert with_bath.at("disc", bath - 0.5) == without.at("disc", bath - 0.5)
    assert with_bath.at("disc", bath + 2) == pytest.approx(without.at("disc", bath + 2), abs=0.05)
    # ...and they still come back to the same peak after the bath.
    assert with_bath.range_between("disc", bath + 1, DAYS)[1] == pytest.approx(max(without.disc), abs=0.05)


def test_heat_relieves_the_ordinary_spasm_for_a_while_too():
    without, with_bath = recovery_timeline(0, 0), recovery_timeline(6, 0)
    assert with_bath.at("ordinary", 6) < without.at("ordinary", 6) * 0.6
    assert with_bath.at("ordinary", 8) == pytest.approx(without.at("ordinary", 8), abs=0.05)


def test_without_treatment_the_disc_spasms_keep_returning_for_three_weeks():
    line = recovery_timeline(0, 0)
    last_week_low, last_week_high = line.range_between("disc", DAYS - 7, DAYS)
    assert last_week_high >= 7.5  # a spasm still comes in week 3
    assert last_week_low >= 4.0  # and the nerve pain never settles between them
    # It comes back more than once (peaks every few days).
    peaks = [d for i, d in enumerate(line.days[1:-1], start=1) if line.disc[i - 1] < line.disc[i] >= line.disc[i + 1]]
    assert len(peaks) >= 5


@pytest.mark.parametrize("treat", [d for d in TREAT_DAYS if d])
def test_treatment_lowers_the_disc_curve_and_it_settles(treat):
    untreated, treated = recovery_timeline(0, 0), recovery_timeline(0, treat)
    before = [d for d in treated.days if d < treat]
    after = [i for i, d in enumerate(treated.days) if d > treat]
    assert all(treated.at("disc", d) == untreated.at("disc", d) for d in before)
    assert all(treated.disc[i] <= untreated.disc[i] for i in after)
    assert sum(treated.disc[i] for i in after) < 0.6 * sum(untreated.disc[i] for i in after)
    # A week after treatment the spasms no longer return above 3 out of 10.
    if treat + 7 <= DAYS:
        assert treated.range_between("disc", treat + 7, DAYS)[1] < 3.0


def test_treatment_does_not_change_the_ordinary_story():
    assert recovery_timeline(0, 10).ordinary == recovery_timeline(0, 0).ordinary


def test_ordinary_spasm_fades_within_about_two_weeks():
    line = recovery_timeline(0, 0)
    assert line.ordinary[0] == tl.ORDINARY_START
    assert line.at("ordinary", 14) < tl.ORDINARY_DAY14_BELOW
    assert line.at("ordinary", 7) < line.ordinary[0] / 2  # well on the way after a week
    assert all(b <= a for a, b in zip(line.ordinary, line.ordinary[1:]))  # no bath: only ever falls


def test_bad_days_are_refused():
    with pytest.raises(ValueError):
        recovery_timeline(-1, 0)
    with pytest.raises(ValueError):
        recovery_timeline(0, DAYS + 1)

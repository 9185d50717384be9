import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from essaim.evidence.survival import (
    count_by_time,
    kaplan_meier,
    kaplan_meier_from_counts,
    median_survival,
    survival_at,
)

TOLERANCE = 1e-9


def assert_matches_lifelines(durations, events):
    curve = kaplan_meier(durations, events)
    fitter = KaplanMeierFitter().fit(durations, events)
    times = list(fitter.survival_function_.index)
    assert [p.t for p in curve] == times
    estimates = fitter.survival_function_.iloc[:, 0].tolist()
    lowers = fitter.confidence_interval_.iloc[:, 0].tolist()
    uppers = fitter.confidence_interval_.iloc[:, 1].tolist()
    at_risk = fitter.event_table["at_risk"].tolist()
    for point, estimate, lower, upper, n in zip(curve, estimates, lowers, uppers, at_risk, strict=True):
        assert math.isclose(point.estimate, estimate, rel_tol=0, abs_tol=TOLERANCE)
        assert math.isclose(point.lower, lower, rel_tol=0, abs_tol=TOLERANCE)
        assert math.isclose(point.upper, upper, rel_tol=0, abs_tol=TOLERANCE)
        assert point.at_risk == n


def test_hand_computed_example():
    curve = kaplan_meier([3, 3, 5, 7, 7, 9], [1, 0, 1, 1, 1, 0])
    assert [(p.t, p.at_risk, p.events, p.censored) for p in curve] == [
        (0.0, 6, 0, 0),
        (3.0, 6, 1, 1),
        (5.0, 4, 1, 0),
        (7.0, 3, 2, 0),
        (9.0, 1, 0, 1),
    ]
    assert [round(p.estimate, 6) for p in curve] == [1.0, 0.833333, 0.625, 0.208333, 0.208333]
    assert round(curve[1].lower, 6) == 0.273123
    assert round(curve[1].upper, 6) == 0.974712
    # Greenwood: S² Σ d/(n(n−d)) at t=5 = 0.625² × (1/30 + 1/12)
    assert math.isclose(curve[2].variance, 0.625**2 * (1 / 30 + 1 / 12), abs_tol=1e-12)
    assert_matches_lifelines([3, 3, 5, 7, 7, 9], [1, 0, 1, 1, 1, 0])


def test_everyone_ceases_gives_zero_with_zero_bounds():
    curve = kaplan_meier([0, 3], [1, 1])
    assert [(p.t, p.estimate) for p in curve] == [(0.0, 0.5), (3.0, 0.0)]
    assert (curve[1].lower, curve[1].upper) == (0.0, 0.0)
    assert_matches_lifelines([0, 3], [1, 1])


def test_all_censored_stays_at_one():
    curve = kaplan_meier([2, 4, 4], [0, 0, 0])
    assert [(p.estimate, p.lower, p.upper) for p in curve] == [(1.0, 1.0, 1.0)] * 3


def test_empty_input_gives_empty_curve():
    assert kaplan_meier([], []) == []


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        kaplan_meier([1, -2], [1, 1])
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [1])


def test_counts_and_raw_input_agree():
    durations = [5, 1, 1, 8, 8, 8, 2]
    events = [1, 0, 1, 1, 0, 1, 0]
    rows = count_by_time(durations, events)
    assert rows == [(1, 1, 1), (2, 0, 1), (5, 1, 0), (8, 2, 1)]
    shuffled = [(8, 1, 0), (1, 1, 1), (8, 1, 1), (2, 0, 1), (5, 1, 0)]
    assert kaplan_meier_from_counts(shuffled) == kaplan_meier(durations, events)


def test_survival_at_and_median():
    curve = kaplan_meier([3, 3, 5, 7, 7, 9], [1, 0, 1, 1, 1, 0])
    assert survival_at(curve, 6).t == 5.0
    assert survival_at(curve, 9).t == 9.0
    assert survival_at(curve, 10) is None
    assert survival_at([], 1) is None
    assert median_survival(curve) == 7.0
    assert median_survival(kaplan_meier([1, 2], [0, 0])) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=40), st.booleans()),
        min_size=1,
        max_size=80,
    )
)
def test_matches_lifelines_on_random_integer_data_with_ties(subjects):
    durations = [d for d, _e in subjects]
    events = [e for _d, e in subjects]
    assert_matches_lifelines(durations, events)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0.01, max_value=3650, allow_nan=False), st.booleans()),
        min_size=1,
        max_size=60,
    )
)
def test_matches_lifelines_on_random_real_durations(subjects):
    assert_matches_lifelines([d for d, _e in subjects], [e for _d, e in subjects])

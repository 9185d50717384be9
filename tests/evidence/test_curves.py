"""Survival curves by scope (essaim/evidence/curves.py), in full inside the programme and
protected outside: small groups, their complements, thin tails, periods in blocks."""

import pytest

from essaim.evidence.curves import survival_curves
from essaim.evidence.privacy import MASKED, SMALL
from essaim.evidence.scopes import Period, ScopeError, parse_scope
from essaim.evidence.survival import kaplan_meier
from tests.evidence.test_selectors import SPECS, _cohort
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_survival_curve_matches_raw_kaplan_meier_and_breakdowns():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS)
    scope = parse_scope(f"programme:{programme.slug}")
    [curve] = survival_curves(scope, Period(), inside=True)
    expected = kaplan_meier([70, 20, 61, 36, 12, 48], [0, 1, 0, 1, 0, 0])
    assert curve.points == expected
    assert curve.n == 6
    by_cohort = survival_curves(scope, Period(), inside=True, by="cohort")
    assert [(c.label, c.n) for c in by_cohort] == [("2015", 2), ("2016", 2), ("2017", 2)]
    outside = survival_curves(scope, Period(), inside=False, by="cohort")
    assert [(c.n, c.suppressed, c.points) for c in outside] == [(SMALL, True, [])] * 3
    by_place = survival_curves(parse_scope("territory:region:76"), Period(), inside=True, by="territory")
    assert [(c.label, c.n) for c in by_place] == [("Hérault", 6)]
    with pytest.raises(ScopeError):
        survival_curves(scope, Period(), inside=True, by="colour")


def test_survival_by_programme_hides_the_complement_of_a_small_programme():
    """Issue 16: the overall curve (9 enterprises) minus programme A's (6) gave programme B's
    three back, and its whole curve with them. A is hidden too, both read "masqué"."""
    a, b = ProgrammeFactory(name="A"), ProgrammeFactory(name="B")
    _cohort(a, "34172", SPECS)
    _cohort(b, "31555", SPECS[:3])
    region = parse_scope("territory:region:76")
    [overall] = survival_curves(region, Period(), inside=False)
    assert overall.n == 9
    by_programme = survival_curves(region, Period(), inside=False, by="programme")
    assert [(c.label, c.n, c.suppressed, c.points) for c in by_programme] == [
        ("A", MASKED, True, []),
        ("B", MASKED, True, []),
    ]
    inside = survival_curves(parse_scope(f"programme:{a.slug}"), Period(), inside=True, by="programme")
    assert [(c.label, c.n) for c in inside] == [("A", 6)]


def test_a_thin_tail_is_not_given_back_by_the_overall_curve():
    """Programmes of 6 and 12 enterprises: A's curve stops at 36 months (4 observed); the overall
    curve (12 observed at 36) minus B's (8) would give A's 4 back, so B stops there too."""
    a, b = ProgrammeFactory(name="A"), ProgrammeFactory(name="B")
    _cohort(a, "34172", SPECS)
    _cohort(b, "34172", SPECS * 2)
    region = parse_scope("territory:region:76")
    curves = {c.label: c for c in survival_curves(region, Period(), inside=False, by="programme")}
    assert (curves["A"].n, curves["B"].n) == (6, 12)
    assert [(p.t, p.at_risk) for p in curves["A"].points] == [(0.0, 6), (12.0, 6), (20.0, 5)]
    assert [(p.t, p.at_risk) for p in curves["B"].points] == [(0.0, 12), (12.0, 12), (20.0, 10)]
    [overall] = survival_curves(region, Period(), inside=False)
    assert [p.t for p in overall.points] == [0.0, 12.0, 20.0, 36.0, 48.0, 61.0]


def test_a_period_from_outside_is_widened_and_its_curve_stops_at_the_blocks_horizon():
    programme = ProgrammeFactory()
    _cohort(programme, "34172", SPECS * 2)  # 4 enterprises per cohort 2015, 2016, 2017
    region = parse_scope("territory:region:76")
    [curve] = survival_curves(region, Period(2017, 2017), inside=False)
    assert curve.n == 12  # 4 a year: one block, 2015–2017
    inside = survival_curves(parse_scope(f"programme:{programme.slug}"), Period(2017, 2017), inside=True)
    assert inside[0].n == 4
    by_cohort = survival_curves(region, Period(2017, 2017), inside=False, by="cohort")
    assert [(c.label, c.n) for c in by_cohort] == [("2015", MASKED), ("2016", MASKED), ("2017", MASKED)]

from decimal import Decimal

from essaim.evidence.figures import (
    FunnelRow,
    Leverage,
    cost_per_enterprise,
    cost_per_job,
    funnel,
    funnel_from_counts,
    jobs_by_year,
    leverage,
    median_from_counts,
)


def test_median_from_counts():
    assert median_from_counts([]) is None
    assert median_from_counts([(10, 1)]) == 10
    assert median_from_counts([(10, 1), (20, 1)]) == 15
    assert median_from_counts([(30, 1), (10, 2), (20, 0)]) == 10
    assert median_from_counts([(1, 2), (5, 2)]) == 3
    assert median_from_counts([(1, 1), (2, 1), (9, 1)]) == 2


def test_funnel_counts_and_medians():
    visits = [
        ("selection", "passed", 10),
        ("selection", "passed", 30),
        ("selection", "dropped", 5),
        ("incubation", "ongoing", 100),
        ("incubation", "passed", 200),
    ]
    rows = funnel(visits, ["selection", "incubation", "creation"])
    assert rows == [
        FunnelRow("selection", entered=3, passed=2, dropped=1, ongoing=0, median_days=10),
        FunnelRow("incubation", entered=2, passed=1, dropped=0, ongoing=1, median_days=200),
        FunnelRow("creation", entered=0, passed=0, dropped=0, ongoing=0, median_days=None),
    ]
    assert rows[0].pass_rate == 2 / 3
    assert rows[2].pass_rate is None


def test_funnel_from_counts_keeps_unknown_stages_at_the_end():
    rows = funnel_from_counts([("x", "passed", 4, 3), ("a", "dropped", 2, 1)], ["a"])
    assert [(r.stage, r.entered, r.median_days) for r in rows] == [("a", 1, 2), ("x", 3, 4)]


def test_leverage():
    result = leverage(
        [
            ("public", Decimal("10000")),
            ("private", Decimal("25000")),
            (None, Decimal("999")),
            ("public", Decimal("5000")),
        ]
    )
    assert result == Leverage(public=Decimal("15000"), private=Decimal("25000"))
    assert result.ratio == Decimal("1.67")
    assert leverage([("private", Decimal(3))]).ratio is None


def test_cost_per_job():
    assert cost_per_job(Decimal("100000"), 8) == Decimal("12500")
    assert cost_per_job(Decimal("100000"), 0) is None
    assert cost_per_job(None, 3) is None


def test_cost_per_enterprise():
    assert cost_per_enterprise(Decimal("100000"), 3) == Decimal("33333")
    assert cost_per_enterprise(Decimal("100000"), 0) is None
    assert cost_per_enterprise(None, 3) is None


def test_jobs_by_year_uses_latest_observation_and_drops_ceased():
    observations = [
        ("a", 2019, 2.0, True),
        ("a", 2021, 3.5, True),
        ("b", 2020, 1.0, True),
        ("b", 2021, 0.0, False),
        ("c", 2023, 4.0, True),
    ]
    assert jobs_by_year(observations, [2018, 2019, 2020, 2021, 2022]) == [
        (2018, 0.0),
        (2019, 2.0),
        (2020, 3.0),
        (2021, 3.5),
        (2022, 3.5),
    ]

"""The economic model derived from budget lines: shares, diversification, trend."""

from decimal import Decimal

import pytest

from essaim.evidence.budgets import budget_year, diversification, group_shares, trend
from essaim.evidence.enums import BudgetGroup


def test_shares_group_the_sources_as_the_study_does():
    shares = group_shares(
        {
            "state": Decimal(30),
            "region": Decimal(20),
            "services": Decimal(25),
            "foundations": Decimal(15),
            "companies": Decimal(5),
            "contributions": Decimal(5),
        }
    )
    assert shares == {
        BudgetGroup.SUBSIDIES: 0.5,
        BudgetGroup.SERVICES: 0.25,
        BudgetGroup.CONTRIBUTIONS: 0.05,
        BudgetGroup.PRIVATE: 0.2,
        BudgetGroup.OTHER: 0.0,
    }


def test_diversification_is_one_minus_herfindahl_over_sources():
    assert diversification({"state": Decimal(100)}) == 0.0
    assert diversification({"state": Decimal(50), "services": Decimal(50)}) == pytest.approx(0.5)
    # 0.6² + 0.3² + 0.1² = 0.46
    assert diversification({"state": Decimal(60), "eu": Decimal(30), "other": Decimal(10)}) == pytest.approx(
        0.54
    )
    eleven = {
        source: Decimal(1)
        for source in [
            "state",
            "eu",
            "region",
            "departement",
            "epci",
            "commune",
            "services",
            "contributions",
            "foundations",
            "companies",
            "other",
        ]
    }
    assert diversification(eleven) == pytest.approx(1 - 1 / 11)
    assert diversification({"state": Decimal(0)}) is None


def test_a_year_with_nothing_has_no_shares():
    year = budget_year(2023, {"state": "0"})
    assert (year.total, year.shares, year.subsidies, year.earned, year.diversification) == (
        Decimal(0),
        {},
        None,
        None,
        None,
    )


def test_trend_from_subsidies_to_services_and_contributions():
    years = [
        budget_year(2024, {"state": "40", "services": "40", "contributions": "20"}),
        budget_year(2020, {"state": "80", "services": "20"}),
        budget_year(2022, {"state": "0"}),
    ]
    moved = trend(years)
    assert (moved.first, moved.last, moved.subsidies_points, moved.earned_points) == (2020, 2024, -40.0, 40.0)
    assert trend(years[:1]) is None
    assert trend([years[0], years[2]]) is None

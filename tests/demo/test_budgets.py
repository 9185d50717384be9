"""Demo budget lines (essaim/demo/budgets.py): the last four years of each demo programme by
source, adding up to the year's budget, drifting from subsidies to services; a second run
changes nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from essaim.audit.models import Event
from essaim.demo import accounts as accounts_demo
from essaim.demo import budgets as budgets_demo
from essaim.demo import evidence as evidence_demo
from essaim.demo import financing as financing_demo
from essaim.directory.models import Programme
from essaim.evidence.models import ProgrammeBudget, ProgrammeBudgetLine
from essaim.evidence.selectors import economic_model

pytestmark = pytest.mark.django_db
LOADED_ON = dt.date(2026, 6, 1)


@pytest.fixture
def demo(study):
    out = io.StringIO()
    accounts_demo.seed(stdout=out)
    financing_demo.seed(stdout=out)
    evidence_demo.seed(stdout=out, today=LOADED_ON)
    return out.getvalue()


def test_every_demo_programme_has_four_years_of_lines_adding_up_to_its_budget(demo):
    assert "Budgets par source : " in demo and "lignes écrites" in demo
    programme = Programme.objects.get(slug="alter-incub")
    model = economic_model(programme)
    assert [y.year for y in model.years] == [2025, 2024, 2023, 2022]
    for year in model.years:
        budget = ProgrammeBudget.objects.get(programme=programme, year=year.year)
        assert year.total == budget.amount
        assert len(year.lines) >= 5  # several public sources, services, contributions…
    assert model.trend.subsidies_points < 0 < model.trend.earned_points
    assert 0.5 < model.years[0].diversification < 0.91
    assert ProgrammeBudget.objects.filter(year=2021, lines__isnull=False).count() == 0


def test_a_second_run_writes_no_line(demo):
    lines = ProgrammeBudgetLine.objects.count()
    total = ProgrammeBudget.objects.aggregate(s=Sum("amount"))["s"]
    events = Event.objects.filter(object_type="evidence.programmebudgetline").count()
    out = io.StringIO()
    evidence_demo.seed(stdout=out, today=LOADED_ON)
    assert "Budgets par source : déjà en place." in out.getvalue()
    assert ProgrammeBudgetLine.objects.count() == lines
    assert ProgrammeBudget.objects.aggregate(s=Sum("amount"))["s"] == total
    assert Event.objects.filter(object_type="evidence.programmebudgetline").count() == events


def test_split_adds_up_exactly():
    percents = {"state": 33.3, "region": 33.3, "services": 33.4}
    amounts = budgets_demo.split(Decimal("100001"), percents)
    assert sum(amounts.values()) == Decimal("100001")


def test_study_shares_default_and_scaled():
    class P:
        share_public_funding = share_service_sales = share_member_contributions = share_private_funding = None

    assert budgets_demo.study_shares(P()) == budgets_demo.DEFAULT_SHARES
    P.share_public_funding, P.share_service_sales = 120, 80
    assert budgets_demo.study_shares(P()) == (60.0, 40.0, 0.0, 0.0)

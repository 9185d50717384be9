from decimal import Decimal

import pytest

from essaim.financing.enums import FunderKind, Instrument, ResourceStatus, money_side
from essaim.financing.selectors import funders_acting_in, funding_round, plan_is_closed, plan_totals
from essaim.financing.services import funder_create
from tests.factories.financing import (
    FinancingNeedFactory,
    FinancingPlanFactory,
    FinancingResourceFactory,
    FunderFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_plan_without_needs_is_not_closed():
    project = ProjectFactory()
    assert plan_is_closed(project) is False
    plan = FinancingPlanFactory(project=project)
    FinancingResourceFactory(plan=plan, amount=5000, status=ResourceStatus.PAID)
    assert plan_is_closed(project) is False


@pytest.mark.parametrize(
    ("statuses", "closed"),
    [
        ([ResourceStatus.GRANTED, ResourceStatus.PAID], True),
        ([ResourceStatus.GRANTED, ResourceStatus.REQUESTED], False),
        ([ResourceStatus.PAID, ResourceStatus.REFUSED], False),
        ([ResourceStatus.PLANNED, ResourceStatus.PAID], False),
    ],
)
def test_plan_is_closed_counts_granted_and_paid_only(statuses, closed):
    plan = FinancingPlanFactory()
    FinancingNeedFactory(plan=plan, amount=Decimal("6000"))
    FinancingNeedFactory(plan=plan, amount=Decimal("4000"))
    for status in statuses:
        FinancingResourceFactory(plan=plan, amount=Decimal("5000"), status=status)
    assert plan_is_closed(plan.project) is closed
    assert plan_totals(plan.project)[0] == Decimal("10000.00")


def test_plan_is_closed_when_secured_exceeds_needs_and_ignores_other_projects():
    plan = FinancingPlanFactory()
    FinancingNeedFactory(plan=plan, amount=Decimal("100.00"))
    FinancingResourceFactory(plan=plan, amount=Decimal("100.01"))
    other = FinancingPlanFactory()
    FinancingNeedFactory(plan=other, amount=Decimal("1000000"))
    assert plan_is_closed(plan.project) is True
    assert plan_is_closed(other.project) is False
    assert plan_totals(plan.project) == (Decimal("100.00"), Decimal("100.01"))


def test_funding_round_groups_by_funder(django_assert_num_queries):
    plan = FinancingPlanFactory()
    region = FunderFactory(name="Région Occitanie")
    bank = FunderFactory(name="Banque coopérative", kind=FunderKind.BANK)
    FinancingNeedFactory(plan=plan, amount=Decimal("50000"))
    FinancingResourceFactory(plan=plan, funder=region, amount=Decimal("20000"), status="granted")
    FinancingResourceFactory(plan=plan, funder=region, amount=Decimal("5000"), status="refused")
    FinancingResourceFactory(plan=plan, funder=bank, amount=Decimal("15000"), status="requested")
    FinancingResourceFactory(
        plan=plan, funder=None, instrument="founders", amount=Decimal("3000"), status="paid"
    )
    with django_assert_num_queries(2):
        result = funding_round(plan.project)
        names = [line.funder.name if line.funder else None for line in result.lines]
    assert sorted(names, key=str) == sorted(["Banque coopérative", "Région Occitanie", None], key=str)
    by_name = {line.funder.name if line.funder else None: line for line in result.lines}
    assert by_name["Région Occitanie"].asked == Decimal("25000")
    assert by_name["Région Occitanie"].secured == Decimal("20000")
    assert by_name["Région Occitanie"].refused == Decimal("5000")
    assert by_name["Banque coopérative"].pending == Decimal("15000")
    assert result.needs_total == Decimal("50000")
    assert result.secured == Decimal("23000")
    assert result.missing == Decimal("27000")
    assert result.is_closed is False
    # secured: 20,000 public (région), 3,000 private (founders); the bank loan is only requested
    assert result.leverage == Decimal("0.15")


def test_money_side():
    assert money_side(Instrument.GRANT, FunderKind.REGION) == "public"
    assert money_side(Instrument.HONOUR_LOAN, FunderKind.NETWORK) == "private"
    assert money_side(Instrument.BANK_LOAN, None) == "private"
    assert money_side(Instrument.GRANT, None) is None
    assert money_side(Instrument.EARNED_REVENUE, FunderKind.COMPANY) is None


def test_funders_acting_in_uses_containment():
    occitanie = funder_create(
        name="Région Occitanie", slug="region-76", kind="region", territories=["region:76"]
    )
    funder_create(name="Région IDF", slug="region-11", kind="region", territories=["region:11"])
    national = funder_create(
        name="France Active", slug="france-active", kind="network", territories=["national"]
    )
    assert list(funders_acting_in("departement", "34")) == [national, occitanie]

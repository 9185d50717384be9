from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from essaim.core.actors import SYSTEM
from essaim.financing.enums import FunderKind, Instrument, ResourceStatus, money_side
from essaim.financing.selectors import (
    funders_acting_in,
    funding_round,
    plan_for,
    plan_is_closed,
    plan_totals,
    resource_for,
)
from essaim.financing.services import funder_create
from tests.factories.accounts import MembershipFactory, UserFactory
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
        name="Région Occitanie", slug="region-76", kind="region", territories=["region:76"], by=SYSTEM
    )
    funder_create(name="Région IDF", slug="region-11", kind="region", territories=["region:11"], by=SYSTEM)
    national = funder_create(
        name="France Active", slug="france-active", kind="network", territories=["national"], by=SYSTEM
    )
    assert list(funders_acting_in("departement", "34")) == [national, occitanie]


def test_plan_for_scopes_and_manage():
    plan = FinancingPlanFactory()
    project = plan.project
    staff = MembershipFactory(organisation=project.programme.organisation).user
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    assert plan_for(staff, project.pk, manage=True) == plan
    assert plan_for(carrier, project.pk) == plan
    with pytest.raises(PermissionDenied):
        plan_for(carrier, project.pk, manage=True)
    for stranger in (MembershipFactory().user, UserFactory()):
        with pytest.raises(Http404):
            plan_for(stranger, project.pk)
    with pytest.raises(Http404):
        plan_for(staff, 999999)


def test_plan_for_a_project_without_plan_is_empty_and_unsaved(django_assert_num_queries):
    project = ProjectFactory()
    staff = MembershipFactory(organisation=project.programme.organisation).user
    plan = plan_for(staff, project.pk)
    assert (plan.pk, plan.project) == (None, project)
    with django_assert_num_queries(0):
        assert (funding_round(plan).needs, funding_round(plan).lines) == ([], [])
    with pytest.raises(Http404):
        resource_for(staff, project.pk, FinancingResourceFactory().pk)


def test_resource_for_goes_through_the_plan_of_the_project():
    mine = FinancingResourceFactory()
    project = mine.plan.project
    staff = MembershipFactory(organisation=project.programme.organisation).user
    sibling = FinancingResourceFactory(
        plan=FinancingPlanFactory(project=ProjectFactory(programme=project.programme))
    )
    assert resource_for(staff, project.pk, mine.pk, manage=True) == mine
    with pytest.raises(Http404):
        resource_for(staff, project.pk, sibling.pk, manage=True)
    assert resource_for(staff, sibling.plan.project_id, sibling.pk) == sibling

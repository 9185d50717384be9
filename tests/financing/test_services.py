import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder
from essaim.financing.services import (
    funder_create,
    need_add,
    need_update,
    parse_amount,
    resource_add,
    resource_set_status,
)
from tests.factories.financing import FinancingResourceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 500,50", Decimal("12500.50")),
        ("1\u202f000 €", Decimal("1000.00")),
        (3, Decimal("3.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_parse_amount_reads_french_numbers(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["douze", "", "1e400x", "NaN", "Infinity", None])
def test_parse_amount_refuses_non_numbers(text):
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert "n'est pas un montant" in exc.value.message_dict["amount"][0]


def test_parse_amount_refuses_negative_and_sub_cent():
    with pytest.raises(ValidationError) as exc:
        parse_amount("-5")
    assert exc.value.message_dict == {"amount": ["Le montant doit être positif ou nul."]}
    with pytest.raises(ValidationError):
        parse_amount("1,234")


def test_need_add_creates_plan_once():
    project = ProjectFactory()
    need_add(project=project, kind="investment", amount="8 000")
    need_add(project=project, kind="first_salaries", amount="12000,00")
    assert FinancingPlan.objects.count() == 1
    assert list(FinancingNeed.objects.values_list("kind", "amount")) == [
        ("investment", Decimal("8000.00")),
        ("first_salaries", Decimal("12000.00")),
    ]


def test_bad_need_saves_nothing():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        need_add(project=project, kind="investment", amount="beaucoup")
    with pytest.raises(ValidationError):
        need_add(project=project, kind="not-a-kind", amount="10")
    assert FinancingPlan.objects.count() == 0
    assert FinancingNeed.objects.count() == 0


def test_need_update_refuses_bad_amount_and_keeps_old_value():
    project = ProjectFactory()
    need = need_add(project=project, kind="investment", amount="10")
    with pytest.raises(ValidationError):
        need_update(need=need, amount="-1")
    need.refresh_from_db()
    assert need.amount == Decimal("10.00")


def test_resource_add_and_status_dates():
    project = ProjectFactory()
    funder = funder_create(
        name="Département de l'Hérault", slug="cd34", kind="departement", territories=["departement:34"]
    )
    resource = resource_add(
        project=project,
        instrument="grant",
        amount="5000",
        funder=funder,
        status="requested",
        requested_on=dt.date(2024, 3, 1),
    )
    resource_set_status(resource=resource, status="granted", on=dt.date(2024, 4, 2))
    resource.refresh_from_db()
    assert (resource.status, resource.decided_on) == ("granted", dt.date(2024, 4, 2))
    with pytest.raises(ValidationError) as exc:
        resource_set_status(resource=resource, status="paid", on=dt.date(2024, 1, 1))
    assert exc.value.message_dict == {"paid_on": ["Le versement ne peut pas précéder la décision."]}
    resource.refresh_from_db()
    assert resource.status == "granted"


def test_resource_bad_input_saves_nothing():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        resource_add(project=project, instrument="grant", amount="abc")
    with pytest.raises(ValidationError):
        resource_add(project=project, instrument="magic", amount="10")
    with pytest.raises(ValidationError):
        resource_add(
            project=project,
            instrument="grant",
            amount="10",
            requested_on=dt.date(2024, 5, 1),
            decided_on=dt.date(2024, 4, 1),
        )
    assert FinancingResource.objects.count() == 0
    assert FinancingPlan.objects.count() == 0


def test_resource_set_status_refuses_unknown():
    resource = FinancingResourceFactory()
    with pytest.raises(ValidationError):
        resource_set_status(resource=resource, status="maybe")


def test_funder_create_refuses_unknown_territory():
    with pytest.raises(ValidationError) as exc:
        funder_create(name="X", slug="x", kind="region", territories=["region:99"])
    assert exc.value.message_dict == {"territories": ["Territoire inconnu : region:99"]}
    assert Funder.objects.count() == 0

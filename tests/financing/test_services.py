import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from essaim.audit.models import Event
from essaim.core.actors import DEMO, SYSTEM
from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder
from essaim.financing.services import (
    funder_create,
    need_add,
    need_delete,
    need_update,
    resource_add,
    resource_delete,
    resource_set_status,
)
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.financing import FinancingNeedFactory, FinancingResourceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def staff_of(project):
    return MembershipFactory(organisation=project.programme.organisation).user


def test_need_add_creates_plan_once():
    project = ProjectFactory()
    staff = staff_of(project)
    need_add(project=project, kind="investment", amount="8 000", by=staff)
    need_add(project=project, kind="first_salaries", amount="12000,00", by=staff)
    assert FinancingPlan.objects.count() == 1
    assert list(FinancingNeed.objects.values_list("kind", "amount")) == [
        ("investment", Decimal("8000.00")),
        ("first_salaries", Decimal("12000.00")),
    ]
    events = Event.objects.filter(object_type="financing.financingneed").order_by("pk")
    assert [(e.action, e.actor_id, e.project_id, e.programme_id) for e in events] == [
        ("create", staff.pk, project.pk, project.programme_id)
    ] * 2
    assert events[0].changes == {
        "kind": [None, "investment"],
        "label": [None, ""],
        "amount": [None, "8000.00"],
    }


def test_bad_need_saves_nothing():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        need_add(project=project, kind="investment", amount="beaucoup", by=SYSTEM)
    with pytest.raises(ValidationError):
        need_add(project=project, kind="not-a-kind", amount="10", by=SYSTEM)
    assert FinancingPlan.objects.count() == 0
    assert FinancingNeed.objects.count() == 0
    assert Event.objects.count() == 0


def test_need_update_refuses_bad_amount_and_keeps_old_value():
    project = ProjectFactory()
    need = need_add(project=project, kind="investment", amount="10", by=SYSTEM)
    with pytest.raises(ValidationError):
        need_update(need=need, amount="-1", by=SYSTEM)
    need.refresh_from_db()
    assert need.amount == Decimal("10.00")


def test_need_update_and_delete_are_logged_with_their_changes():
    need = FinancingNeedFactory(amount=Decimal("10"))
    need.refresh_from_db()
    staff = staff_of(need.plan.project)
    need_update(need=need, amount="25", label="Four", by=staff)
    update = Event.objects.get(action="update")
    assert update.changes == {"label": ["", "Four"], "amount": ["10.00", "25.00"]}
    assert (
        update.sentence
        == f"{staff.full_name} a modifié « {need} » (besoin de financement) : précision, montant (€)."
    )
    need_delete(need=need, by=staff)
    assert FinancingNeed.objects.count() == 0
    assert Event.objects.get(action="delete").object_repr == "Investissements : 25.00 €"


@pytest.mark.parametrize("service", ["need_add", "resource_add"])
def test_only_the_programme_staff_change_the_plan(service):
    project = ProjectFactory()
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    add = {"need_add": need_add, "resource_add": resource_add}[service]
    values = {"kind": "investment"} if service == "need_add" else {"instrument": "grant"}
    for intruder in (carrier, MembershipFactory().user, UserFactory()):
        with pytest.raises(PermissionDenied):
            add(project=project, amount="10", by=intruder, **values)
    assert (FinancingPlan.objects.count(), Event.objects.count()) == (0, 0)


def test_need_update_and_deletes_are_refused_to_others():
    need = FinancingNeedFactory()
    resource = FinancingResourceFactory(plan=need.plan)
    other = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        need_update(need=need, amount="1", by=other)
    with pytest.raises(PermissionDenied):
        need_delete(need=need, by=other)
    with pytest.raises(PermissionDenied):
        resource_delete(resource=resource, by=other)
    assert (FinancingNeed.objects.count(), FinancingResource.objects.count()) == (1, 1)
    resource_delete(resource=resource, by=staff_of(need.plan.project))
    assert FinancingResource.objects.count() == 0


def test_resource_add_and_status_dates():
    project = ProjectFactory()
    staff = staff_of(project)
    funder = funder_create(
        name="Département de l'Hérault",
        slug="cd34",
        kind="departement",
        territories=["departement:34"],
        by=SYSTEM,
    )
    resource = resource_add(
        project=project,
        instrument="grant",
        amount="5000",
        funder=funder,
        status="requested",
        requested_on=dt.date(2024, 3, 1),
        by=staff,
    )
    resource_set_status(resource=resource, status="granted", on=dt.date(2024, 4, 2), by=staff)
    resource.refresh_from_db()
    assert (resource.status, resource.decided_on) == ("granted", dt.date(2024, 4, 2))
    with pytest.raises(ValidationError) as exc:
        resource_set_status(resource=resource, status="paid", on=dt.date(2024, 1, 1), by=staff)
    assert exc.value.message_dict == {"paid_on": ["Le versement ne peut pas précéder la décision."]}
    resource.refresh_from_db()
    assert resource.status == "granted"


def test_resource_bad_input_saves_nothing():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        resource_add(project=project, instrument="grant", amount="abc", by=SYSTEM)
    with pytest.raises(ValidationError):
        resource_add(project=project, instrument="magic", amount="10", by=SYSTEM)
    with pytest.raises(ValidationError):
        resource_add(
            project=project,
            instrument="grant",
            amount="10",
            requested_on=dt.date(2024, 5, 1),
            decided_on=dt.date(2024, 4, 1),
            by=SYSTEM,
        )
    assert FinancingResource.objects.count() == 0
    assert FinancingPlan.objects.count() == 0


def test_resource_set_status_refuses_unknown():
    resource = FinancingResourceFactory()
    with pytest.raises(ValidationError) as exc:
        resource_set_status(resource=resource, status="maybe", by=SYSTEM)
    assert exc.value.message_dict == {"status": ["Statut inconnu : maybe"]}


def test_resource_set_status_refuses_a_move_the_status_does_not_allow():
    resource = FinancingResourceFactory(status="paid")
    with pytest.raises(ValidationError) as exc:
        resource_set_status(resource=resource, status="requested", by=SYSTEM)
    assert exc.value.message_dict == {
        "status": ["Une ressource « Versée » ne peut pas passer à « Demandée »."]
    }
    resource.refresh_from_db()
    assert resource.status == "paid"
    assert Event.objects.count() == 0


def test_resource_set_status_is_refused_to_another_programme_and_to_the_carrier():
    resource = FinancingResourceFactory(status="requested")
    carrier = UserFactory(carrier=True)
    resource.plan.project.carriers.add(carrier)
    for intruder in (carrier, MembershipFactory().user):
        with pytest.raises(PermissionDenied):
            resource_set_status(resource=resource, status="granted", by=intruder)
    resource.refresh_from_db()
    assert resource.status == "requested"


def test_resource_set_status_is_one_logged_move_with_its_actor():
    resource = FinancingResourceFactory(status="requested")
    staff = staff_of(resource.plan.project)
    moved = resource_set_status(resource=resource, status="refused", on=dt.date(2024, 6, 1), by=staff)
    assert (moved.status, moved.decided_on) == ("refused", dt.date(2024, 6, 1))
    event = Event.objects.get()
    assert (event.action, event.workflow, event.from_state, event.to_state, event.actor_id) == (
        "transition",
        "financing_resource",
        "requested",
        "refused",
        staff.pk,
    )
    assert (event.project_id, event.programme_id) == (
        resource.plan.project_id,
        resource.plan.project.programme_id,
    )
    assert event.verb == "resource_set_status"


def test_funder_create_refuses_unknown_territory():
    with pytest.raises(ValidationError) as exc:
        funder_create(name="X", slug="x", kind="region", territories=["region:99"], by=SYSTEM)
    assert exc.value.message_dict == {"territories": ["Territoire inconnu : region:99"]}
    assert Funder.objects.count() == 0


def test_funder_create_is_for_the_platform():
    with pytest.raises(PermissionDenied):
        funder_create(name="X", slug="x", kind="region", by=MembershipFactory().user)
    funder = funder_create(name="X", slug="x", kind="region", by=DEMO)
    event = Event.objects.get()
    assert (event.object_id, event.action, event.actor_label) == (
        funder.pk,
        "create",
        "données de démonstration",
    )

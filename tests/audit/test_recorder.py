import pytest

from essaim.audit import diff, forget_actor, record, scrub_objects, snapshot
from essaim.audit.models import Action, Event
from essaim.core.actors import DEMO
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_scope_comes_from_the_object_fields():
    programme = ProgrammeFactory()
    event = record(actor=DEMO, obj=programme, action=Action.UPDATE)
    assert (event.programme_id, event.organisation_id) == (programme.pk, programme.organisation_id)
    membership = MembershipFactory()
    event = record(actor=DEMO, obj=membership, action=Action.CREATE)
    assert (event.organisation_id, event.programme_id, event.object_repr) == (
        membership.organisation_id,
        None,
        str(membership),
    )


def test_snapshot_and_diff_keep_only_what_changed():
    programme = ProgrammeFactory(name="Avant")
    before = snapshot(programme, ["name", "organisation"])
    programme.name = "Après"
    assert diff(before, snapshot(programme, ["name", "organisation"])) == {"name": ["Avant", "Après"]}


def test_erasure_forgets_the_actor_and_scrubs_the_object():
    person = UserFactory(full_name="Claire Martin")
    programme = ProgrammeFactory(name="Cantine de Claire Martin")
    record(
        actor=person,
        obj=programme,
        action=Action.UPDATE,
        changes={"name": ["a", "Claire Martin"]},
        comment="Claire",
    )
    assert forget_actor(person) == 1
    assert scrub_objects(type(programme), [programme.pk], replacement="projet anonymisé") == 1
    event = Event.objects.get()
    assert (event.actor, event.actor_label, event.object_repr, event.changes, event.comment) == (
        None,
        "personne supprimée",
        "projet anonymisé",
        {},
        "",
    )
    assert "Claire" not in str(Event.objects.values().get())

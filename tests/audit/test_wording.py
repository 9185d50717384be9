import pytest

from essaim.audit import record
from essaim.audit.models import Action
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_events_read_as_sentences_never_as_dicts():
    claire = UserFactory(full_name="Claire")
    programme = ProgrammeFactory(name="Cantine partagée")
    created = record(actor=claire, obj=programme, action=Action.CREATE)
    assert created.sentence == "Claire a créé « Cantine partagée » (dispositif)."
    changed = record(actor=claire, obj=programme, action=Action.UPDATE, changes={"name": ["a", "b"]})
    assert changed.sentence == "Claire a modifié « Cantine partagée » (dispositif) : nom."
    membership = MembershipFactory()
    moved = record(
        actor=claire,
        obj=membership,
        action=Action.TRANSITION,
        workflow="test-membership-role",
        from_state="member",
        to_state="admin",
        comment="arrivée",
    )
    # The workflow of tests/core/test_workflow.py may not be imported: the key is shown as is then.
    assert moved.sentence.startswith(
        f"Claire a fait passer « {membership} » (appartenance à une organisation) de « "
    )
    assert moved.sentence.endswith("». Motif : arrivée")

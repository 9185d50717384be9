import pytest

from essaim.accounts.privacy import account_erase, personal_data_export
from essaim.ecosystems.models import EcosystemMembership
from essaim.ecosystems.services import membership_invite, membership_transition

pytestmark = pytest.mark.django_db


def test_the_contact_person_is_exported_and_erased(world):
    membership = membership_invite(ecosystem=world.eco, organisation=world.org_a, by=world.leader_admin)
    membership_transition(membership=membership, action="accept", by=world.a_admin)
    data = personal_data_export(user=world.a_admin)
    assert data["ecosystems"] == {
        "ecosystem_contacts": [
            {"ecosystem": "Éco Test", "organisation": "Incubateur Alpha", "state": "active"}
        ]
    }
    assert account_erase(user=world.a_admin)["ecosystems"] == 1
    assert EcosystemMembership.objects.get(pk=membership.pk).contact is None

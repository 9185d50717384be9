import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.calls import ApplicationFactory, CandidacyFactory, TerritoryNeedFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["call", "application", "territoryneed", "joboffer", "candidacy"])
def test_admin_pages_render(client, model):
    application = ApplicationFactory(submitted=True)
    candidacy = CandidacyFactory()
    need = TerritoryNeedFactory()
    objects = {
        "call": application.call,
        "application": application,
        "territoryneed": need,
        "joboffer": candidacy.offer,
        "candidacy": candidacy,
    }
    client.force_login(UserFactory(admin=True))
    assert client.get(reverse(f"admin:calls_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:calls_{model}_change", args=[objects[model].pk])).status_code == 200

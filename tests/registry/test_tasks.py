"""The API pass of the task worker: each followed enterprise asked once, answers recorded, a
failed call counted and left for the next run; nothing at all when the adapter is off."""

import pytest

from essaim.registry import adapter, tasks
from essaim.registry.models import Conflict, Establishment
from tests.factories.evidence import EnterpriseFactory
from tests.registry.test_adapter import FakeClock, FakeNetwork, recorded

pytestmark = pytest.mark.django_db


def test_followed_enterprises_are_asked_and_their_conflicts_opened():
    closed = EnterpriseFactory(siret="30222818400057")
    unknown = EnterpriseFactory(siret="10281861400012")
    failing = EnterpriseFactory(siret="10538241000014")
    EnterpriseFactory(siret=None)
    clock = FakeClock()
    network = FakeNetwork(recorded("search_302228184.json"), recorded("search_empty.json"), 500, 500)
    client = adapter.RechercheEntreprises(
        "https://api.example", retries=1, opener=network, clock=clock, sleep=clock.sleep
    )
    counts = tasks.refresh_enterprises([closed.pk, unknown.pk, failing.pk], client=client)
    assert counts == {"asked": 3, "found": 1, "conflicts": 1, "failed": 1}
    assert list(Establishment.objects.values_list("siret", "state")) == [("30222818400057", "F")]
    assert Conflict.objects.get().enterprise == closed


def test_nothing_is_asked_when_the_adapter_is_off(settings):
    settings.REGISTRY_API_URL = ""
    enterprise = EnterpriseFactory(siret="30222818400057")
    assert tasks.refresh_from_api.call([enterprise.pk]) == {
        "asked": 0,
        "found": 0,
        "conflicts": 0,
        "failed": 0,
    }

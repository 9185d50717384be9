"""The network and conductor pages make the same number of queries whatever the number of flows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from tests.network.world import contact, referral


def _count(client, url) -> int:
    client.get(url)  # warm-up: the orientation index, the sessions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_queries_do_not_grow_with_flows(client, world, settings):
    # The orientation index checks its tables every few seconds: not within this measure.
    settings.ORIENTATION_INDEX_VERSION_SECONDS = settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600
    client.force_login(world.viewer)
    urls = [
        reverse("network:territory_network", kwargs={"level": "departement", "code": "34"}),
        reverse("network:territory_conductor", kwargs={"level": "departement", "code": "34"}),
    ]
    before = [_count(client, url) for url in urls]
    for _i in range(6):
        referral(world.gamma, world.alpha, ReferralStatus.ACCEPTED, answer_days=3)
        referral(world.chamber, world.beta, ReferralStatus.REFUSED, answer_days=2, reason="Autre")
        contact(world.gamma)
    after = [_count(client, url) for url in urls]
    assert after == before

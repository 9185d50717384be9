"""The workspace home leads to the tools of the platform: a programme's staff see the shared
ones (replication, the practice library, skills, registry, business flows, events and trade fairs, places), everyone their own spaces; each
link answers for them."""

import pytest
from django.urls import reverse

from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

STAFF_TOOLS = [
    "replication:kits",
    "library:mine",
    "skills:balance",
    "registry:home",
    "business:requests",
    "events:staff_list",
    "fairs:staff_list",
    "places:list",
]
EVERYONE = [
    "business:offers",
    "business:offer_mine",
    "business:inbox",
    "fairs:mine",
    "events:mine",
    "places:mine",
]


def test_staff_reach_every_tool_from_their_home(client):
    programme = ProgrammeFactory()
    user = MembershipFactory(organisation=programme.organisation).user
    client.force_login(user)
    html = client.get(reverse("workspace:home")).content.decode()
    for name in STAFF_TOOLS + EVERYONE:
        url = reverse(name)
        assert f'href="{url}"' in html, name
        assert client.get(url).status_code == 200, name


def test_a_carrier_sees_only_their_own_spaces(client):
    client.force_login(UserFactory())
    html = client.get(reverse("workspace:home")).content.decode()
    assert all(f'href="{reverse(name)}"' not in html for name in STAFF_TOOLS)
    for name in EVERYONE:
        assert f'href="{reverse(name)}"' in html, name

"""Permission matrix of the network and conductor pages: every URL × role, other tenants refused."""

import pytest
from django.urls import reverse

from essaim.accounts.models import TerritoryScope

NAMES = ["conductor", "diagnostic", "network", "network_csv"]
HERAULT = {"level": "departement", "code": "34"}
ECO = {"slug": "eco-herault"}


def _status(client, user, name, kwargs):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"network:{name}", kwargs=kwargs)).status_code


@pytest.mark.parametrize("name", NAMES)
def test_territory_pages(client, world, name):
    statuses = {
        role: _status(client, getattr(world, role) if role else None, f"territory_{name}", HERAULT)
        for role in ("viewer", "platform_admin", "funder_viewer", "other_viewer", "a_admin", "outsider", "")
    }
    assert statuses == {
        "viewer": 200,  # région 76 contains the Hérault
        "platform_admin": 200,
        "funder_viewer": 403,  # a funder's scope opens its reports, not the conductor's pages
        "other_viewer": 403,  # Île-de-France
        "a_admin": 403,  # a programme's staff, no territorial scope
        "outsider": 403,
        "": 302,  # to the login page
    }


@pytest.mark.parametrize("name", NAMES)
def test_ecosystem_pages(client, world, name):
    statuses = {
        role: _status(client, getattr(world, role), f"ecosystem_{name}", ECO)
        for role in ("leader_staff", "platform_admin", "a_admin", "outsider", "viewer")
    }
    assert statuses == {
        "leader_staff": 200,
        "platform_admin": 200,
        "a_admin": 403,  # a member's staff: sees the ecosystem, does not lead it
        "outsider": 404,
        "viewer": 404,
    }


def test_a_viewer_of_a_commune_does_not_open_its_departement(client, world):
    world.outsider.territory_scopes.create(
        level="commune", code="34172", kind=TerritoryScope.Kind.LOCAL_AUTHORITY
    )
    assert _status(client, world.outsider, "territory_conductor", HERAULT) == 403
    assert (
        _status(client, world.outsider, "territory_conductor", {"level": "commune", "code": "34172"}) == 200
    )


def test_unknown_territory_and_ecosystem_are_404(client, world):
    assert (
        _status(client, world.platform_admin, "territory_conductor", {"level": "departement", "code": "999"})
        == 404
    )
    assert _status(client, world.platform_admin, "ecosystem_conductor", {"slug": "nulle-part"}) == 404


def test_an_other_territory_shows_only_its_own_flows(client, world):
    client.force_login(world.other_viewer)
    url = reverse("network:territory_network", kwargs={"level": "region", "code": "11"})
    html = client.get(url).content.decode()
    # The four Alpha → Gamma referrals of a project in Paris, hidden as fewer than 5; none of the Hérault's.
    assert '<td>Alpha</td><td>Gamma</td><td>Passerelle</td><td class="num">&lt; 5</td>' in html
    assert "Bêta" not in html and "Chambre" not in html

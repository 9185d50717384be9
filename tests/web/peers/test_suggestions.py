"""The peers page: opt in, see nearby peers who opted in, withdraw; anonymous to login; wrong
methods; a bounded number of queries whatever the number of peers."""

import pytest
from django.urls import reverse

from essaim.peers import services
from essaim.peers.models import PeerProfile
from essaim.territories.models import Commune
from tests.factories.accompaniment import ProjectFactory
from tests.peers.factories import person


def _carrier(name, code="34172", opt_in=True, sector="Alimentation"):
    user = person(name, carrier=True)
    ProjectFactory(
        carriers=[user], commune=Commune.objects.get(pk=code), sector=sector, name=f"Projet {name}"
    )
    if opt_in:
        services.peer_visibility_set(by=user, visible=True)
    return user


def test_anonymous_and_wrong_methods(client, db):
    for url in (reverse("peers:suggestions"), reverse("peers:visibility")):
        response = client.get(url) if url.endswith("pairs/") else client.post(url)
        assert response.status_code == 302 and "connexion" in response["Location"]
    client.force_login(person("x"))
    assert client.post(reverse("peers:suggestions")).status_code == 405
    assert client.get(reverse("peers:visibility")).status_code == 405


def test_opt_in_see_peers_withdraw(client, db):
    me = _carrier("me", opt_in=False)
    visible = _carrier("visible-peer", "34301")
    shy = _carrier("shy-peer", "34301", opt_in=False)
    client.force_login(me)
    html = client.get(reverse("peers:suggestions")).content.decode()
    assert "J'accepte d'être visible" in html
    assert visible.email not in html and shy.email not in html  # nothing before opting in
    assert client.post(reverse("peers:visibility"), {"visible": "1"}).status_code == 302
    assert PeerProfile.objects.get(user=me).visible
    html = client.get(reverse("peers:suggestions")).content.decode()
    assert visible.email in html and "Projet visible-peer" in html
    assert shy.email not in html and "Projet shy-peer" not in html
    assert client.post(reverse("peers:visibility"), {"visible": "0"}).status_code == 302
    profile = PeerProfile.objects.get(user=me)
    assert not profile.visible and profile.withdrawn_at is not None
    assert visible.email not in client.get(reverse("peers:suggestions")).content.decode()


@pytest.mark.parametrize("n", [1, 8])
def test_query_count(client, db, django_assert_max_num_queries, n):
    me = _carrier("me")
    for i in range(n):
        _carrier(f"peer-{i}", "34301")
    client.force_login(me)
    client.get(reverse("peers:suggestions"))
    with django_assert_max_num_queries(9):
        html = client.get(reverse("peers:suggestions")).content.decode()
    assert html.count("mailto:") == n


def test_the_peers_page_is_linked_from_the_board(client, db):
    client.force_login(_carrier("me"))
    assert reverse("peers:suggestions") in client.get(reverse("peers:list")).content.decode()

"""GET /api/v1/network/… : a territory's or an ecosystem's referral network and conductor's data."""

import pytest

from tests.network.world import build_world

TERRITORY = "/api/v1/network/territories/departement/34"
ECOSYSTEM = "/api/v1/network/ecosystems/eco-herault"


@pytest.fixture
def world(db):
    return build_world()


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_territory_network_for_its_viewer(client, world):
    body = _get(client, world.viewer, TERRITORY).json()
    assert body["subject"] == "territory:departement:34"
    edges = {(e["source"], e["target"], e["kind"]): e["count"] for e in body["graph"]["edges"]}
    assert edges[(f"p{world.alpha.pk}", f"p{world.beta.pk}", "referral")] == 11
    assert edges[(f"p{world.beta.pk}", f"p{world.gamma.pk}", "referral")] in ("< 5", "masqué")
    beta = next(p for p in body["programmes"] if p["programme"] == "beta")
    assert beta["unanswered_over_14_days"] == "< 5"
    assert beta["median_days_to_answer"] == 4.0
    assert [a["kind"] for a in body["alerts"]] == ["refusals", "unanswered"]


def test_own_programme_reads_full_figures(client, world):
    world.b_admin.territory_scopes.create(level="departement", code="34", kind="local_authority")
    body = _get(client, world.b_admin, TERRITORY).json()
    beta = next(p for p in body["programmes"] if p["programme"] == "beta")
    assert beta["own"] is True and beta["unanswered_over_14_days"] == 1


def test_conductor_data(client, world):
    body = _get(client, world.viewer, TERRITORY + "/conductor").json()
    assert body["label"] == "Hérault"
    assert [g["anchor"] for g in body["gaps"]] == ["action-developpement-34"]
    assert body["suggested_actions"][0]["anchor"] == "action-developpement-34"
    assert body["offer"]["territory"]["code"] == "34"


def test_ecosystem_network_and_conductor_for_the_leader_staff(client, world):
    body = _get(client, world.leader_staff, ECOSYSTEM).json()
    names = {n["name"]: n["member"] for n in body["graph"]["nodes"] if n["key"].startswith("p")}
    assert names == {"Alpha": True, "Bêta": True, "Gamma": False}
    conductor = _get(client, world.leader_staff, ECOSYSTEM + "/conductor").json()
    assert conductor["subject"] == "ecosystem:eco-herault"


@pytest.mark.parametrize("suffix", ["", "/conductor"])
def test_territory_refused_to_others(client, world, suffix):
    assert _get(client, None, TERRITORY + suffix).status_code == 401
    for user in (world.outsider, world.funder_viewer, world.other_viewer, world.a_admin):
        client.logout()
        response = _get(client, user, TERRITORY + suffix)
        assert response.status_code == 403, user.email
        assert "graph" not in response.json()


@pytest.mark.parametrize("suffix", ["", "/conductor"])
def test_ecosystem_refused_to_others(client, world, suffix):
    assert _get(client, world.outsider, ECOSYSTEM + suffix).status_code == 404
    client.logout()
    assert _get(client, world.a_admin, ECOSYSTEM + suffix).status_code == 403  # member, not leader


def test_unknown_territory_and_level(client, world):
    assert (
        _get(client, world.platform_admin, "/api/v1/network/territories/departement/999").status_code == 404
    )
    assert _get(client, world.platform_admin, "/api/v1/network/territories/planete/1").status_code == 400

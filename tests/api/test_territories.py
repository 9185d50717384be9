"""GET /api/v1/territories (autocomplete) and /api/v1/territories/{level}/{code}."""

import pytest

from essaim.territories.models import Commune, Departement, Epci, Region
from essaim.territories.placeindex import place_index
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/territories"


def refs(response) -> list[str]:
    return [f"{r['level']}:{r['code']}" for r in response.json()["results"]]


# --- search -----------------------------------------------------------------------------------


def test_search_by_name(client):
    response = client.get(URL, {"q": "ile de fr"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first == {
        "level": "region",
        "code": "11",
        "name": "Île-de-France",
        "population": Region.objects.get(pk="11").population,
        "url": "http://testserver/api/v1/territories/region/11",
    }


def test_search_level_filter(client):
    assert refs(client.get(URL, {"q": "herault", "level": "departement"})) == ["departement:34"]
    both = refs(client.get(URL, {"q": "montpellier", "level": "commune,epci"}))
    assert both[:2] == ["commune:34172", "epci:243400017"]  # the commune named so, then its métropole
    assert all(ref.split(":")[0] in ("commune", "epci") for ref in both)


def test_search_ranks_as_a_person_expects(client):
    assert refs(client.get(URL, {"q": "romans", "level": "commune"}))[:3] == [
        "commune:26281",  # Romans-sur-Isère
        "commune:79231",
        "commune:01328",
    ]
    assert refs(client.get(URL, {"q": "13001"})) == ["commune:13055", "commune:13001"]
    assert refs(client.get(URL, {"q": "montpelier"}))[0] == "commune:34172"  # a typo
    assert refs(client.get(URL, {"q": "st etienne"}))[0] == "commune:42218"
    assert "national:FR" not in refs(client.get(URL, {"q": "france"}))


def test_search_by_postal_code(client):
    assert refs(client.get(URL, {"q": "34000"})) == ["commune:34172"]


def test_search_limit(client):
    assert len(client.get(URL, {"q": "saint", "limit": "3"}).json()["results"]) == 3


def test_search_nothing_found(client):
    assert client.get(URL, {"q": "zzzzqqq"}).json() == {"results": []}


def test_search_with_token(client, alice_token):
    assert refs(client.get(URL, {"q": "herault", "level": "departement"}, headers=bearer(alice_token))) == [
        "departement:34"
    ]


def test_search_revoked_token_is_401(client, revoked_token):
    assert client.get(URL, {"q": "herault"}, headers=bearer(revoked_token)).status_code == 401


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({}, {"q": "Ce champ est obligatoire : un nom, un code postal ou un code INSEE."}),
        ({"q": "   "}, {"q": "Ce champ est obligatoire : un nom, un code postal ou un code INSEE."}),
        (
            {"q": "paris", "level": "commune,canton"},
            {"level": "Niveau inconnu « canton ». Niveaux possibles : commune, epci, departement, region"},
        ),
        (
            {"q": "paris", "level": "national"},
            {"level": "Niveau inconnu « national ». Niveaux possibles : commune, epci, departement, region"},
        ),
        ({"q": "paris", "limit": "0"}, {"limit": "Nombre de résultats attendu : un entier entre 1 et 50."}),
        ({"q": "paris", "limit": "51"}, {"limit": "Nombre de résultats attendu : un entier entre 1 et 50."}),
        ({"q": "paris", "limit": "dix"}, {"limit": "Nombre de résultats attendu : un entier entre 1 et 50."}),
    ],
)
def test_search_bad_params_400(client, params, errors):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"detail": "Paramètres invalides.", "errors": errors}


def test_search_names_every_bad_field(client):
    response = client.get(URL, {"level": "x", "limit": "-1"})
    assert sorted(response.json()["errors"]) == ["level", "limit", "q"]


def test_search_long_query_is_cut_not_refused(client):
    response = client.get(URL, {"q": "montpellier " * 50})
    assert response.status_code == 200


def test_search_wrong_method_is_405(client):
    response = client.post(URL, {"q": "paris"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"


# --- detail -------------------------------------------------------------------------------------


def test_detail_commune(client):
    response = client.get(f"{URL}/commune/34172")
    assert response.status_code == 200
    epci = {"level": "epci", "code": "243400017", "name": "Montpellier Méditerranée Métropole"}
    departement = {"level": "departement", "code": "34", "name": "Hérault"}
    region = {"level": "region", "code": "76", "name": "Occitanie"}
    assert response.json() == {
        "level": "commune",
        "code": "34172",
        "name": "Montpellier",
        "population": Commune.objects.get(pk="34172").population,
        "url": "http://testserver/api/v1/territories/commune/34172",
        "postal_codes": ["34000", "34070", "34080", "34090"],
        "epci": epci,
        "departement": departement,
        "region": region,
        "parents": [epci, departement, region, {"level": "national", "code": "FR", "name": "France"}],
    }


def test_detail_arrondissement_resolves_to_its_commune(client):
    body = client.get(f"{URL}/commune/75101").json()
    assert (body["code"], body["name"]) == ("75056", "Paris")
    assert body["url"] == "http://testserver/api/v1/territories/commune/75056"


def test_detail_departement(client):
    response = client.get(f"{URL}/departement/34")
    region = {"level": "region", "code": "76", "name": "Occitanie"}
    assert response.json() == {
        "level": "departement",
        "code": "34",
        "name": "Hérault",
        "population": Departement.objects.get(pk="34").population,
        "url": "http://testserver/api/v1/territories/departement/34",
        "region": region,
        "parents": [region, {"level": "national", "code": "FR", "name": "France"}],
    }


def test_detail_departement_corsica_code_case_insensitive(client):
    assert client.get(f"{URL}/departement/2a").json()["name"] == "Corse-du-Sud"


def test_detail_epci(client):
    body = client.get(f"{URL}/epci/243400017").json()
    assert body["kind"] == "METRO"
    assert body["population"] == Epci.objects.get(pk="243400017").population
    assert body["parents"] == [
        {"level": "departement", "code": "34", "name": "Hérault"},
        {"level": "region", "code": "76", "name": "Occitanie"},
        {"level": "national", "code": "FR", "name": "France"},
    ]
    assert "postal_codes" not in body


def test_detail_region(client):
    body = client.get(f"{URL}/region/76").json()
    assert body["name"] == "Occitanie"
    assert body["parents"] == [{"level": "national", "code": "FR", "name": "France"}]
    assert [d["code"] for d in body["departements"]] == [
        "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82",
    ]  # fmt: skip


def test_detail_national(client):
    body = client.get(f"{URL}/national/FR").json()
    assert (body["name"], body["parents"]) == ("France", [])
    assert body["population"] == sum(Region.objects.values_list("population", flat=True))
    assert len(body["regions"]) == Region.objects.count()


def test_detail_with_token(client, alice_token):
    assert client.get(f"{URL}/departement/34", headers=bearer(alice_token)).status_code == 200


def test_detail_revoked_token_is_401(client, revoked_token):
    assert client.get(f"{URL}/departement/34", headers=bearer(revoked_token)).status_code == 401


def test_detail_unknown_level_is_400(client):
    response = client.get(f"{URL}/canton/3401")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {
            "level": "Niveau inconnu « canton ». Niveaux possibles : commune, epci, departement, region, national"
        },
    }


@pytest.mark.parametrize(
    "path", ["commune/99999", "departement/999", "epci/123", "region/00", "national/BE", "commune/%C3%A9"]
)
def test_detail_unknown_code_is_404(client, path):
    response = client.get(f"{URL}/{path}")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Territoire inconnu : ")


def test_detail_wrong_method_is_405(client):
    response = client.put(f"{URL}/departement/34")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("limit", ["1", "10"])
def test_search_query_count_is_constant(client, django_assert_num_queries, limit):
    place_index()  # names are searched in memory, once the index is built
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "saint", "limit": limit})
    assert len(response.json()["results"]) == int(limit)

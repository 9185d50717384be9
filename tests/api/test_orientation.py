"""GET /api/v1/orientation."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.orientation import index
from essaim.orientation.places import territory_map
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/orientation"


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture
def programmes():
    ProgrammeFactory(
        slug="p-dep",
        name="Incubateur héraultais",
        zone=["departement:34"],
        stages=["emergence"],
        needs=["financing"],
    )
    ProgrammeFactory(
        slug="p-epci", name="Métropole en action", zone=["epci:243400017"], stages=["emergence", "creation"]
    )
    ProgrammeFactory(slug="p-gard", name="Gard", zone=["departement:30"], stages=["developpement"])


def test_orientation_shape(client, programmes):
    response = client.get(URL, {"place": "34172", "stage": "emergence", "need": "financing"})
    assert response.status_code == 200
    assert response.json() == {
        "place": {"level": "commune", "code": "34172", "name": "Montpellier"},
        "results": [
            {
                "slug": "p-epci",
                "name": "Métropole en action",
                "score": 400,
                "reasons": [
                    "intervient dans l'intercommunalité « Montpellier Méditerranée Métropole »",
                    "accompagne l'émergence",
                ],
                "matched_zone": {
                    "level": "epci",
                    "code": "243400017",
                    "name": "Montpellier Méditerranée Métropole",
                },
            },
            {
                "slug": "p-dep",
                "name": "Incubateur héraultais",
                "score": 305,
                "reasons": ["intervient dans l'Hérault", "accompagne l'émergence", "répond à : financement"],
                "matched_zone": {"level": "departement", "code": "34", "name": "Hérault"},
            },
        ],
        "parcours": {"creation": ["p-epci"], "consolidation": [], "developpement": []},
        "gaps": [
            {"stage": "consolidation", "alternatives": [], "nearest": [], "doors": []},
            {
                "stage": "developpement",
                "alternatives": ["p-gard"],
                "nearest": [{"slug": "p-gard", "name": "Gard", "place": "dans le Gard", "distance_km": None}],
                "doors": [],
            },
        ],
        "nearby": [],
    }


def test_postal_code_and_repeated_needs(client, programmes):
    response = client.get(URL + "?place=34000&stage=emergence&need=financing&need=premises")
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()["results"]] == ["p-epci", "p-dep"]


def test_limit(client, programmes):
    response = client.get(URL, {"place": "34172", "stage": "emergence", "limit": "1"})
    assert [r["slug"] for r in response.json()["results"]] == ["p-epci"]
    response = client.get(URL, {"place": "34172", "limit": "0"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["limit"]


def test_ambiguous_postal_code_gives_the_choices(client):
    response = client.get(URL, {"place": "34370", "stage": "emergence"})
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == ["place"]
    assert [c["code"] for c in body["choices"]] == ["34069", "34148", "34155", "34089"]
    assert body["choices"][0] == {"code": "34069", "name": "Cazouls-lès-Béziers", "departement": "34"}


@pytest.mark.parametrize(
    ("params", "field", "status"),
    [
        ({"place": "99999"}, "place", 422),  # well formed, no such commune (decision 0021)
        ({}, "place", 400),
        ({"place": "34172", "stage": "eclosion"}, "stage", 400),
        ({"place": "34172", "need": "money"}, "need", 400),
        ({"place": "34172", "public": "aliens"}, "public", 400),
        ({"place": "34172", "model": "both"}, "model", 400),
    ],
)
def test_bad_input_names_the_field(client, params, field, status):
    response = client.get(URL, params)
    assert response.status_code == status
    assert list(response.json()["errors"]) == [field]
    assert response.json()["errors"][field]


def test_several_bad_fields_at_once(client):
    response = client.get(URL, {"place": "nowhere-at-all", "stage": "x", "need": "y"})
    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["need", "place", "stage"]


def test_wrong_method(client):
    assert client.post(URL, {"place": "34172"}).status_code == 405


@pytest.mark.parametrize("count", [1, 25])
def test_query_count_is_constant(client, count, django_assert_num_queries):
    for _i in range(count):
        ProgrammeFactory(zone=["departement:34"], stages=["emergence"])
    index.get_index()
    territory_map()
    # Places and programmes are both looked up in memory.
    with django_assert_num_queries(0):
        response = client.get(URL, {"place": "34000", "stage": "emergence", "limit": "50"})
    assert len(response.json()["results"]) == count


text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=text, stage=text, need=st.lists(text, max_size=3), public=text, model=text, limit=text)
def test_never_a_500(client, place, stage, need, public, model, limit):
    response = client.get(
        URL, {"place": place, "stage": stage, "need": need, "public": public, "model": model, "limit": limit}
    )
    assert response.status_code in (200, 400, 422)
    assert response["Content-Type"].startswith("application/json")


def test_orientation_within_an_ecosystem_and_an_unknown_one(client, programmes):
    from essaim.directory.models import Programme
    from tests.factories.directory import EcosystemFactory

    EcosystemFactory(slug="realis", name="REALIS").members.add(Programme.objects.get(slug="p-dep"))
    params = {"place": "34172", "stage": "emergence"}
    everyone = client.get(URL, params).json()
    assert [r["slug"] for r in everyone["results"]] == ["p-epci", "p-dep"]
    within = client.get(URL, {**params, "ecosystem": "realis"})
    assert within.status_code == 200
    assert [r["slug"] for r in within.json()["results"]] == ["p-dep"]
    unknown = client.get(URL, {**params, "ecosystem": "nulle-part"})
    assert unknown.status_code == 422  # any text follows the document; no such ecosystem (0021)
    assert set(unknown.json()["errors"]) == {"ecosystem"}
    # with a bad stage too, the request does not follow the document: 400
    assert client.get(URL, {**params, "stage": "x", "ecosystem": "nulle-part"}).status_code == 400

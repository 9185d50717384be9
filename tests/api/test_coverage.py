"""GET /api/v1/coverage and /api/v1/coverage/departements.csv."""

import csv
import io

import pytest

from essaim.orientation import index
from essaim.territories.placeindex import place_index
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/coverage"


@pytest.fixture(autouse=True)
def fresh_orientation_index():
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture
def programmes():
    ProgrammeFactory(slug="p-dep", zone=["departement:34"], stages=["emergence"], kind="couveuse")
    ProgrammeFactory(slug="p-agde", zone=["commune:34003"], stages=["creation"], kind="incubator")


def test_coverage_shape(client, programmes):
    response = client.get(URL, {"territory": "departement:34"})
    assert response.status_code == 200
    body = response.json()
    assert body["territory"] == {"level": "departement", "code": "34", "name": "Hérault"}
    assert body["stages"] == ["emergence", "creation", "consolidation", "developpement"]
    assert body["kinds"][:2] == ["incubator", "couveuse"]
    assert len(body["cells"]) == 4 * len(body["kinds"])
    non_empty = [c for c in body["cells"] if c["programmes"]]
    assert non_empty == [
        {"stage": "emergence", "kind": "couveuse", "programmes": ["p-dep"]},
        {"stage": "creation", "kind": "incubator", "programmes": ["p-agde"]},
    ]
    assert body["gaps"] == ["consolidation", "developpement"]


def test_mainstream_actors_alongside_labelled_by_family_not_counted(client, programmes):
    from tests.factories.directory import OrganisationFactory

    ProgrammeFactory(
        slug="cci-herault",
        name="CCI Hérault",
        kind="cci",
        family="mainstream",
        source_key="test",
        organisation=OrganisationFactory(commune_id="34172"),
        zone=["departement:34"],
        stages=["emergence", "creation", "consolidation", "developpement"],
    )
    body = client.get(URL, {"territory": "commune:34003"}).json()
    assert body["alongside"] == [
        {
            "family": "mainstream",
            "family_label": "Acteur de droit commun",
            "kind": "cci",
            "kind_label": "Chambre de commerce et d'industrie",
            "count": 1,
            "actors": [{"slug": "cci-herault", "name": "CCI Hérault"}],
        }
    ]
    assert "cci" not in body["kinds"]
    assert body["gaps"] == ["consolidation", "developpement"]
    assert all("cci-herault" not in c["programmes"] for c in body["cells"])


def test_national(client, programmes):
    body = client.get(URL, {"territory": "national"}).json()
    assert body["territory"] == {"level": "national", "code": "FR", "name": "France"}


@pytest.mark.parametrize("text", ["Hérault", "herault", "34", "Hérault (département)"])
def test_territory_as_a_person_types_it(client, programmes, text):
    body = client.get(URL, {"territory": text}).json()
    assert body["territory"] == {"level": "departement", "code": "34", "name": "Hérault"}


def test_ambiguous_territory_lists_the_candidates(client):
    response = client.get(URL, {"territory": "Vienne"})
    assert response.status_code == 422
    message = response.json()["errors"]["territory"]
    assert message.startswith("Plusieurs territoires correspondent à « Vienne » : précisez lequel. (")
    assert "Vienne (Isère)" in message
    assert "Vienne (département)" in message


@pytest.mark.parametrize(
    ("territory", "status"),
    [("", 400), ("departement", 422), ("departement:999", 422), ("planet:1", 422), ("commune:00000", 422)],
)
def test_bad_territory(client, territory, status):
    """Empty: the document requires a value (400); any other text is well formed, and the
    resolver knows no such territory (422, decision 0021)."""
    response = client.get(URL, {"territory": territory})
    assert response.status_code == status
    assert list(response.json()["errors"]) == ["territory"]


@pytest.mark.parametrize("count", [1, 20])
def test_query_count_is_constant(client, count, django_assert_num_queries):
    for _i in range(count):
        ProgrammeFactory(zone=["departement:34"], stages=["emergence"])
    index.get_index()
    place_index()  # the territory parameter is resolved in memory
    with django_assert_num_queries(2):
        response = client.get(URL, {"territory": "departement:34"})
    assert sum(len(c["programmes"]) for c in response.json()["cells"]) == count


def test_csv_of_every_departement(client, programmes):
    response = client.get(URL + "/departements.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_code = {row["code_departement"]: row for row in rows}
    assert len(rows) == 101 or len(rows) >= 96
    assert by_code["34"]["departement"] == "Hérault"
    assert by_code["34"]["dispositifs"] == "2"
    assert by_code["34"]["etapes_couvertes"] == "2"
    assert by_code["34"]["emergence"] == "1"
    assert by_code["34"]["lacunes"] == "consolidation developpement"
    assert by_code["30"]["etapes_couvertes"] == "0"
    assert by_code["34"]["licence"]

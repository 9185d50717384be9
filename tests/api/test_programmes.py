"""GET /api/v1/programmes (the directory's filters, paginated) and /api/v1/programmes/{slug}."""

import pytest

from essaim.directory import index as directory_index
from essaim.directory.enums import AccompanimentModel, Activity, LifeStage, Need, ProgrammeKind, Public
from essaim.territories.placeindex import place_index
from tests.api.conftest import bearer
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/programmes"


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def herault():
    return ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub Occitanie",
        organisation=OrganisationFactory(slug="urscop", name="URSCOP Occitanie"),
        zone=["departement:34", "departement:30"],
        needs=[Need.FINANCING],
        publics=[Public.CARRIERS],
        source="Étude 2024",
        licence="",
    )


@pytest.fixture
def drome():
    return ProgrammeFactory(
        slug="pole-sud",
        name="Pôle Sud",
        kind=ProgrammeKind.PTCE,
        model=AccompanimentModel.GENERATOR,
        stages=[LifeStage.DEVELOPPEMENT],
        zone=["epci:200068781"],
    )


@pytest.fixture
def national():
    return ProgrammeFactory(
        slug="france-active", name="France Active", model=AccompanimentModel.BOTH, zone=["national"]
    )


def test_list_shape(client, herault):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "alter-incub",
                "name": "Alter'Incub Occitanie",
                "family": "ess",
                "kind": "incubator",
                "model": "carrier",
                "stages": ["emergence", "creation"],
                "needs": ["financing"],
                "publics": ["carriers"],
                "organisation": {"slug": "urscop", "name": "URSCOP Occitanie"},
                "zone": [
                    {"level": "departement", "code": "30", "name": "Gard"},
                    {"level": "departement", "code": "34", "name": "Hérault"},
                ],
                "url": "http://testserver/api/v1/programmes/alter-incub",
                "page_url": "http://testserver/dispositifs/alter-incub/",
                "source": "Étude 2024",
                "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
            }
        ],
    }


def test_list_hides_unpublished(client, herault):
    ProgrammeFactory(slug="brouillon", is_published=False)
    assert slugs(client.get(URL)) == ["alter-incub"]


def test_list_with_token_and_session_same_as_anonymous(client, herault, alice, alice_token):
    anonymous = client.get(URL).json()
    assert client.get(URL, headers=bearer(alice_token)).json() == anonymous
    client.force_login(alice)
    assert client.get(URL).json() == anonymous


def test_list_revoked_token_is_401(client, herault, revoked_token):
    response = client.get(URL, headers=bearer(revoked_token))
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton invalide ou révoqué.", "errors": {}}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"territory": "commune:34172"}, ["alter-incub", "france-active"]),  # Montpellier
        ({"territory": "region:76"}, ["alter-incub", "france-active"]),  # zones inside the région
        ({"territory": "departement:26"}, ["france-active", "pole-sud"]),  # the EPCI lies in the Drôme
        ({"territory": "national"}, ["alter-incub", "france-active", "pole-sud"]),
        # What a person types: a name, a postal code, a département number.
        ({"territory": "Montpellier"}, ["alter-incub", "france-active"]),
        ({"territory": "34000"}, ["alter-incub", "france-active"]),
        ({"territory": "Drôme"}, ["france-active", "pole-sud"]),
        ({"territory": "26"}, ["france-active", "pole-sud"]),
        ({"territory": "Occitanie"}, ["alter-incub", "france-active"]),
        ({"stage": "developpement"}, ["pole-sud"]),
        ({"kind": "ptce"}, ["pole-sud"]),
        ({"model": "generator"}, ["france-active", "pole-sud"]),  # "both" serves either model
        ({"public": "carriers"}, ["alter-incub"]),
        ({"need": "financing"}, ["alter-incub"]),
        ({"q": "alter incub"}, ["alter-incub"]),
        ({"q": "URSCOP"}, ["alter-incub"]),
        ({"q": "pole", "kind": "ptce", "territory": "region:84"}, ["pole-sud"]),
        ({"q": "rien de tel"}, []),
    ],
)
def test_list_filters(client, herault, drome, national, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_bad_params_name_every_field(client, herault):
    response = client.get(
        URL,
        {
            "territory": "departement:999",
            "stage": "adolescence",
            "kind": "x",
            "model": "y",
            "public": "z",
            "need": "w",
            "page": "0",
            "page_size": "101",
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Paramètres invalides."
    assert sorted(body["errors"]) == [
        "kind",
        "model",
        "need",
        "page",
        "page_size",
        "public",
        "stage",
        "territory",
    ]
    assert body["errors"]["territory"] == "Territoire inconnu : departement:999"
    assert body["errors"]["stage"] == (
        "Valeur inconnue « adolescence ». Valeurs possibles : emergence, creation, consolidation, developpement"
    )
    assert body["errors"]["page"] == "Numéro de page attendu : un entier supérieur ou égal à 1."
    assert body["errors"]["page_size"] == "Taille de page attendue : un entier entre 1 et 100."


@pytest.mark.parametrize(
    ("params", "field", "status"),
    [
        # A territory is any text in the document; one the resolver does not know: 422 (0021).
        ({"territory": "99"}, "territory", 422),
        ({"territory": "xqzwv"}, "territory", 422),
        ({"territory": "canton:12"}, "territory", 422),
        ({"page": "abc"}, "page", 400),
        ({"page": "-1"}, "page", 400),
        ({"page": "1.5"}, "page", 400),
        ({"page": "9" * 40}, "page", 400),
        ({"page_size": "0"}, "page_size", 400),
        ({"page_size": "٣"}, "page_size", 400),  # a non-ASCII digit
    ],
)
def test_list_bad_param(client, herault, params, field, status):
    response = client.get(URL, params)
    assert response.status_code == status
    assert list(response.json()["errors"]) == [field]


def test_list_filters_by_ecosystem_and_refuses_an_unknown_one(client, herault, drome):
    EcosystemFactory(slug="realis", name="REALIS").members.add(herault)
    response = client.get(URL, {"ecosystem": "realis"})
    assert (response.status_code, slugs(response)) == (200, ["alter-incub"])
    unknown = client.get(URL, {"ecosystem": "nulle-part"})
    assert unknown.status_code == 422  # the document allows any text; no such ecosystem (0021)
    assert set(unknown.json()["errors"]) == {"ecosystem"}


def test_list_pagination(client):
    for number in range(5):
        ProgrammeFactory(slug=f"p{number}", name=f"Dispositif {number}")
    first = client.get(URL, {"page_size": "2", "kind": "incubator"}).json()
    assert first["count"] == 5
    assert [r["slug"] for r in first["results"]] == ["p0", "p1"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/programmes?kind=incubator&page=2&page_size=2"
    second = client.get(first["next"]).json()
    assert [r["slug"] for r in second["results"]] == ["p2", "p3"]
    assert second["previous"] == "http://testserver/api/v1/programmes?kind=incubator&page=1&page_size=2"
    last = client.get(second["next"]).json()
    assert [r["slug"] for r in last["results"]] == ["p4"]
    assert last["next"] is None


def test_list_page_past_the_end_is_404(client, herault):
    response = client.get(URL, {"page": "2"})
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Page introuvable.",
        "errors": {"page": "Cette page n'existe pas : il y a 1 page(s)."},
    }


def test_list_empty_first_page_is_200(client, db):
    assert client.get(URL).json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_list_default_page_size_is_20(client):
    for number in range(21):
        ProgrammeFactory(slug=f"p{number:02}", name=f"Dispositif {number:02}")
    body = client.get(URL).json()
    assert len(body["results"]) == 20
    assert body["next"] == "http://testserver/api/v1/programmes?page=2"


@pytest.fixture
def steady_index(settings):
    """The directory index neither re-reads its version nor checks its stamp during the test."""
    settings.ORIENTATION_INDEX_VERSION_SECONDS = 3600
    settings.ORIENTATION_INDEX_CHECK_SECONDS = 3600


@pytest.mark.parametrize("count", [1, 7])
def test_list_query_count_is_constant(client, django_assert_num_queries, steady_index, count):
    for number in range(count):
        ProgrammeFactory(slug=f"p{number}", zone=["departement:34", "region:76", "commune:34172"])
    directory_index.get_index()  # built once per process, and again after an edit
    # The page's summaries, built once per programme: the rows, their zones, one name query per
    # level present (3). The search itself reads memory.
    with django_assert_num_queries(5):
        first = client.get(URL, {"page_size": "100"})
    with django_assert_num_queries(0):  # then every search reads memory only
        response = client.get(URL, {"page_size": "100"})
    assert response.json() == first.json()
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 7])
def test_list_query_count_is_constant_with_filters_and_token(
    client, alice_token, django_assert_num_queries, steady_index, count
):
    for number in range(count):
        ProgrammeFactory(slug=f"p{number}", zone=["departement:34"])
    place_index()  # the territory is checked in memory
    client.get(URL, {"territory": "commune:34172", "stage": "creation"})
    # The token only (1, then its last use: 1): territory, search and summaries come from memory.
    with django_assert_num_queries(2):
        response = client.get(
            URL, {"territory": "commune:34172", "stage": "creation"}, headers=bearer(alice_token)
        )
    assert len(response.json()["results"]) == count


def test_list_follows_an_edit_at_once(client, herault):
    assert client.get(URL).json()["results"][0]["name"] == "Alter'Incub Occitanie"
    herault.name = "Alter'Incub renommé"
    herault.save()
    assert client.get(URL).json()["results"][0]["name"] == "Alter'Incub renommé"
    herault.organisation.name = "URSCOP renommée"
    herault.organisation.save()
    assert client.get(URL).json()["results"][0]["organisation"]["name"] == "URSCOP renommée"


def test_list_summary_is_the_detail_s_summary(client, herault, national):
    listed = {item["slug"]: item for item in client.get(URL).json()["results"]}
    for slug in ["alter-incub", "france-active"]:
        detail = client.get(f"{URL}/{slug}").json()
        assert {key: detail[key] for key in listed[slug] if key != "organisation"} == {
            key: value for key, value in listed[slug].items() if key != "organisation"
        }


def test_list_wrong_method_is_405(client):
    response = client.post(URL)
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["detail"].startswith("Méthode HTTP non autorisée")


# --- detail ---------------------------------------------------------------------------------


def test_detail_full(client, herault):
    herault.activities = [Activity.INDIVIDUAL_COACHING, Activity.HOSTING]
    herault.beneficiaries = "Porteurs de projets d'ESS"
    herault.duration = "18 mois"
    herault.rhythm = "Un rendez-vous par mois"
    herault.summary = "Incubateur régional"
    herault.description = "Accompagne la création."
    herault.share_public_funding = 70
    herault.share_service_sales = 20
    herault.contact_email = "contact@alter.example"
    herault.save()
    organisation = herault.organisation
    organisation.website = "https://urscop.example"
    organisation.phone = "04 00 00 00 00"
    organisation.year_created = 1990
    organisation.save()
    EcosystemFactory(slug="realis", name="REALIS", model="common_brand").members.add(herault)

    response = client.get(f"{URL}/alter-incub")
    assert response.status_code == 200
    assert response.json() == {
        "slug": "alter-incub",
        "name": "Alter'Incub Occitanie",
        "family": "ess",
        "kind": "incubator",
        "model": "carrier",
        "stages": ["emergence", "creation"],
        "needs": ["financing"],
        "publics": ["carriers"],
        "organisation": {
            "slug": "urscop",
            "name": "URSCOP Occitanie",
            "legal_form": "association",
            "year_created": 1990,
            "initiator": "",
            "website": "https://urscop.example",
        },
        "zone": [
            {"level": "departement", "code": "30", "name": "Gard"},
            {"level": "departement", "code": "34", "name": "Hérault"},
        ],
        "url": "http://testserver/api/v1/programmes/alter-incub",
        "page_url": "http://testserver/dispositifs/alter-incub/",
        "source": "Étude 2024",
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "summary": "Incubateur régional",
        "description": "Accompagne la création.",
        "activities": ["individual_coaching", "hosting"],
        "beneficiaries": "Porteurs de projets d'ESS",
        "duration": "18 mois",
        "rhythm": "Un rendez-vous par mois",
        "zone_description": "",
        "zone_in_words": "Gard, Hérault",
        "economic_model": {
            "share_public_funding": 70,
            "share_service_sales": 20,
            "share_member_contributions": None,
            "share_private_funding": None,
            "notes": "",
        },
        "ecosystems": [{"slug": "realis", "name": "REALIS", "model": "common_brand"}],
        "contact": {
            "email": "contact@alter.example",
            "phone": "04 00 00 00 00",
            "website": "https://urscop.example",
            "address": "",
        },
        "updated_on": None,
    }


def test_detail_with_token(client, herault, alice_token):
    response = client.get(f"{URL}/alter-incub", headers=bearer(alice_token))
    assert response.status_code == 200
    assert response.json()["slug"] == "alter-incub"


def test_detail_revoked_token_is_401(client, herault, revoked_token):
    assert client.get(f"{URL}/alter-incub", headers=bearer(revoked_token)).status_code == 401


@pytest.mark.parametrize("slug", ["inconnu", "ALTER-INCUB", "%C3%A9t%C3%A9"])
def test_detail_unknown_is_404(client, herault, slug):
    response = client.get(f"{URL}/{slug}")
    assert response.status_code == 404
    assert response.json()["errors"] == {}
    assert response.json()["detail"].startswith("Dispositif inconnu : ")


def test_detail_unpublished_is_404(client):
    ProgrammeFactory(slug="brouillon", is_published=False)
    assert client.get(f"{URL}/brouillon").status_code == 404


def test_detail_wrong_method_is_405(client, herault):
    response = client.delete(f"{URL}/alter-incub")
    assert response.status_code == 405
    assert response["Allow"] == "GET"

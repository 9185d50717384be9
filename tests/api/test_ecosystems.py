"""GET /api/v1/ecosystems (paginated, public) and /api/v1/ecosystems/{slug} (members, leader and role)."""

import pytest

from essaim.directory.enums import LegalForm
from essaim.ecosystems.enums import MemberRole, MembershipState
from essaim.ecosystems.models import EcosystemMembership
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/ecosystems"


@pytest.fixture
def realis():
    leader = OrganisationFactory(slug="reseau-realis", name="Réseau REALIS")
    ecosystem = EcosystemFactory(
        slug="realis",
        name="REALIS",
        model="common_brand",
        leader=leader,
        territory_refs=["departement:34", "pas-un-territoire"],
        territory_description="Montpellier et environs",
        source="Étude 2024",
    )
    ecosystem.members.add(
        ProgrammeFactory(slug="b-incub", name="B Incub", organisation=leader),
        ProgrammeFactory(slug="a-coop", name="A Coop"),
        ProgrammeFactory(slug="brouillon", name="Brouillon", is_published=False),
    )
    return ecosystem


def test_list_is_public_and_paginated(client, realis):
    authority = OrganisationFactory(slug="agglo", name="Agglo", legal_form=LegalForm.PUBLIC_BODY)
    EcosystemFactory(slug="agglo-eco", name="Agglo écosystème", leader=authority, leader_role="conductor")
    EcosystemFactory(slug="ramsess", name="RAMSESS")
    response = client.get(URL, {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [e["slug"] for e in body["results"]] == ["agglo-eco", "ramsess"]
    assert body["next"] == "http://testserver/api/v1/ecosystems?page=2&page_size=2"
    assert body["results"][0]["leader"] == {
        "slug": "agglo",
        "name": "Agglo",
        "role": "conductor",
        "role_label": "Chef d'orchestre",
    }
    assert body["results"][1]["leader"] is None
    second = client.get(URL, {"page_size": 2, "page": 2}).json()
    assert [e["slug"] for e in second["results"]] == ["realis"]
    assert second["results"][0] == {
        "slug": "realis",
        "name": "REALIS",
        "model": "common_brand",
        "model_label": "Marque commune",
        "leader": {"slug": "reseau-realis", "name": "Réseau REALIS", "role": "", "role_label": ""},
        "territory": [{"level": "departement", "code": "34", "name": "Hérault"}],
        "territory_description": "Montpellier et environs",
        "brand": "REALIS",
        "member_count": 2,
        "url": "http://testserver/api/v1/ecosystems/realis",
        "page_url": "http://testserver/ecosystemes/realis/",
    }


def test_detail_lists_published_members_and_member_organisations(client, realis):
    authority = OrganisationFactory(slug="departement", name="Département", legal_form=LegalForm.PUBLIC_BODY)
    EcosystemMembership.objects.create(
        ecosystem=realis, organisation=authority, role=MemberRole.ENGAGED_ACTOR, state=MembershipState.ACTIVE
    )
    EcosystemMembership.objects.create(
        ecosystem=realis, organisation=OrganisationFactory(slug="invitee"), state=MembershipState.INVITED
    )
    response = client.get(f"{URL}/realis")
    assert response.status_code == 200
    body = response.json()
    assert [m["slug"] for m in body["members"]] == ["a-coop", "b-incub"]
    assert body["members"][1]["organisation"] == {"slug": "reseau-realis", "name": "Réseau REALIS"}
    assert body["members"][1]["url"] == "http://testserver/api/v1/programmes/b-incub"
    assert body["organisations"] == [
        {
            "organisation": {"slug": "departement", "name": "Département"},
            "role": "engaged_actor",
            "role_label": "Acteur engagé",
        }
    ]
    assert body["member_count"] == 2
    assert body["brand"] == "REALIS"
    assert body["source"] == "Étude 2024"


def test_an_ecosystem_without_territory_still_answers(client):
    EcosystemFactory(slug="ramsess", name="RAMSESS", model="coordination")
    body = client.get(f"{URL}/ramsess").json()
    assert (body["territory"], body["brand"], body["members"]) == ([], None, [])


def test_unknown_ecosystem_is_404(client):
    response = client.get(f"{URL}/inconnu")
    assert response.status_code == 404
    assert response.json() == {"detail": "Écosystème inconnu : inconnu", "errors": {}}


def test_bad_page_is_400_and_a_page_past_the_end_404(client, realis):
    response = client.get(URL, {"page": "0", "page_size": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"page", "page_size"}
    assert client.get(URL, {"page": "2"}).status_code == 404


@pytest.mark.parametrize("path", [URL, f"{URL}/realis"])
def test_wrong_method_is_405(client, realis, path):
    response = client.post(path, {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_do_not_grow(client, django_assert_max_num_queries, count):
    for i in range(count):
        ecosystem = EcosystemFactory(
            slug=f"eco-{i}", leader=OrganisationFactory(), territory_refs=["departement:34", "region:76"]
        )
        ecosystem.members.add(ProgrammeFactory(), ProgrammeFactory())
        EcosystemMembership.objects.create(
            ecosystem=ecosystem, organisation=OrganisationFactory(), state=MembershipState.ACTIVE
        )
    with django_assert_max_num_queries(4):  # count, page, one per territory level
        assert len(client.get(URL).json()["results"]) == count
    with django_assert_max_num_queries(5):  # ecosystem, members, organisations, one per territory level
        assert len(client.get(f"{URL}/eco-0").json()["members"]) == 2

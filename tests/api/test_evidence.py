import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.accounts.services import token_create
from essaim.evidence.facts import facts_refresh
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 1)
SURVIVAL = "/api/v1/evidence/survival"
SUMMARY = "/api/v1/evidence/summary"
FUNNEL = "/api/v1/evidence/funnel"


@pytest.fixture
def programme():
    programme = ProgrammeFactory(slug="alter-incub")
    ids = []
    for i in range(6):
        created = dt.date(2016 + i % 2, 1, 1)
        end = created + dt.timedelta(days=500 + 250 * i)
        obs = (end, "ceased", "0", end) if i in (1, 4) else (end, "active", "1.5")
        ids.append(
            created_project(
                programme=programme, created_on=created, commune_id="34172", observations=[obs]
            ).pk
        )
    facts_refresh(ids, today=TODAY)
    return programme


@pytest.fixture
def viewer():
    user = TerritoryScopeFactory(level="region", code="76").user
    _token, clear = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def test_survival_for_own_territory(client, viewer, programme):
    response = client.get(SURVIVAL, {"scope": "territory:region:76"}, **viewer)
    assert response.status_code == 200
    body = response.json()
    assert (body["scope"], body["label"], body["unit"]) == ("territory:region:76", "Occitanie", "months")
    assert body["reference_points"] == [
        {"t": 60, "estimate": 0.46, "label": "Ensemble des entreprises nouvelles"},
        {"t": 60, "estimate": 0.7, "label": "Entreprises accompagnées"},
    ]
    [group] = body["groups"]
    assert group["n"] == 6
    assert set(group["points"][0]) == {"t", "estimate", "lower", "upper", "at_risk"}
    assert group["points"][0] == {"t": 0.0, "estimate": 1.0, "lower": 1.0, "upper": 1.0, "at_risk": 6}
    assert all(p["at_risk"] >= 5 for p in group["points"])


def test_survival_by_cohort_suppresses_small_groups(client, viewer, programme):
    body = client.get(SURVIVAL, {"scope": "territory:region:76", "by": "cohort"}, **viewer).json()
    assert [(g["label"], g["n"], g["suppressed"], g["points"]) for g in body["groups"]] == [
        ("2015", "< 5", True, []),
        ("2016", "< 5", True, []),
    ]


def test_programme_staff_see_full_figures_by_session(client, programme):
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    body = client.get(SURVIVAL, {"scope": "programme:alter-incub", "by": "cohort"}).json()
    assert [(g["label"], g["n"]) for g in body["groups"]] == [("2015", 3), ("2016", 3)]


def test_summary(client, viewer, programme):
    response = client.get(SUMMARY, {"scope": "territory:region:76"}, **viewer)
    assert response.status_code == 200
    body = response.json()
    assert (body["projects"], body["created"], body["active"], body["ceased"], body["fte"]) == (
        6,
        6,
        4,
        2,
        6.0,
    )
    assert body["leverage"] == {"public": "< 5", "private": "< 5", "ratio": "< 5"}
    assert body["funnel"][0]["stage"] == "suivi_post_creation"


def test_summary_suppressed_for_small_territory(client, viewer):
    body = client.get(SUMMARY, {"scope": "territory:departement:34"}, **viewer).json()
    assert (body["projects"], body["five_year_survival"]) == ("< 5", None)


@pytest.mark.parametrize("path", [SURVIVAL, SUMMARY, FUNNEL])
def test_other_territory_is_403(client, viewer, path):
    response = client.get(path, {"scope": "territory:region:11"}, **viewer)
    assert response.status_code == 403
    assert response.json() == {"detail": "Ce périmètre ne vous est pas ouvert.", "errors": {}}


@pytest.mark.parametrize(
    ("params", "field", "status"),
    [
        ({}, "scope", 400),
        ({"scope": "region:76"}, "scope", 422),
        ({"scope": "territory:planet:1"}, "scope", 422),
        ({"scope": "territory:region:76", "de": "x"}, "de", 400),
        ({"scope": "territory:region:76", "de": "2020", "a": "2019"}, "de", 422),
        ({"scope": "territory:region:76", "by": "colour"}, "by", 400),
    ],
)
@pytest.mark.parametrize("path", [SURVIVAL, FUNNEL])
def test_bad_parameters_name_the_field(client, viewer, params, field, status, path):
    """400 where the OpenAPI document is not followed; 422 where it is and the scope or the
    period cannot be read (decision 0021)."""
    response = client.get(path, params, **viewer)
    assert response.status_code == status
    assert list(response.json()["errors"]) == [field]


def test_unknown_scope_is_404_and_anonymous_401(client, viewer):
    assert client.get(SURVIVAL, {"scope": "programme:nope"}, **viewer).status_code == 404
    assert client.get(SURVIVAL, {"scope": "territory:region:76"}).status_code == 401


@pytest.mark.parametrize("path", [SURVIVAL, SUMMARY, FUNNEL])
def test_wrong_method_is_405(client, viewer, path):
    assert client.post(path, **viewer).status_code == 405


def test_programme_of_another_organisation_is_403(client, programme):
    client.force_login(MembershipFactory().user)
    assert client.get(SUMMARY, {"scope": "programme:alter-incub"}).status_code == 403


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scope=st.text(max_size=40), by=st.one_of(st.none(), st.text(max_size=10)))
def test_survival_never_500(client, viewer, scope, by):
    params = {"scope": scope.replace("\x00", "")}
    if by is not None:
        params["by"] = by.replace("\x00", "")
    assert client.get(SURVIVAL, params, **viewer).status_code in (200, 400, 403, 404, 422)


def test_funnel_overall_and_by_cohort_with_suppression(client, viewer, programme):
    response = client.get(FUNNEL, {"scope": "territory:region:76"}, **viewer)
    assert response.status_code == 200
    body = response.json()
    assert (body["scope"], body["label"], body["by"]) == ("territory:region:76", "Occitanie", None)
    assert body["groups"] == [
        {
            "label": "Ensemble",
            "stages": [
                {
                    "stage": "suivi_post_creation",
                    "entered": 6,
                    "passed": 0,
                    "dropped": 0,
                    "ongoing": 6,
                    "median_days": None,
                }
            ],
        }
    ]
    by_cohort = client.get(FUNNEL, {"scope": "territory:region:76", "by": "cohort"}, **viewer).json()
    assert [
        (g["label"], g["stages"][0]["entered"], g["stages"][0]["ongoing"]) for g in by_cohort["groups"]
    ] == [
        ("2015", "< 5", "< 5"),
        ("2016", "< 5", "< 5"),
    ]


def test_funnel_by_cohort_in_full_for_programme_staff(client, programme):
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    body = client.get(FUNNEL, {"scope": "programme:alter-incub", "by": "cohort"}).json()
    assert [(g["label"], g["stages"][0]["entered"]) for g in body["groups"]] == [("2015", 3), ("2016", 3)]
    client.force_login(MembershipFactory().user)
    assert client.get(FUNNEL, {"scope": "programme:alter-incub", "by": "cohort"}).status_code == 403


def test_funnel_anonymous_is_401(client, programme):
    assert client.get(FUNNEL, {"scope": "territory:region:76"}).status_code == 401

"""/api/v1/budgets/shares: a local authority's or a funder's share of each programme's budget,
with the same readers as the evidence reports (403 otherwise, 401 anonymous)."""

from decimal import Decimal

import pytest

from essaim.accounts.services import token_create
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory
from tests.web.reports.test_budget_shares import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
URL = "/api/v1/budgets/shares"


def _headers(user):
    _token, clear = token_create(user=user, name="test")
    return {"Authorization": f"Bearer {clear}"}


def test_a_region_s_viewer_gets_the_shares(client, world):  # noqa: F811
    viewer = TerritoryScopeFactory(level="region", code="76").user
    body = client.get(URL, {"scope": "territory:region:76"}, headers=_headers(viewer)).json()
    assert body["sources"] == ["region"]
    rows = {r["programme"]: r for r in body["programmes"]}
    assert (rows["alpha"]["share"], rows["alpha"]["leverage"]) == (0.3, 3.33)
    assert Decimal(rows["alpha"]["cost_per_enterprise"]) == Decimal("16667")
    assert rows["beta"]["cost_per_enterprise"] == "< 5"
    assert (Decimal(body["contribution"]), Decimal(body["total"]), body["leverage"]) == (
        Decimal("35000"),
        Decimal("120000"),
        3.43,
    )


def test_readers_outside_the_territory_and_anonymous_are_refused(client, world):  # noqa: F811
    other = TerritoryScopeFactory(level="region", code="11").user
    response = client.get(URL, {"scope": "territory:region:76"}, headers=_headers(other))
    assert response.status_code == 403
    assert "alpha" not in response.content.decode()
    assert client.get(URL, {"scope": "territory:region:76"}).status_code == 401


def test_a_programme_s_staff_get_no_shares_for_their_own_report(client, world):  # noqa: F811
    staff = MembershipFactory(organisation=world[0].organisation).user
    body = client.get(URL, {"scope": "programme:alpha"}, headers=_headers(staff)).json()
    assert body["sources"] == [] and body["programmes"] == []
    assert client.get(URL, {"scope": "programme:beta"}, headers=_headers(staff)).status_code == 403


def test_bad_parameters(client, world):  # noqa: F811
    headers = _headers(TerritoryScopeFactory(level="region", code="76").user)
    assert client.get(URL, headers=headers).status_code == 400
    assert client.get(URL, {"scope": "territory:region:76", "de": 1800}, headers=headers).status_code == 400
    assert client.get(URL, {"scope": "planète:mars"}, headers=headers).status_code == 422
    assert client.get(URL, {"scope": "funder:inconnu"}, headers=headers).status_code == 404
    assert client.post(URL, {"scope": "territory:region:76"}, headers=headers).status_code == 405


def test_the_shares_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):  # noqa: F811
    headers = _headers(TerritoryScopeFactory(level="region", code="76").user)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"scope": "territory:region:76"}, headers=headers).status_code == 200

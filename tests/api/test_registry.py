"""/api/v1/registry: staff list their conflicts and settle them through the same service as the
web (a second decision is a 422), read an enterprise's registry status and ESS bases; the
baseline of a territory (bounds declared, 400 naming the field); 401 anonymous, 404 on ids
outside one's reach, 403 for people neither staff nor territory viewers."""

import pytest

from essaim.accounts.services import token_create
from essaim.core.actors import IMPORT
from essaim.registry import services
from essaim.registry.enums import ConflictState
from essaim.registry.models import Conflict, ImportRun
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.registry.factories import AS_OF, followed_closed, staff_of
from tests.registry.helpers import import_lyon

pytestmark = pytest.mark.django_db

URL = "/api/v1/registry"
JSON = "application/json"


def auth(user) -> dict:
    _token, clear = token_create(user=user, name="test")
    return {"Authorization": f"Bearer {clear}"}


def _conflict():
    enterprise = followed_closed()
    run = ImportRun.objects.create(kind="historique", file_name="h.zip", fingerprint="x", as_of=AS_OF)
    (conflict,) = services.import_recorded(by=IMPORT, run=run)
    return enterprise, conflict


def _resolve(client, conflict, payload, headers=None):
    return client.post(
        f"{URL}/conflicts/{conflict.pk}/resolve", payload, content_type=JSON, headers=headers or {}
    )


def test_anonymous_gets_a_401(client):
    enterprise, conflict = _conflict()
    for path in (
        "/conflicts",
        f"/enterprises/{enterprise.pk}",
        "/baseline?territory=commune:69384&start=2015&end=2019",
    ):
        assert client.get(URL + path).status_code == 401, path
    assert _resolve(client, conflict, {"transition": "accept_registry"}).status_code == 401


def test_staff_list_and_settle_their_conflicts(client):
    enterprise, conflict = _conflict()
    headers = auth(staff_of(enterprise))
    body = client.get(f"{URL}/conflicts?open_only=true", headers=headers).json()
    assert [(c["id"], c["declared"], c["registry"], c["moves"]) for c in body] == [
        (conflict.pk, "active", "F", ["accept_registry", "keep_declared"])
    ]
    assert body[0]["registry_label"] == "fermé depuis le 01/03/2024"
    response = _resolve(client, conflict, {"transition": "keep_declared", "note": "Reprise"}, headers)
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["note"], response.json()["moves"]) == (
        "declared",
        "Reprise",
        [],
    )
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.DECLARED_RIGHT
    assert _resolve(client, conflict, {"transition": "accept_registry"}, headers).status_code == 422
    assert client.get(f"{URL}/conflicts?open_only=true", headers=headers).json() == []


def test_others_get_a_404_on_ids_and_an_empty_list(client):
    enterprise, conflict = _conflict()
    headers = auth(MembershipFactory().user)
    assert client.get(f"{URL}/conflicts", headers=headers).json() == []
    assert client.get(f"{URL}/enterprises/{enterprise.pk}", headers=headers).status_code == 404
    assert _resolve(client, conflict, {"transition": "accept_registry"}, headers).status_code == 404
    assert client.get(f"{URL}/enterprises/{2**40}", headers=headers).status_code == 404
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN


def test_a_bad_decision_is_a_400_naming_the_field(client):
    enterprise, conflict = _conflict()
    response = _resolve(client, conflict, {"transition": "delete"}, auth(staff_of(enterprise)))
    assert response.status_code == 400
    assert "transition" in response.json()["errors"]
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN


def test_an_enterprise_with_its_source_and_date(client):
    enterprise, conflict = _conflict()
    body = client.get(f"{URL}/enterprises/{enterprise.pk}", headers=auth(staff_of(enterprise))).json()
    assert body["establishment"] == {
        "siret": "30222818400057",
        "state": "F",
        "created_on": "2020-06-01",
        "closed_on": "2024-03-01",
        "commune": "69384",
        "source": "stock",
        "as_of": "2026-11-05",
    }
    assert [(s["basis"], s["is_ess"], s["source"]) for s in body["ess"]] == [("legal_form", True, "declared")]
    assert [c["id"] for c in body["conflicts"]] == [conflict.pk]


def test_the_baseline_of_lyon_4e(client):
    import_lyon()
    headers = auth(TerritoryScopeFactory(level="departement", code="69").user)
    body = client.get(f"{URL}/baseline?territory=commune:69384&start=2015&end=2019", headers=headers).json()
    assert (body["n"], body["suppressed"], body["as_of"]) == (4551, False, "2026-11-05")
    assert (body["points"][0]["months"], body["points"][0]["at_risk"]) == (0.0, 4551)
    assert min(p["at_risk"] for p in body["points"]) >= 5
    empty = client.get(f"{URL}/baseline?territory=commune:75056&start=2015&end=2019", headers=headers).json()
    assert (empty["n"], empty["suppressed"], empty["points"]) == (None, True, [])


@pytest.mark.parametrize(
    ("query", "field", "status"),
    [  # 400: not as the document says; 422: well-formed, refused by the domain (decision 0021)
        ("territory=region:84&start=2015&end=2019", "territory", 422),
        ("territory=commune:69384&start=2019&end=2015", "end", 422),
        ("territory=commune:69384&start=1900&end=2015", "start", 422),
        ("territory=commune:69384&start=2015", "end", 400),
    ],
)
def test_bad_baseline_queries_are_a_400_or_422_naming_the_field(client, query, field, status):
    response = client.get(f"{URL}/baseline?{query}", headers=auth(UserFactory(admin=True)))
    assert response.status_code == status
    assert field in response.json()["errors"]


def test_the_baseline_is_refused_to_people_neither_staff_nor_viewers(client):
    headers = auth(UserFactory(carrier=True))
    response = client.get(f"{URL}/baseline?territory=commune:69384&start=2015&end=2019", headers=headers)
    assert response.status_code == 403

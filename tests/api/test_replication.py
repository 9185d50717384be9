"""/api/v1/replication: kits, one kit (lineage, suppressed outcomes), replicating, a copy's
drift and taking the change, candidates; every operation × role, wrong methods."""

import pytest
from django.db import transaction

from essaim.accounts.services import token_create
from essaim.calls.models import TerritoryNeed
from essaim.evidence.facts import facts_refresh
from essaim.replication import services
from essaim.replication.models import Replica
from tests.replication.factories import TEXTS, build_world, project_copy, published_kit

BASE = "/api/v1/replication"
ROLES = ["m_staff", "c_staff", "o_staff", "viewer", "carrier", "anonymous"]


@pytest.fixture
def w(db):
    w = build_world()
    w.kit = published_kit(w)
    w.replica = project_copy(w, w.kit)
    w.kit = services.kit_update(
        kit=w.kit, by=w.m_staff, name=w.kit.name, texts={**TEXTS, "lessons": "Nouvelle."}
    )
    w.draft = services.kit_create(by=w.m_staff, name="Fabrique", programme=w.pm, texts=TEXTS)
    return w


def _headers(w, role):
    if role == "anonymous":
        return {}
    _token, clear = token_create(user=getattr(w, role), name="test")
    return {"Authorization": f"Bearer {clear}"}


def test_kit_list_and_detail(client, w):
    headers = _headers(w, "o_staff")
    body = client.get(f"{BASE}/kits", headers=headers).json()
    assert [k["id"] for k in body["results"]] == [w.kit.pk]
    assert body["results"][0]["version"] == 2
    detail = client.get(f"{BASE}/kits/{w.kit.pk}", headers=headers).json()
    assert [(n["key"], n["parent"], n["drifted"]) for n in detail["lineage"]] == [
        ("model", None, False),
        (f"copy-{w.replica.pk}", "model", True),
    ]
    assert detail["content"]["lessons"] == "Nouvelle."
    assert [r["place"] for r in detail["outcomes"]] == ["model", f"copy-{w.replica.pk}", None]
    assert detail["outcomes"][1]["figures"]["projects"] == "< 5"
    facts_refresh()
    inside = client.get(f"{BASE}/kits/{w.kit.pk}", headers=_headers(w, "c_staff")).json()
    assert inside["outcomes"][1]["figures"]["projects"] == 1


def test_replicating_through_the_api(client, w):
    headers = _headers(w, "o_staff")
    payload = {"name": "Garage de Toulouse", "commune": "31555", "programme": "autre", "parent": w.replica.pk}
    response = client.post(
        f"{BASE}/kits/{w.kit.pk}/replicas", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    replica = Replica.objects.get(project__name="Garage de Toulouse")
    assert (response.json()["id"], response.json()["parent"], response.json()["territory"]) == (
        replica.pk,
        w.replica.pk,
        "commune:31555",
    )
    again = client.post(
        f"{BASE}/kits/{w.kit.pk}/replicas", payload, content_type="application/json", headers=headers
    )
    assert again.status_code == 422
    assert "territory" in again.json()["errors"]


@pytest.mark.parametrize(
    ("payload", "field", "status"),
    [  # 400: not as the document says; 422: naming what does not exist here (decision 0021)
        ({"name": "X", "commune": "99999", "programme": "autre"}, "commune", 422),
        ({"name": "X", "commune": "31555", "programme": "inconnu"}, "programme", 422),
        ({"name": " ", "commune": "31555", "programme": "autre"}, "name", 400),
        ({"name": "X", "commune": "31555", "programme": "autre", "parent": 999999}, "parent", 422),
    ],
)
def test_replicate_bad_input_is_400_or_422_naming_the_field(client, w, payload, field, status):
    response = client.post(
        f"{BASE}/kits/{w.kit.pk}/replicas",
        payload,
        content_type="application/json",
        headers=_headers(w, "o_staff"),
    )
    assert response.status_code == status
    assert field in response.json()["errors"]


def test_drift_and_take(client, w):
    body = client.get(f"{BASE}/replicas/{w.replica.pk}", headers=_headers(w, "c_staff")).json()
    assert body["drift"] == [
        {
            "section": "lessons",
            "label": "Enseignements",
            "added": ["Nouvelle."],
            "removed": ["Commencer par un atelier mobile."],
        }
    ]
    response = client.post(f"{BASE}/replicas/{w.replica.pk}/take", headers=_headers(w, "c_staff"))
    assert (response.status_code, response.json()["drift"], response.json()["version"]) == (200, [], 2)
    again = client.post(f"{BASE}/replicas/{w.replica.pk}/take", headers=_headers(w, "c_staff"))
    assert again.status_code == 422


def test_candidates(client, w):
    TerritoryNeed.objects.create(programme=w.po, title="Un garage", need="x", commune=w.toulouse)
    body = client.get(
        f"{BASE}/candidates", {"territory": "departement:31"}, headers=_headers(w, "viewer")
    ).json()
    assert [(c["kit"], c["reasons"]) for c in body] == [(w.kit.pk, ["Besoin recensé : Un garage"])]
    bad = client.get(f"{BASE}/candidates", {"territory": "departement:999"}, headers=_headers(w, "viewer"))
    assert (bad.status_code, list(bad.json()["errors"])) == (422, ["territory"])


MATRIX = [
    ("get", "/kits", None, [200, 200, 200, 200, 403, 401]),
    ("get", "/kits/{kit}", None, [200, 200, 200, 200, 404, 401]),
    ("get", "/kits/{draft}", None, [200, 404, 404, 404, 404, 401]),
    (
        "post",
        "/kits/{draft}/replicas",
        {"name": "X", "territory": "departement:11", "organisation": "fabrique-copie"},
        [403, 404, 404, 404, 404, 401],
    ),
    ("get", "/replicas/{replica}", None, [200, 200, 404, 404, 404, 401]),
    ("post", "/replicas/{replica}/take", None, [403, 200, 404, 404, 404, 401]),
    ("get", "/candidates?territory=departement:31", None, [200, 200, 200, 200, 403, 401]),
]


@pytest.mark.parametrize(
    ("method", "path", "payload", "statuses"), MATRIX, ids=[f"{m[0]}{m[1]}" for m in MATRIX]
)
def test_permission_matrix(client, w, method, path, payload, statuses):
    url = BASE + path.format(kit=w.kit.pk, draft=w.draft.pk, replica=w.replica.pk)
    got = []
    for role in ROLES:
        headers = _headers(w, role)
        with transaction.atomic():
            if method == "get":
                response = client.get(url, headers=headers)
            else:
                response = client.post(url, payload or {}, content_type="application/json", headers=headers)
            transaction.set_rollback(True)
        got.append(response.status_code)
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, statuses, strict=True))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/kits"),
        ("delete", "/kits/{kit}"),
        ("get", "/kits/{kit}/replicas"),
        ("get", "/replicas/{replica}/take"),
    ],
)
def test_wrong_method_is_405(client, w, method, path):
    url = BASE + path.format(kit=w.kit.pk, replica=w.replica.pk)
    response = getattr(client, method)(url, headers=_headers(w, "m_staff"))
    assert response.status_code == 405

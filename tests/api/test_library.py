"""/api/v1/library: published resources for everyone, a resource's detail (its reuses for its
author's staff), creating, editing, publishing and archiving, reusing a checklist; every
operation × role, wrong methods, bad bodies."""

import pytest

from essaim.accounts.services import token_create
from essaim.library.models import Resource, Reuse
from tests.library.factories import CHECKLIST, build_world

BASE = "/api/v1/library"


@pytest.fixture
def w(db):
    return build_world()


def _headers(w, role):
    if role == "anonymous":
        return {}
    _token, clear = token_create(user=getattr(w, role), name="test")
    return {"Authorization": f"Bearer {clear}"}


@pytest.mark.parametrize("role", ["anonymous", "a_staff", "b_staff"])
def test_list_is_the_published_entries_for_everyone(client, w, role):
    body = client.get(f"{BASE}/resources", headers=_headers(w, role)).json()
    assert [r["id"] for r in body["results"]] == [w.published.pk]
    assert body["results"][0]["stages"] == ["emergence"]


def test_list_filters_and_bad_filters(client, w):
    assert client.get(f"{BASE}/resources?need=feasibility").json()["count"] == 1
    assert client.get(f"{BASE}/resources?stage=creation").json()["count"] == 0
    assert client.get(f"{BASE}/resources?resource_kind=guide").json()["count"] == 0
    assert client.get(f"{BASE}/resources?stage=adolescence").status_code == 400
    assert client.get(f"{BASE}/resources?page=0").status_code == 400


def test_list_query_count(client, w, django_assert_num_queries):
    for n in range(5):
        r = Resource.objects.create(
            programme=w.pb, kind="guide", title=f"G{n}", summary="s", licence="cc_by_4", state="published"
        )
        r.tags.create(facet="need", value="financing")
    with django_assert_num_queries(3):  # count, page, tags
        assert client.get(f"{BASE}/resources").json()["count"] == 6


@pytest.mark.parametrize(("role", "status"), [("anonymous", 404), ("b_staff", 404), ("a_staff", 200)])
def test_a_draft_is_seen_by_its_programmes_staff_only(client, w, role, status):
    response = client.get(f"{BASE}/resources/{w.draft.pk}", headers=_headers(w, role))
    assert response.status_code == status
    if status == 200:
        assert response.json()["id"] == w.draft.pk


def test_detail_shows_reuses_to_the_author_only(client, w):
    client.post(
        f"{BASE}/resources/{w.published.pk}/reuses",
        {"stage": w.stage_b.pk},
        content_type="application/json",
        headers=_headers(w, "b_staff"),
    )
    author = client.get(f"{BASE}/resources/{w.published.pk}", headers=_headers(w, "a_staff")).json()
    assert (author["reusers"], [u["programme"] for u in author["reuses"]]) == (1, ["prog-b"])
    assert author["outcomes"]["with_resource"] == {"projects": "< 5", "moved_on": "< 5", "median_days": "< 5"}
    reader = client.get(f"{BASE}/resources/{w.published.pk}", headers=_headers(w, "b_staff")).json()
    assert (reader["reusers"], reader["reuses"], reader["items"]) == (None, None, CHECKLIST["items"])
    assert reader["outcomes"] is None


PAYLOAD = dict(CHECKLIST)


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("b_staff", 403), ("a_staff", 201)])
def test_create(client, w, role, status):
    before = Resource.objects.count()
    response = client.post(
        f"{BASE}/resources",
        {**PAYLOAD, "programme": "prog-a"},
        content_type="application/json",
        headers=_headers(w, role),
    )
    assert response.status_code == status
    assert Resource.objects.count() == before + (status == 201)
    if status == 201:
        body = response.json()
        assert (body["state"], body["programme"], body["version"]) == ("draft", "prog-a", 0)


def test_create_for_an_unknown_programme_is_a_domain_refusal(client, w):
    response = client.post(
        f"{BASE}/resources",
        {**PAYLOAD, "programme": "nulle-part"},
        content_type="application/json",
        headers=_headers(w, "a_staff"),
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    "payload",
    [
        {**PAYLOAD, "programme": "prog-a", "title": "x" * 201},
        {**PAYLOAD, "programme": "prog-a", "licence": "wtfpl"},
        {**PAYLOAD, "programme": "prog-a", "items": ["x" * 121]},
        {**PAYLOAD, "programme": "prog-a", "stages": ["adolescence"]},
        [],
    ],
)
def test_create_bad_bodies_are_400(client, w, payload):
    response = client.post(
        f"{BASE}/resources", payload, content_type="application/json", headers=_headers(w, "a_staff")
    )
    assert response.status_code == 400


def test_create_a_checklist_without_lines_is_a_domain_refusal(client, w):
    response = client.post(
        f"{BASE}/resources",
        {**PAYLOAD, "programme": "prog-a", "items": []},
        content_type="application/json",
        headers=_headers(w, "a_staff"),
    )
    assert response.status_code == 422
    assert "items" in response.json()["errors"]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("b_staff", 403), ("a_staff", 200)])
def test_update_a_published_resource(client, w, role, status):
    response = client.put(
        f"{BASE}/resources/{w.published.pk}",
        {**PAYLOAD, "title": "Neuf"},
        content_type="application/json",
        headers=_headers(w, role),
    )
    assert response.status_code == status
    w.published.refresh_from_db()
    assert (w.published.title, w.published.version) == (
        ("Neuf", 2) if status == 200 else (CHECKLIST["title"], 1)
    )


def test_update_a_draft_of_another_programme_is_404(client, w):
    response = client.put(
        f"{BASE}/resources/{w.draft.pk}",
        {**PAYLOAD, "kind": "guide"},
        content_type="application/json",
        headers=_headers(w, "b_staff"),
    )
    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("b_staff", 404), ("a_staff", 200)])
def test_publish_a_draft(client, w, role, status):
    response = client.post(
        f"{BASE}/resources/{w.draft.pk}/transition",
        {"action": "publish"},
        content_type="application/json",
        headers=_headers(w, role),
    )
    assert response.status_code == status
    w.draft.refresh_from_db()
    assert w.draft.state == ("published" if status == 200 else "draft")


def test_transitions_refused(client, w):
    headers = _headers(w, "a_staff")
    url = f"{BASE}/resources/{w.published.pk}/transition"
    assert (
        client.post(url, {"action": "publish"}, content_type="application/json", headers=headers).status_code
        == 422
    )
    assert (
        client.post(url, {"action": "burn"}, content_type="application/json", headers=headers).status_code
        == 400
    )
    assert (
        client.post(
            url, {"action": "archive"}, content_type="application/json", headers=_headers(w, "b_staff")
        ).status_code
        == 403
    )


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("o_staff", 403), ("b_staff", 201)])
def test_reuse(client, w, role, status):
    response = client.post(
        f"{BASE}/resources/{w.published.pk}/reuses",
        {"stage": w.stage_b.pk},
        content_type="application/json",
        headers=_headers(w, role),
    )
    assert response.status_code == status
    assert list(Reuse.objects.values_list("stage_id", flat=True)) == ([w.stage_b.pk] if status == 201 else [])
    if status == 201:
        assert response.json()["version"] == 1


def test_reuse_of_a_draft_is_404_and_an_unknown_stage_404(client, w):
    headers = _headers(w, "b_staff")
    url = f"{BASE}/resources/{w.draft.pk}/reuses"
    assert (
        client.post(
            url, {"stage": w.stage_b.pk}, content_type="application/json", headers=headers
        ).status_code
        == 404
    )
    url = f"{BASE}/resources/{w.published.pk}/reuses"
    assert (
        client.post(url, {"stage": 999999}, content_type="application/json", headers=headers).status_code
        == 404
    )


def test_wrong_methods(client, w):
    headers = _headers(w, "a_staff")
    assert client.delete(f"{BASE}/resources/{w.published.pk}", headers=headers).status_code == 405
    assert client.get(f"{BASE}/resources/{w.published.pk}/transition", headers=headers).status_code == 405
    assert client.get(f"{BASE}/resources/{w.published.pk}/reuses", headers=headers).status_code == 405


@pytest.mark.parametrize("resource_id", [0, 2**31, 2**63])
def test_ids_past_the_database_range_are_404(client, w, resource_id):
    assert client.get(f"{BASE}/resources/{resource_id}").status_code == 404

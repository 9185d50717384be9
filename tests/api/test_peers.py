"""/api/v1/peers: the posts of the caller's boards, a post with its answers, posting, answering;
every operation × role (member, another board's member, anonymous), wrong methods, bad bodies,
query count of the list."""

import pytest
from django.core import mail

from essaim.accounts.services import token_create
from essaim.peers import services
from essaim.peers.models import Answer, Post
from tests.peers.factories import QUESTION, build_world

BASE = "/api/v1/peers"


@pytest.fixture
def w(db):
    return build_world()


def _headers(w, role):
    if role == "anonymous":
        return {}
    _token, clear = token_create(user=getattr(w, role), name="test")
    return {"Authorization": f"Bearer {clear}"}


def _new(w, **change):
    return {**QUESTION, "board_level": "programme", "board_id": w.pa.pk, **change}


def test_anonymous_is_401_everywhere(client, w):
    assert client.get(f"{BASE}/posts").status_code == 401
    assert client.get(f"{BASE}/posts/{w.post_a.pk}").status_code == 401
    assert client.post(f"{BASE}/posts", _new(w), content_type="application/json").status_code == 401
    response = client.post(
        f"{BASE}/posts/{w.post_a.pk}/answers", {"body": "x"}, content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("role", "ids"),
    [("ca", {"post_a", "post_e"}), ("a_staff", {"post_a", "post_e"}), ("cb", {"post_e"}), ("co", set())],
)
def test_list_is_the_callers_boards(client, w, role, ids):
    body = client.get(f"{BASE}/posts", headers=_headers(w, role)).json()
    assert {r["id"] for r in body["results"]} == {getattr(w, i).pk for i in ids}


def test_list_filters_and_bad_filters(client, w):
    h = _headers(w, "ca")
    assert client.get(f"{BASE}/posts?kind=offer", headers=h).json()["count"] == 1
    assert client.get(f"{BASE}/posts?board=programme:{w.pa.pk}", headers=h).json()["count"] == 1
    assert client.get(f"{BASE}/posts?stage=adolescence", headers=h).status_code == 400
    assert client.get(f"{BASE}/posts?page=0", headers=h).status_code == 400


@pytest.mark.parametrize("n", [1, 10])
def test_list_query_count(client, w, django_assert_max_num_queries, n):
    Post.objects.bulk_create(
        Post(programme=w.pa, author=w.ca2, kind="offer", title=f"Offre {i}", body="b") for i in range(n)
    )
    h = _headers(w, "ca")
    with django_assert_max_num_queries(10):
        assert client.get(f"{BASE}/posts", headers=h).json()["count"] == n + 2


@pytest.mark.parametrize(("role", "status"), [("ca2", 200), ("a_staff", 200), ("cb", 404), ("o_staff", 404)])
def test_detail(client, w, role, status):
    services.answer_create(post=w.post_a, by=w.ca2, body="La SCIC.")
    response = client.get(f"{BASE}/posts/{w.post_a.pk}", headers=_headers(w, role))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["id"] == w.post_a.pk and body["answers"] == 1
        assert body["answer_list"][0]["body"] == "La SCIC."
    assert client.get(f"{BASE}/posts/99999999999", headers=_headers(w, role)).status_code == 404


def test_post_and_answer(client, w, django_capture_on_commit_callbacks):
    response = client.post(
        f"{BASE}/posts", _new(w, commune="34172"), content_type="application/json", headers=_headers(w, "ca2")
    )
    assert response.status_code == 201
    post = Post.objects.get(pk=response.json()["id"])
    assert post.author == w.ca2 and post.commune_id == "34172"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{BASE}/posts/{post.pk}/answers",
            {"body": "Voyez l'URSCOP."},
            content_type="application/json",
            headers=_headers(w, "a_staff"),
        )
    assert response.status_code == 201 and response.json()["body"] == "Voyez l'URSCOP."
    assert mail.outbox[0].to == ["ca2@example.org"]


def test_another_boards_member_may_not_post_or_answer(client, w):
    response = client.post(
        f"{BASE}/posts", _new(w), content_type="application/json", headers=_headers(w, "cb")
    )
    assert response.status_code == 403
    response = client.post(
        f"{BASE}/posts/{w.post_a.pk}/answers",
        {"body": "x"},
        content_type="application/json",
        headers=_headers(w, "cb"),
    )
    assert response.status_code == 404
    assert Post.objects.count() == 2 and not Answer.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"title": " "}, "title", 400),
        ({"body": "x" * 5001}, "body", 400),
        ({"kind": "advert"}, "kind", 400),
        ({"board_id": 999999}, "board_id", 422),
        ({"commune": "00000"}, "commune", 422),
    ],
)
def test_bad_bodies_name_the_field_and_save_nothing(client, w, change, field, status):
    response = client.post(
        f"{BASE}/posts", _new(w, **change), content_type="application/json", headers=_headers(w, "ca2")
    )
    assert response.status_code == status
    assert field in str(response.json())
    assert Post.objects.count() == 2


def test_a_bad_answer(client, w):
    h = _headers(w, "ca2")
    url = f"{BASE}/posts/{w.post_a.pk}/answers"
    assert client.post(url, {"body": ""}, content_type="application/json", headers=h).status_code == 400
    assert (
        client.post(url, {"body": "x" * 2001}, content_type="application/json", headers=h).status_code == 400
    )
    assert client.post(url, [], content_type="application/json", headers=h).status_code == 400
    assert not Answer.objects.exists()


def test_wrong_methods(client, w):
    h = _headers(w, "ca")
    assert client.delete(f"{BASE}/posts", headers=h).status_code == 405
    assert client.put(f"{BASE}/posts/{w.post_a.pk}", headers=h).status_code == 405
    assert client.get(f"{BASE}/posts/{w.post_a.pk}/answers", headers=h).status_code == 405


def test_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/peers/posts" in paths and "/api/v1/peers/posts/{post_id}/answers" in paths


def test_circles_and_pooled_resources(client, w):
    import datetime as dt

    circle = services.circle_create(programme=w.pa, by=w.a_staff, name="Cercle")
    services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca)
    services.circle_meeting_record(
        circle=circle,
        by=w.a_staff,
        date=dt.date(2026, 1, 10),
        duration_minutes=60,
        topic="x",
        attendees=[w.ca],
    )
    body = client.get(f"{BASE}/circles", headers=_headers(w, "ca")).json()
    assert [(c["id"], c["members"], c["meetings"]) for c in body["results"]] == [(circle.pk, 1, 1)]
    assert client.get(f"{BASE}/circles", headers=_headers(w, "cb")).json()["count"] == 0
    assert client.get(f"{BASE}/circles").status_code == 401
    data = {"register_level": "ecosystem", "register_id": w.eco.pk, "kind": "equipment", "title": "Camion"}
    h = _headers(w, "cb")
    response = client.post(
        f"{BASE}/pooled", {**data, "description": "Le week-end."}, content_type="application/json", headers=h
    )
    assert response.status_code == 201 and response.json()["shared_in"]["name"] == w.eco.name
    assert (
        client.post(
            f"{BASE}/pooled", {**data, "description": ""}, content_type="application/json", headers=h
        ).status_code
        == 400
    )
    response = client.post(
        f"{BASE}/pooled",
        {**data, "description": "x"},
        content_type="application/json",
        headers=_headers(w, "co"),
    )
    assert response.status_code == 403
    assert client.get(f"{BASE}/pooled", headers=_headers(w, "ca")).json()["count"] == 1
    assert client.get(f"{BASE}/pooled", headers=_headers(w, "co")).json()["count"] == 0
    assert client.get(f"{BASE}/pooled?page=0", headers=h).status_code == 400

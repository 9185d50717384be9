import pytest
from django.urls import reverse

from essaim.accompaniment.models import Meeting, StageTransition
from essaim.accounts.services import token_create
from essaim.audit.models import Event
from tests.api.conftest import bearer
from tests.factories.accompaniment import MeetingFactory, ProjectFactory, build_world


@pytest.fixture
def world(db):
    return build_world()


def token_for(user) -> dict:
    _token, clear = token_create(user=user, name="test")
    return bearer(clear)


def test_list_returns_only_visible_projects(client, world):
    response = client.get("/api/v1/projects", headers=token_for(world.member_a))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": world.project_a.pk,
            "name": "Épicerie du Faubourg",
            "programme": "incubateur-a",
            "model": "carrier",
            "stage": "selection",
            "stage_name": "Sélection",
            "life_stage": "emergence",
            "status": "active",
            "commune": None,
            "sector": "Alimentation",
            "started_on": "2026-01-05",
            "created_on": None,
            "carriers": [{"id": world.carrier.pk, "name": "Awa Diallo", "email": "porteuse@example.org"}],
        }
    ]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("carrier", ["a"]),
        ("other_carrier", ["b"]),
        ("staff_b", ["b"]),
        ("expert", []),
        ("platform_admin", ["a", "b"]),
    ],
)
def test_list_per_role(client, world, actor, expected):
    names = {world.project_a.pk: "a", world.project_b.pk: "b"}
    body = client.get("/api/v1/projects", headers=token_for(getattr(world, actor))).json()
    assert sorted(names[p["id"]] for p in body["results"]) == expected


def test_anonymous_is_401(client, world):
    assert client.get("/api/v1/projects").status_code == 401
    assert client.get(f"/api/v1/projects/{world.project_a.pk}").status_code == 401


def test_other_tenant_is_404(client, world):
    response = client.get(f"/api/v1/projects/{world.project_b.pk}", headers=token_for(world.member_a))
    assert response.status_code == 404
    assert response.json() == {"detail": "Projet introuvable.", "errors": {}}
    response = client.get(
        f"/api/v1/projects/{world.project_b.pk}/meetings", headers=token_for(world.member_a)
    )
    assert response.status_code == 404


def test_session_auth_works(client, world):
    client.force_login(world.carrier)
    response = client.get(f"/api/v1/projects/{world.project_a.pk}")
    assert response.json()["id"] == world.project_a.pk


@pytest.mark.parametrize("n", [1, 15])
def test_list_query_count(client, world, django_assert_num_queries, n):
    for _ in range(n):
        ProjectFactory(programme=world.programme_a, carriers=[world.carrier])
    headers = token_for(world.member_a)
    # token look-up + last-used update, memberships, count, page, carriers prefetch
    with django_assert_num_queries(6):
        response = client.get("/api/v1/projects", headers=headers)
    assert response.json()["count"] == n + 1


def test_meetings_read_and_write(client, world):
    MeetingFactory(project=world.project_a, topics="Budget")
    url = f"/api/v1/projects/{world.project_a.pk}/meetings"
    body = client.get(url, headers=token_for(world.carrier)).json()
    assert [m["topics"] for m in body["results"]] == ["Budget"]
    payload = {"date": "2026-03-02", "duration_minutes": 45, "kind": "expert", "topics": "Statuts"}
    assert (
        client.post(
            url, payload, content_type="application/json", headers=token_for(world.carrier)
        ).status_code
        == 403
    )
    response = client.post(url, payload, content_type="application/json", headers=token_for(world.member_a))
    assert response.status_code == 201
    assert response.json()["topics"] == "Statuts"
    assert Meeting.objects.filter(project=world.project_a).count() == 2


def test_meeting_bad_input_is_400_in_french(client, world):
    url = f"/api/v1/projects/{world.project_a.pk}/meetings"
    payload = {"date": "2026-03-02", "duration_minutes": 0}
    response = client.post(url, payload, content_type="application/json", headers=token_for(world.member_a))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "duration_minutes": "La durée doit être comprise entre 1 minute et 24 heures."
    }


def test_transitions(client, world):
    url = f"/api/v1/projects/{world.project_a.pk}/transitions"
    headers = token_for(world.member_a)
    response = client.post(url, {"to_stage": "incubation"}, content_type="application/json", headers=headers)
    assert response.status_code == 409
    assert response.json()["detail"].startswith("On ne peut pas sauter d'étape")
    response = client.post(url, {"to_stage": "nope"}, content_type="application/json", headers=headers)
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"to_stage": "Étape inconnue dans le parcours du projet."},
    }
    response = client.post(
        url,
        {"to_stage": "opportunite_faisabilite", "comment": "ok"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert (response.json()["from_stage"], response.json()["to_stage"]) == (
        "selection",
        "opportunite_faisabilite",
    )
    assert StageTransition.objects.filter(project=world.project_a).count() == 1
    response = client.post(
        url, {"to_stage": "incubation"}, content_type="application/json", headers=token_for(world.carrier)
    )
    assert response.status_code == 403
    response = client.post(
        f"/api/v1/projects/{world.project_b.pk}/transitions",
        {"action": "abandon", "comment": "x"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404


def test_wrong_method_is_405(client, world):
    response = client.delete(f"/api/v1/projects/{world.project_a.pk}", headers=token_for(world.member_a))
    assert response.status_code == 405


def test_endpoints_in_openapi(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/projects",
        "/api/v1/projects/{project_id}",
        "/api/v1/projects/{project_id}/meetings",
        "/api/v1/projects/{project_id}/transitions",
        "/api/v1/projects/{project_id}/meetings/{meeting_id}",
    } <= set(paths)
    assert {"patch", "delete"} <= set(paths["/api/v1/projects/{project_id}/meetings/{meeting_id}"])
    assert reverse("api:project-list") == "/api/v1/projects"


def test_transition_history_is_readable_by_the_carrier(client, world):
    url = f"/api/v1/projects/{world.project_a.pk}/transitions"
    client.post(
        url,
        {"to_stage": "opportunite_faisabilite", "comment": "ok"},
        content_type="application/json",
        headers=token_for(world.member_a),
    )
    body = client.get(url, headers=token_for(world.carrier)).json()
    assert [(t["from_stage"], t["to_stage"], t["by"]) for t in body["results"]] == [
        ("selection", "opportunite_faisabilite", "membre-a@example.org")
    ]
    assert client.get(url, headers=token_for(world.other_carrier)).status_code == 404


def test_meeting_correction_and_deletion(client, world):
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90, topics="Budget")
    url = f"/api/v1/projects/{world.project_a.pk}/meetings/{meeting.pk}"
    headers = token_for(world.member_a)
    response = client.patch(url, {"duration_minutes": 60}, content_type="application/json", headers=headers)
    assert response.status_code == 200
    assert (response.json()["duration_minutes"], response.json()["topics"]) == (60, "Budget")
    world.project_a.refresh_from_db()
    assert world.project_a.meeting_minutes == 60
    assert Event.objects.get(action="update", object_id=meeting.pk).changes == {"duration_minutes": [90, 60]}
    response = client.delete(url, headers=headers)
    assert response.status_code == 204
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    world.project_a.refresh_from_db()
    assert world.project_a.meeting_minutes == 0


def test_meeting_correction_bad_input(client, world):
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90)
    url = f"/api/v1/projects/{world.project_a.pk}/meetings/{meeting.pk}"
    headers = token_for(world.member_a)
    for body, status, errors in [
        (
            {"duration_minutes": 0},
            400,
            {"duration_minutes": "La durée doit être comprise entre 1 minute et 24 heures."},
        ),
        ({"date": None}, 400, {"date": "Ce champ ne peut pas être vide."}),
        (
            {"kind": "apero"},
            400,
            {
                "kind": "Valeur inconnue. Valeurs possibles : 'individual', 'workshop', 'expert' or 'committee'."
            },
        ),
        (  # as the document allows, refused by the service's rule (decision 0021)
            {"next_meeting_on": "2020-01-01"},
            422,
            {"next_meeting_on": "Le prochain rendez-vous doit suivre celui-ci."},
        ),
    ]:
        response = client.patch(url, body, content_type="application/json", headers=headers)
        assert (response.status_code, response.json()["errors"]) == (status, errors)
    meeting.refresh_from_db()
    assert (meeting.duration_minutes, meeting.kind, meeting.next_meeting_on) == (90, "individual", None)


def test_meeting_correction_actors(client, world):
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90)
    meeting_b = MeetingFactory(project=world.project_b, duration_minutes=90)
    url = f"/api/v1/projects/{world.project_a.pk}/meetings/{meeting.pk}"
    body = {"duration_minutes": 10}
    assert client.patch(url, body, content_type="application/json").status_code == 401
    for actor, status in [("carrier", 403), ("staff_b", 404), ("other_carrier", 404), ("expert", 404)]:
        headers = token_for(getattr(world, actor))
        assert client.patch(url, body, content_type="application/json", headers=headers).status_code == status
        assert client.delete(url, headers=headers).status_code == status
    headers = token_for(world.admin_a)
    # another project's meeting through project A's URL, and project B itself: 404
    wrong = f"/api/v1/projects/{world.project_a.pk}/meetings/{meeting_b.pk}"
    assert client.patch(wrong, body, content_type="application/json", headers=headers).status_code == 404
    assert (
        client.delete(
            f"/api/v1/projects/{world.project_b.pk}/meetings/{meeting_b.pk}", headers=headers
        ).status_code
        == 404
    )
    assert client.get(url, headers=headers).status_code == 405
    assert sorted(Meeting.objects.values_list("duration_minutes", flat=True)) == [90, 90]

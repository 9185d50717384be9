import pytest
from django.core import mail

from essaim.accounts.services import token_create
from essaim.calls.models import Application
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    _token, clear = token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def test_open_calls_are_public(client):
    call = CallFactory(open=True, title="Appel ouvert", territory_refs=["departement:34"])
    CallFactory(title="Brouillon")
    CallFactory(open=True, programme=ProgrammeFactory(is_published=False))
    response = client.get("/api/v1/calls")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "id": call.pk,
        "title": "Appel ouvert",
        "programme": call.programme.slug,
        "organisation": call.programme.organisation.name,
        "state": "open",
        "opens_at": body["results"][0]["opens_at"],
        "closes_at": body["results"][0]["closes_at"],
        "territory_refs": ["departement:34"],
        "accepts_submissions": True,
    }


@pytest.mark.parametrize("n", [1, 6])
def test_call_list_query_count(client, django_assert_num_queries, n):
    for _ in range(n):
        CallFactory(open=True)
    with django_assert_num_queries(2):  # count, page
        assert client.get("/api/v1/calls").json()["count"] == n


def test_call_detail_with_criteria_and_questions(client):
    call = CallFactory(open=True)
    criterion = CriterionFactory(call=call, label="Utilité", weight=2)
    question = QuestionFactory(call=call, label="Public", kind="choice", choices=["A", "B"])
    body = client.get(f"/api/v1/calls/{call.pk}").json()
    assert body["criteria"] == [{"id": criterion.pk, "label": "Utilité", "description": "", "weight": 2}]
    assert body["questions"] == [
        {
            "id": question.pk,
            "label": "Public",
            "help_text": "",
            "kind": "choice",
            "choices": ["A", "B"],
            "required": True,
        }
    ]


def test_draft_call_is_404_except_for_its_staff(client):
    call = CallFactory()
    assert client.get(f"/api/v1/calls/{call.pk}").status_code == 404
    other = MembershipFactory().user
    assert client.get(f"/api/v1/calls/{call.pk}", **_auth(other)).status_code == 404
    staff = MembershipFactory(organisation=call.programme.organisation).user
    assert client.get(f"/api/v1/calls/{call.pk}", **_auth(staff)).json()["state"] == "draft"


def test_apply_needs_authentication(client):
    call = CallFactory(open=True)
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications", {"project_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_apply_saves_then_submits(client):
    call = CallFactory(open=True, title="Appel API")
    question = QuestionFactory(call=call, label="Public visé")
    user = UserFactory()
    headers = _auth(user)
    url = f"/api/v1/calls/{call.pk}/applications"
    response = client.post(
        url, {"project_name": "Recyclerie", "submit": True}, content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Candidature incomplète : répondez à « Public visé ».",
        "errors": {
            f"q_{question.pk}": "Cette question est obligatoire.",
            "summary": "Décrivez votre projet en quelques lignes.",
        },
    }
    assert Application.objects.count() == 0  # nothing partial
    response = client.post(
        url,
        {
            "project_name": "Recyclerie",
            "summary": "Réemploi",
            "commune": "34172",
            "answers": {str(question.pk): "Jeunes"},
            "submit": True,
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get()
    assert (body["id"], body["state"], body["commune"], body["carrier"]["email"]) == (
        application.pk,
        "submitted",
        "34172",
        user.email,
    )
    assert [m.subject for m in mail.outbox] == ["Candidature reçue : Appel API"]
    response = client.post(url, {"project_name": "Autre"}, content_type="application/json", **headers)
    assert response.status_code == 409
    assert response.json()["detail"] == "Une candidature déposée ne se modifie plus."


def test_apply_bad_commune(client):
    call = CallFactory(open=True)
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"project_name": "X", "commune": "99999"},
        content_type="application/json",
        **_auth(UserFactory()),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"commune": "Commune inconnue : 99999."}


def test_applications_by_role():
    from django.test import Client

    call = CallFactory(open=True, blind_review=True)
    application = ApplicationFactory(call=call, submitted=True, feedback="")
    draft = ApplicationFactory(call=call)
    other = ApplicationFactory(submitted=True)
    staff = MembershipFactory(organisation=call.programme.organisation).user
    reviewer = ReviewFactory(application=application).reviewer
    client = Client()

    def ids(user):
        response = client.get("/api/v1/applications", **_auth(user))
        assert response.status_code == 200
        return response.json()["results"]

    assert {a["id"] for a in ids(staff)} == {application.pk}
    assert [a["id"] for a in ids(application.carrier)] == [application.pk]
    assert [a["id"] for a in ids(draft.carrier)] == [draft.pk]
    seen_by_reviewer = ids(reviewer)
    assert [(a["id"], a["carrier"], a["feedback"]) for a in seen_by_reviewer] == [
        (application.pk, None, None)
    ]
    assert ids(UserFactory(expert=True)) == []
    assert {a["id"] for a in ids(MembershipFactory(organisation=other.call.programme.organisation).user)} == {
        other.pk
    }
    assert client.get("/api/v1/applications").status_code == 401


@pytest.mark.parametrize("n", [1, 6])
def test_application_list_query_count(client, django_assert_num_queries, n):
    call = CallFactory(open=True)
    staff = MembershipFactory(organisation=call.programme.organisation).user
    for _ in range(n):
        ApplicationFactory(call=call, submitted=True)
    headers = _auth(staff)
    with django_assert_num_queries(5):  # token, token last use, count, page, memberships
        assert client.get("/api/v1/applications", **headers).json()["count"] == n


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/calls",
        "/api/v1/calls/{call_id}",
        "/api/v1/calls/{call_id}/applications",
        "/api/v1/applications",
        "/api/v1/applications/{application_id}",
        "/api/v1/applications/{application_id}/decision",
    } <= set(paths)


def test_application_detail_by_role(client):
    application = ApplicationFactory(submitted=True)
    staff = MembershipFactory(organisation=application.call.programme.organisation).user
    url = f"/api/v1/applications/{application.pk}"
    assert client.get(url, **_auth(staff)).json()["id"] == application.pk
    assert client.get(url, **_auth(application.carrier)).json()["feedback"] == ""
    assert client.get(url, **_auth(MembershipFactory().user)).status_code == 404
    assert client.get(url, **_auth(UserFactory(expert=True))).status_code == 404
    assert client.get(url).status_code == 401


def test_decision_through_the_api():
    from django.test import Client

    from essaim.accompaniment.models import Project

    client = Client()
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    staff = MembershipFactory(organisation=application.call.programme.organisation).user
    reviewer = ReviewFactory(application=application).reviewer
    url = f"/api/v1/applications/{application.pk}/decision"
    body = {"decision": "accept", "feedback": "Bienvenue."}
    response = client.post(url, body, content_type="application/json", **_auth(reviewer))
    assert response.status_code == 403
    response = client.post(url, body, content_type="application/json", **_auth(MembershipFactory().user))
    assert response.status_code == 404
    response = client.post(url, {**body, "decision": "bof"}, content_type="application/json", **_auth(staff))
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"decision": "Décision inconnue."},
    }
    response = client.post(url, body, content_type="application/json", **_auth(staff))
    assert response.status_code == 200
    project = Project.objects.get()
    assert (response.json()["state"], response.json()["project"]) == ("accepted", project.pk)
    response = client.post(url, body, content_type="application/json", **_auth(staff))
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Retenir » impossible dans l'état « Retenue »."

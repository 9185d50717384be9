"""Calls in the API (essaim/api/routers/calls/calls.py): open calls, one call, applying, moves."""

import pytest
from django.core import mail
from django.test import Client

from essaim.audit.models import Event
from essaim.calls.models import Application
from essaim.calls.workflows import CALL_WORKFLOW
from tests.api.calls.helpers import bearer, post_json
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    QuestionFactory,
    staff_of,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


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
    assert client.get(f"/api/v1/calls/{call.pk}", **bearer(other)).status_code == 404
    staff = MembershipFactory(organisation=call.programme.organisation).user
    assert client.get(f"/api/v1/calls/{call.pk}", **bearer(staff)).json()["state"] == "draft"


def test_apply_needs_authentication(client):
    call = CallFactory(open=True)
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications", {"project_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_apply_saves_then_submits(client, django_capture_on_commit_callbacks):
    call = CallFactory(open=True, title="Appel API")
    question = QuestionFactory(call=call, label="Public visé")
    user = UserFactory()
    headers = bearer(user)
    url = f"/api/v1/calls/{call.pk}/applications"
    response = client.post(
        url, {"project_name": "Recyclerie", "submit": True}, content_type="application/json", **headers
    )
    assert response.status_code == 422  # the document's body, refused by the call's rules (0021)
    assert response.json() == {
        "detail": "Candidature incomplète : répondez à « Public visé ».",
        "errors": {
            f"q_{question.pk}": "Cette question est obligatoire.",
            "summary": "Décrivez votre projet en quelques lignes.",
        },
    }
    assert Application.objects.count() == 0  # nothing partial
    with django_capture_on_commit_callbacks(execute=True):
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
        **bearer(UserFactory()),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "commune": "Commune inconnue : « 99999 ». Aucune commune ne porte ce code INSEE ou ce code postal."
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Montpellier", {"commune": "34172"}),
        ("cp:34070", {"commune": "34172"}),
        ("Saint-Martin (Gers)", {"commune": "32389"}),
        (
            "Saint-Martin",
            {
                "error": "Plusieurs communes correspondent à « Saint-Martin » : précisez laquelle. "
                "(Saint-Martin (outre-mer), Saint-Martin (Hautes-Pyrénées), Saint-Martin (Gers), "
                "Saint-Martin (Bas-Rhin), Saint-Martin (Meurthe-et-Moselle))"
            },
        ),
    ],
)
def test_apply_with_the_commune_as_a_person_types_it(client, text, expected):
    call = CallFactory(open=True)
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"project_name": "X", "commune": text},
        content_type="application/json",
        **bearer(UserFactory()),
    )
    if "error" in expected:
        assert response.status_code == 422
        assert response.json()["errors"] == {"commune": expected["error"]}
    else:
        assert response.status_code == 201
        assert response.json()["commune"] == expected["commune"]


def test_staff_cannot_apply_to_their_own_call():
    call = CallFactory(open=True)
    url = f"/api/v1/calls/{call.pk}/applications"
    response = post_json(url, {"project_name": "X", "summary": "Y"}, staff_of(call))
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater."
    )
    assert Application.objects.count() == 0
    assert post_json(url, {"project_name": "X", "summary": "Y"}, MembershipFactory().user).status_code == 201


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


def test_staff_open_a_call_and_the_move_is_logged():
    call = CallFactory()
    CriterionFactory(call=call)
    staff = staff_of(call)
    response = post_json(f"/api/v1/calls/{call.pk}/transitions", {"name": "open", "comment": "Go"}, staff)
    assert response.status_code == 200
    assert response.json() == {"id": call.pk, "state": "open", "available": ["start_review"]}
    (log,) = CALL_WORKFLOW.log(call)
    assert (log.from_state, log.to_state, log.actor_id, log.comment) == ("draft", "open", staff.pk, "Go")


def test_call_transition_refused_by_state_or_precondition_is_409():
    call = CallFactory()
    staff = staff_of(call)
    url = f"/api/v1/calls/{call.pk}/transitions"
    response = post_json(url, {"name": "open"}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel."
    response = post_json(url, {"name": "decide"}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Clore les décisions » impossible dans l'état « Brouillon »."
    response = post_json(url, {"name": "voler"}, staff)
    assert (response.status_code, response.json()["detail"]) == (409, "Action inconnue : voler.")
    call.refresh_from_db()
    assert call.state == "draft"
    assert not Event.objects.filter(action="transition").exists()


def test_call_transition_bad_input_names_the_field():
    call = CallFactory()
    response = post_json(f"/api/v1/calls/{call.pk}/transitions", {"comment": "x"}, staff_of(call))
    assert response.status_code == 400
    assert response.json()["errors"] == {"name": "Ce champ est obligatoire."}


def test_call_transition_actors():
    draft = CallFactory()
    open_call = CallFactory(open=True)
    other_staff = MembershipFactory().user
    # anonymous
    assert post_json(f"/api/v1/calls/{draft.pk}/transitions", {"name": "open"}).status_code == 401
    # another tenant: a draft is invisible (404); an open call is public but not theirs (403)
    assert (
        post_json(f"/api/v1/calls/{draft.pk}/transitions", {"name": "open"}, other_staff).status_code == 404
    )
    response = post_json(f"/api/v1/calls/{open_call.pk}/transitions", {"name": "start_review"}, other_staff)
    assert response.status_code == 403
    carrier = ApplicationFactory(call=open_call).carrier
    response = post_json(f"/api/v1/calls/{open_call.pk}/transitions", {"name": "start_review"}, carrier)
    assert response.status_code == 403
    open_call.refresh_from_db()
    draft.refresh_from_db()
    assert (draft.state, open_call.state) == ("draft", "open")


def test_call_transition_wrong_method():
    call = CallFactory()
    response = Client().get(f"/api/v1/calls/{call.pk}/transitions", **bearer(staff_of(call)))
    assert response.status_code == 405

"""Applications in the API (essaim/api/routers/calls/applications.py): by role, one of them,
decisions, withdrawal; drafts belong to their carrier."""

import pytest
from django.test import Client

from essaim.accompaniment.models import Project
from tests.api.calls.helpers import bearer, post_json
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    ReviewFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def test_applications_by_role():
    call = CallFactory(open=True, blind_review=True)
    application = ApplicationFactory(call=call, submitted=True, feedback="")
    draft = ApplicationFactory(call=call)
    other = ApplicationFactory(submitted=True)
    staff = MembershipFactory(organisation=call.programme.organisation).user
    reviewer = ReviewFactory(application=application).reviewer
    client = Client()

    def ids(user):
        response = client.get("/api/v1/applications", **bearer(user))
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
    headers = bearer(staff)
    with django_assert_num_queries(5):  # token, token last use, count, page, memberships
        assert client.get("/api/v1/applications", **headers).json()["count"] == n


def test_application_detail_by_role(client):
    application = ApplicationFactory(submitted=True)
    staff = MembershipFactory(organisation=application.call.programme.organisation).user
    url = f"/api/v1/applications/{application.pk}"
    assert client.get(url, **bearer(staff)).json()["id"] == application.pk
    assert client.get(url, **bearer(application.carrier)).json()["feedback"] == ""
    assert client.get(url, **bearer(MembershipFactory().user)).status_code == 404
    assert client.get(url, **bearer(UserFactory(expert=True))).status_code == 404
    assert client.get(url).status_code == 401


def test_staff_do_not_read_unsubmitted_drafts():
    draft = ApplicationFactory(summary="Mon idée, pas encore mûre")
    staff = staff_of(draft.call)
    url = f"/api/v1/applications/{draft.pk}"
    response = Client().get(url, **bearer(staff))
    assert response.status_code == 404
    assert Client().get(url, **bearer(UserFactory(admin=True))).status_code == 404
    assert [a["id"] for a in Client().get("/api/v1/applications", **bearer(staff)).json()["results"]] == []
    assert Client().get(url, **bearer(draft.carrier)).json()["summary"] == "Mon idée, pas encore mûre"
    response = post_json(
        f"/api/v1/calls/{draft.call_id}/applications",
        {"project_name": "Idée", "summary": "Prête", "submit": True},
        draft.carrier,
    )
    assert response.status_code == 201
    assert Client().get(url, **bearer(staff)).json()["state"] == "submitted"


def test_decision_through_the_api():
    client = Client()
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    staff = MembershipFactory(organisation=application.call.programme.organisation).user
    reviewer = ReviewFactory(application=application).reviewer
    url = f"/api/v1/applications/{application.pk}/decision"
    body = {"decision": "accept", "feedback": "Bienvenue."}
    response = client.post(url, body, content_type="application/json", **bearer(reviewer))
    assert response.status_code == 403
    response = client.post(url, body, content_type="application/json", **bearer(MembershipFactory().user))
    assert response.status_code == 404
    response = client.post(url, {**body, "decision": "bof"}, content_type="application/json", **bearer(staff))
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"decision": "Décision inconnue."},
    }
    response = client.post(url, body, content_type="application/json", **bearer(staff))
    assert response.status_code == 200
    project = Project.objects.get()
    assert (response.json()["state"], response.json()["project"]) == ("accepted", project.pk)
    response = client.post(url, body, content_type="application/json", **bearer(staff))
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Retenir » impossible dans l'état « Retenue »."


def test_carrier_withdraws_through_the_api():
    application = ApplicationFactory(submitted=True)
    url = f"/api/v1/applications/{application.pk}/withdraw"
    assert post_json(url, {}).status_code == 401
    assert post_json(url, {}, MembershipFactory().user).status_code == 404
    assert post_json(url, {}, ApplicationFactory(call=application.call).carrier).status_code == 404
    assert post_json(url, {}, staff_of(application.call)).status_code == 403
    assert post_json(url, {}, ReviewFactory(application=application).reviewer).status_code == 403
    application.refresh_from_db()
    assert application.state == "submitted"
    response = post_json(url, {"comment": "Projet abandonné"}, application.carrier)
    assert (response.status_code, response.json()["state"]) == (200, "withdrawn")
    response = post_json(url, {}, application.carrier)
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Retirer » impossible dans l'état « Retirée »."
    assert Client().get(url, **bearer(application.carrier)).status_code == 405

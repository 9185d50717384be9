import pytest
from django.core import mail
from django.test import Client

from essaim.accompaniment.models import Project
from essaim.accounts.services import token_create
from essaim.audit.models import Event
from essaim.calls.models import Application, Review, Score
from essaim.calls.workflows import CALL_WORKFLOW
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


def test_apply_saves_then_submits(client, django_capture_on_commit_callbacks):
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
        **_auth(UserFactory()),
    )
    assert response.status_code == 400
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
        **_auth(UserFactory()),
    )
    if "error" in expected:
        assert response.status_code == 400
        assert response.json()["errors"] == {"commune": expected["error"]}
    else:
        assert response.status_code == 201
        assert response.json()["commune"] == expected["commune"]


def test_applications_by_role():
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


# -- API writes of staff and reviewers: call transitions, reviewer assignment, reviews ------


def _post(url, body, user=None):
    headers = _auth(user) if user is not None else {}
    return Client().post(url, body, content_type="application/json", **headers)


def _staff(call):
    return MembershipFactory(organisation=call.programme.organisation).user


# -- call transitions ---------------------------------------------------------------------------


def test_staff_open_a_call_and_the_move_is_logged():
    call = CallFactory()
    CriterionFactory(call=call)
    staff = _staff(call)
    response = _post(f"/api/v1/calls/{call.pk}/transitions", {"name": "open", "comment": "Go"}, staff)
    assert response.status_code == 200
    assert response.json() == {"id": call.pk, "state": "open", "available": ["start_review"]}
    (log,) = CALL_WORKFLOW.log(call)
    assert (log.from_state, log.to_state, log.actor_id, log.comment) == ("draft", "open", staff.pk, "Go")


def test_call_transition_refused_by_state_or_precondition_is_409():
    call = CallFactory()
    staff = _staff(call)
    url = f"/api/v1/calls/{call.pk}/transitions"
    response = _post(url, {"name": "open"}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel."
    response = _post(url, {"name": "decide"}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Clore les décisions » impossible dans l'état « Brouillon »."
    response = _post(url, {"name": "voler"}, staff)
    assert (response.status_code, response.json()["detail"]) == (409, "Action inconnue : voler.")
    call.refresh_from_db()
    assert call.state == "draft"
    assert not Event.objects.filter(action="transition").exists()


def test_call_transition_bad_input_names_the_field():
    call = CallFactory()
    response = _post(f"/api/v1/calls/{call.pk}/transitions", {"comment": "x"}, _staff(call))
    assert response.status_code == 400
    assert response.json()["errors"] == {"name": "Ce champ est obligatoire."}


def test_call_transition_actors():
    draft = CallFactory()
    open_call = CallFactory(open=True)
    other_staff = MembershipFactory().user
    # anonymous
    assert _post(f"/api/v1/calls/{draft.pk}/transitions", {"name": "open"}).status_code == 401
    # another tenant: a draft is invisible (404); an open call is public but not theirs (403)
    assert _post(f"/api/v1/calls/{draft.pk}/transitions", {"name": "open"}, other_staff).status_code == 404
    response = _post(f"/api/v1/calls/{open_call.pk}/transitions", {"name": "start_review"}, other_staff)
    assert response.status_code == 403
    carrier = ApplicationFactory(call=open_call).carrier
    response = _post(f"/api/v1/calls/{open_call.pk}/transitions", {"name": "start_review"}, carrier)
    assert response.status_code == 403
    open_call.refresh_from_db()
    draft.refresh_from_db()
    assert (draft.state, open_call.state) == ("draft", "open")


def test_call_transition_wrong_method():
    call = CallFactory()
    response = Client().get(f"/api/v1/calls/{call.pk}/transitions", **_auth(_staff(call)))
    assert response.status_code == 405


# -- reviewer assignment ------------------------------------------------------------------------


def test_staff_assign_an_expert():
    application = ApplicationFactory(submitted=True)
    staff = _staff(application.call)
    expert = UserFactory(expert=True, full_name="Elsa Expert")
    url = f"/api/v1/applications/{application.pk}/reviews"
    response = _post(url, {"reviewer": expert.pk}, staff)
    assert response.status_code == 201
    review = Review.objects.get()
    assert response.json() == {
        "id": review.pk,
        "application": application.pk,
        "call": application.call_id,
        "reviewer": expert.pk,
        "reviewer_name": "Elsa Expert",
        "conflict_of_interest": False,
        "conflict_reason": "",
        "comment": "",
        "submitted_at": None,
        "scores": [],
    }
    assert _post(url, {"reviewer": expert.pk}, staff).json()["id"] == review.pk  # idempotent
    assert Review.objects.count() == 1


def test_assign_bad_reviewer_and_bad_state():
    application = ApplicationFactory(submitted=True)
    staff = _staff(application.call)
    url = f"/api/v1/applications/{application.pk}/reviews"
    stranger = UserFactory()  # neither staff of this organisation nor expert
    response = _post(url, {"reviewer": stranger.pk}, staff)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "reviewer": "Choisissez un membre de l'équipe ou un expert comme évaluateur."
    }
    assert _post(url, {"reviewer": "x"}, staff).json()["errors"] == {
        "reviewer": "Un nombre entier est attendu."
    }
    # a draft belongs to its carrier until submitted (issue 16): the staff do not see it
    draft = ApplicationFactory(call=application.call)
    response = _post(f"/api/v1/applications/{draft.pk}/reviews", {"reviewer": staff.pk}, staff)
    assert response.status_code == 404
    assert not Review.objects.exists()
    # a submitted application of a call that is over takes no more reviewers
    application.call.state = "closed"
    application.call.save()
    response = _post(url, {"reviewer": UserFactory(expert=True).pk}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "L'appel n'est plus en phase d'évaluation."
    assert not Review.objects.exists()


def test_assign_actors():
    application = ApplicationFactory(submitted=True)
    expert = UserFactory(expert=True)
    reviewer = ReviewFactory(application=application).reviewer
    url = f"/api/v1/applications/{application.pk}/reviews"
    body = {"reviewer": expert.pk}
    assert _post(url, body).status_code == 401
    assert _post(url, body, MembershipFactory().user).status_code == 404
    assert _post(url, body, UserFactory(expert=True)).status_code == 404
    assert _post(url, body, reviewer).status_code == 403
    assert _post(url, body, application.carrier).status_code == 403
    assert list(Review.objects.values_list("reviewer_id", flat=True)) == [reviewer.pk]
    response = Client().get(url, **_auth(_staff(application.call)))
    assert response.status_code == 405


# -- reviews ------------------------------------------------------------------------------------


@pytest.fixture
def review_setup():
    call = CallFactory(review=True, score_max=5)
    first = CriterionFactory(call=call, label="Utilité sociale", weight=2)
    second = CriterionFactory(call=call, label="Viabilité", weight=1)
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    return review, first, second


def test_reviewer_scores_every_criterion(review_setup):
    review, first, second = review_setup
    body = {
        "scores": {str(first.pk): {"value": 4, "comment": "Fort"}, str(second.pk): {"value": 2}},
        "comment": "Prometteur",
    }
    response = _post(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 200
    data = response.json()
    assert (data["comment"], data["submitted_at"] is not None) == ("Prometteur", True)
    assert sorted((s["criterion"], s["value"], s["comment"]) for s in data["scores"]) == sorted(
        [(first.pk, 4, "Fort"), (second.pk, 2, "")]
    )
    listed = Client().get("/api/v1/reviews", **_auth(review.reviewer)).json()
    assert [r["id"] for r in listed["results"]] == [review.pk]


def test_review_bad_input_names_the_criterion(review_setup):
    review, first, second = review_setup
    url = f"/api/v1/reviews/{review.pk}"
    response = _post(url, {"scores": {str(first.pk): {"value": 9}}}, review.reviewer)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        f"scores.{first.pk}": "La note va de 0 à 5.",
        f"scores.{second.pk}": "Notez ce critère.",
    }
    other = CriterionFactory()
    response = _post(url, {"scores": {str(other.pk): {"value": 1}}}, review.reviewer)
    assert response.json()["errors"] == {f"scores.{other.pk}": "Critère inconnu pour cet appel."}
    response = _post(url, {"scores": {str(first.pk): {"value": "beaucoup"}}}, review.reviewer)
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_review_outside_the_review_phase_is_409(review_setup):
    review, first, second = review_setup
    call = review.application.call
    call.state = "open"
    call.save()
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    response = _post(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 409
    assert response.json()["detail"] == "Les notes se donnent pendant la phase d'évaluation de l'appel."


def test_review_actors(review_setup):
    review, first, second = review_setup
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    url = f"/api/v1/reviews/{review.pk}"
    assert _post(url, body).status_code == 401
    staff = _staff(review.application.call)
    assert _post(url, body, staff).status_code == 403  # staff see it, only the reviewer scores
    assert Client().get(url, **_auth(staff)).json()["id"] == review.pk
    other_reviewer = ReviewFactory().reviewer
    assert _post(url, body, other_reviewer).status_code == 404
    assert Client().get(url, **_auth(other_reviewer)).status_code == 404
    assert _post(url, body, review.application.carrier).status_code == 404
    assert _post(url, body, MembershipFactory().user).status_code == 404
    assert Client().get("/api/v1/reviews", **_auth(other_reviewer)).json()["results"][0]["id"] != review.pk
    assert not Score.objects.exists()
    assert (
        Client().put(url, body, content_type="application/json", **_auth(review.reviewer)).status_code == 405
    )


def test_conflict_declaration(review_setup):
    review, first, second = review_setup
    url = f"/api/v1/reviews/{review.pk}/conflict"
    response = _post(url, {"reason": "  "}, review.reviewer)
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": "Précisez la nature du conflit d'intérêts."}
    assert _post(url, {"reason": "Ma sœur"}, MembershipFactory().user).status_code == 404
    assert _post(url, {"reason": "Ma sœur"}, _staff(review.application.call)).status_code == 403
    assert _post(url, {"reason": "Ma sœur"}).status_code == 401
    response = _post(url, {"reason": "Ma sœur porte le projet"}, review.reviewer)
    assert response.status_code == 200
    assert (response.json()["conflict_of_interest"], response.json()["conflict_reason"]) == (
        True,
        "Ma sœur porte le projet",
    )
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    response = _post(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 409
    assert response.json()["detail"] == "Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."
    assert Client().get(url, **_auth(review.reviewer)).status_code == 405


@pytest.mark.parametrize("n", [1, 5])
def test_review_list_query_count(django_assert_num_queries, n):
    reviewer = UserFactory(expert=True)
    for _ in range(n):
        ReviewFactory(reviewer=reviewer)
    headers = _auth(reviewer)
    client = Client()
    with django_assert_num_queries(5):  # token, token last use, count, page, scores
        assert client.get("/api/v1/reviews", **headers).json()["count"] == n


def test_openapi_lists_the_write_endpoints():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/calls/{call_id}/transitions",
        "/api/v1/applications/{application_id}/reviews",
        "/api/v1/reviews",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/{review_id}/conflict",
    } <= set(paths)


def test_carrier_withdraws_through_the_api():
    application = ApplicationFactory(submitted=True)
    url = f"/api/v1/applications/{application.pk}/withdraw"
    assert _post(url, {}).status_code == 401
    assert _post(url, {}, MembershipFactory().user).status_code == 404
    assert _post(url, {}, ApplicationFactory(call=application.call).carrier).status_code == 404
    assert _post(url, {}, _staff(application.call)).status_code == 403
    assert _post(url, {}, ReviewFactory(application=application).reviewer).status_code == 403
    application.refresh_from_db()
    assert application.state == "submitted"
    response = _post(url, {"comment": "Projet abandonné"}, application.carrier)
    assert (response.status_code, response.json()["state"]) == (200, "withdrawn")
    response = _post(url, {}, application.carrier)
    assert response.status_code == 409
    assert response.json()["detail"] == "Action « Retirer » impossible dans l'état « Retirée »."
    assert Client().get(url, **_auth(application.carrier)).status_code == 405


# -- issue 16: drafts belong to their carrier; staff do not apply to their own calls -------------


def test_staff_do_not_read_unsubmitted_drafts():
    draft = ApplicationFactory(summary="Mon idée, pas encore mûre")
    staff = _staff(draft.call)
    url = f"/api/v1/applications/{draft.pk}"
    response = Client().get(url, **_auth(staff))
    assert response.status_code == 404
    assert Client().get(url, **_auth(UserFactory(admin=True))).status_code == 404
    assert [a["id"] for a in Client().get("/api/v1/applications", **_auth(staff)).json()["results"]] == []
    assert Client().get(url, **_auth(draft.carrier)).json()["summary"] == "Mon idée, pas encore mûre"
    response = _post(
        f"/api/v1/calls/{draft.call_id}/applications",
        {"project_name": "Idée", "summary": "Prête", "submit": True},
        draft.carrier,
    )
    assert response.status_code == 201
    assert Client().get(url, **_auth(staff)).json()["state"] == "submitted"


def test_staff_cannot_apply_to_their_own_call():
    call = CallFactory(open=True)
    url = f"/api/v1/calls/{call.pk}/applications"
    response = _post(url, {"project_name": "X", "summary": "Y"}, _staff(call))
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater."
    )
    assert Application.objects.count() == 0
    assert _post(url, {"project_name": "X", "summary": "Y"}, MembershipFactory().user).status_code == 201

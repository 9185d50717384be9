"""Reviews in the API (essaim/api/routers/calls/reviews.py): assignment, scores, conflicts."""

import pytest
from django.test import Client

from essaim.calls.models import Review, Score
from tests.api.calls.helpers import bearer, post_json
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    ReviewFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def test_staff_assign_an_expert():
    application = ApplicationFactory(submitted=True)
    staff = staff_of(application.call)
    expert = UserFactory(expert=True, full_name="Elsa Expert")
    url = f"/api/v1/applications/{application.pk}/reviews"
    response = post_json(url, {"reviewer": expert.pk}, staff)
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
    assert post_json(url, {"reviewer": expert.pk}, staff).json()["id"] == review.pk  # idempotent
    assert Review.objects.count() == 1


def test_assign_bad_reviewer_and_bad_state():
    application = ApplicationFactory(submitted=True)
    staff = staff_of(application.call)
    url = f"/api/v1/applications/{application.pk}/reviews"
    stranger = UserFactory()  # neither staff of this organisation nor expert
    response = post_json(url, {"reviewer": stranger.pk}, staff)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "reviewer": "Choisissez un membre de l'équipe ou un expert comme évaluateur."
    }
    assert post_json(url, {"reviewer": "x"}, staff).json()["errors"] == {
        "reviewer": "Un nombre entier est attendu."
    }
    # a draft belongs to its carrier until submitted (issue 16): the staff do not see it
    draft = ApplicationFactory(call=application.call)
    response = post_json(f"/api/v1/applications/{draft.pk}/reviews", {"reviewer": staff.pk}, staff)
    assert response.status_code == 404
    assert not Review.objects.exists()
    # a submitted application of a call that is over takes no more reviewers
    application.call.state = "closed"
    application.call.save()
    response = post_json(url, {"reviewer": UserFactory(expert=True).pk}, staff)
    assert response.status_code == 409
    assert response.json()["detail"] == "L'appel n'est plus en phase d'évaluation."
    assert not Review.objects.exists()


def test_assign_actors():
    application = ApplicationFactory(submitted=True)
    expert = UserFactory(expert=True)
    reviewer = ReviewFactory(application=application).reviewer
    url = f"/api/v1/applications/{application.pk}/reviews"
    body = {"reviewer": expert.pk}
    assert post_json(url, body).status_code == 401
    assert post_json(url, body, MembershipFactory().user).status_code == 404
    assert post_json(url, body, UserFactory(expert=True)).status_code == 404
    assert post_json(url, body, reviewer).status_code == 403
    assert post_json(url, body, application.carrier).status_code == 403
    assert list(Review.objects.values_list("reviewer_id", flat=True)) == [reviewer.pk]
    response = Client().get(url, **bearer(staff_of(application.call)))
    assert response.status_code == 405


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
    response = post_json(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 200
    data = response.json()
    assert (data["comment"], data["submitted_at"] is not None) == ("Prometteur", True)
    assert sorted((s["criterion"], s["value"], s["comment"]) for s in data["scores"]) == sorted(
        [(first.pk, 4, "Fort"), (second.pk, 2, "")]
    )
    listed = Client().get("/api/v1/reviews", **bearer(review.reviewer)).json()
    assert [r["id"] for r in listed["results"]] == [review.pk]


def test_review_bad_input_names_the_criterion(review_setup):
    review, first, second = review_setup
    url = f"/api/v1/reviews/{review.pk}"
    response = post_json(url, {"scores": {str(first.pk): {"value": 9}}}, review.reviewer)
    assert response.status_code == 422  # within the document's 0–20, above this call's maximum
    assert response.json()["errors"] == {
        f"scores.{first.pk}": "La note va de 0 à 5.",
        f"scores.{second.pk}": "Notez ce critère.",
    }
    other = CriterionFactory()
    response = post_json(url, {"scores": {str(other.pk): {"value": 1}}}, review.reviewer)
    assert response.json()["errors"] == {f"scores.{other.pk}": "Critère inconnu pour cet appel."}
    response = post_json(url, {"scores": {str(first.pk): {"value": "beaucoup"}}}, review.reviewer)
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_review_outside_the_review_phase_is_409(review_setup):
    review, first, second = review_setup
    call = review.application.call
    call.state = "open"
    call.save()
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    response = post_json(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 409
    assert response.json()["detail"] == "Les notes se donnent pendant la phase d'évaluation de l'appel."


def test_review_actors(review_setup):
    review, first, second = review_setup
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    url = f"/api/v1/reviews/{review.pk}"
    assert post_json(url, body).status_code == 401
    staff = staff_of(review.application.call)
    assert post_json(url, body, staff).status_code == 403  # staff see it, only the reviewer scores
    assert Client().get(url, **bearer(staff)).json()["id"] == review.pk
    other_reviewer = ReviewFactory().reviewer
    assert post_json(url, body, other_reviewer).status_code == 404
    assert Client().get(url, **bearer(other_reviewer)).status_code == 404
    assert post_json(url, body, review.application.carrier).status_code == 404
    assert post_json(url, body, MembershipFactory().user).status_code == 404
    assert Client().get("/api/v1/reviews", **bearer(other_reviewer)).json()["results"][0]["id"] != review.pk
    assert not Score.objects.exists()
    assert (
        Client().put(url, body, content_type="application/json", **bearer(review.reviewer)).status_code == 405
    )


def test_conflict_declaration(review_setup):
    review, first, second = review_setup
    url = f"/api/v1/reviews/{review.pk}/conflict"
    response = post_json(url, {"reason": "  "}, review.reviewer)
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": "Précisez la nature du conflit d'intérêts."}
    assert post_json(url, {"reason": "Ma sœur"}, MembershipFactory().user).status_code == 404
    assert post_json(url, {"reason": "Ma sœur"}, staff_of(review.application.call)).status_code == 403
    assert post_json(url, {"reason": "Ma sœur"}).status_code == 401
    response = post_json(url, {"reason": "Ma sœur porte le projet"}, review.reviewer)
    assert response.status_code == 200
    assert (response.json()["conflict_of_interest"], response.json()["conflict_reason"]) == (
        True,
        "Ma sœur porte le projet",
    )
    body = {"scores": {str(first.pk): {"value": 1}, str(second.pk): {"value": 1}}}
    response = post_json(f"/api/v1/reviews/{review.pk}", body, review.reviewer)
    assert response.status_code == 409
    assert response.json()["detail"] == "Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."
    assert Client().get(url, **bearer(review.reviewer)).status_code == 405


@pytest.mark.parametrize("n", [1, 5])
def test_review_list_query_count(django_assert_num_queries, n):
    reviewer = UserFactory(expert=True)
    for _ in range(n):
        ReviewFactory(reviewer=reviewer)
    headers = bearer(reviewer)
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

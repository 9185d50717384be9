"""One application (essaim/web/workspace/calls/application_views.py): the staff's instruction,
the carrier's own application, the reviewer's assignment."""

import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.calls.models import (
    ApplicationState,
    CallState,
    Review,
)
from tests.factories.accounts import MembershipFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_carrier_saves_then_submits_with_required_questions_checked(
    client, django_capture_on_commit_callbacks
):
    call = CallFactory(open=True, title="Appel Hérault")
    question = QuestionFactory(call=call, label="Public visé")
    application = ApplicationFactory(call=call)
    client.force_login(application.carrier)
    url = reverse("calls:application", args=[application.pk])
    data = {"project_name": "Recyclerie", "summary": "Réemploi", "commune": "34172", "action": "submit"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Candidature incomplète : répondez à « Public visé »." in _text(response)
    application.refresh_from_db()
    assert (application.state, application.project_name, application.commune_id) == (
        "draft",
        "Recyclerie",
        "34172",
    )
    response = client.post(url, {**data, "commune": "99999", "action": "save"})
    assert response.status_code == 400
    assert "Commune inconnue : « 99999 ». Aucune commune ne porte ce code INSEE ou ce code postal." in _text(
        response
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, f"q_{question.pk}": "Jeunes", "action": "submit"})
    assert response["Location"] == url
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert [m.subject for m in mail.outbox] == ["Candidature reçue : Appel Hérault"]
    page = _text(client.get(url))
    assert "Déposer ma candidature" not in page
    assert "Déposée" in page


def test_carrier_withdraws(client):
    application = ApplicationFactory(submitted=True)
    client.force_login(application.carrier)
    client.post(reverse("calls:application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN


def test_staff_assigns_a_reviewer_who_scores(client, world):
    client.force_login(world.staff)
    client.post(
        reverse("calls:review_assign", args=[world.application.pk]), {"reviewer": world.other_expert.pk}
    )
    review = Review.objects.get(reviewer=world.other_expert)
    client.force_login(world.other_expert)
    url = reverse("calls:review", args=[review.pk])
    assert "Camille Porteuse" in _text(client.get(url))
    key = f"c_{world.criterion.pk}"
    response = client.post(url, {key: "9", f"{key}_comment": ""})
    assert response.status_code == 400
    assert "Assurez-vous que cette valeur est inférieure ou égale à 5." in _text(response)
    response = client.post(url, {key: "4", f"{key}_comment": "Bon ancrage", "comment": "Solide"})
    assert response["Location"] == url
    review.refresh_from_db()
    assert list(review.scores.values_list("value", "comment")) == [(4, "Bon ancrage")]


def test_blind_review_hides_the_carrier_identity(client, world):
    world.call.blind_review = True
    world.call.save()
    client.force_login(world.reviewer)
    page = _text(client.get(reverse("calls:review", args=[world.review.pk])))
    assert "Recyclerie" in page
    assert "Camille" not in page
    assert "camille@example.org" not in page
    assert "Évaluation anonyme" in page


def test_reviewer_declares_a_conflict_and_can_no_longer_score(client, world):
    client.force_login(world.reviewer)
    url = reverse("calls:review", args=[world.review.pk])
    assert (
        client.post(
            reverse("calls:review_conflict", args=[world.review.pk]), {"conflict_reason": ""}
        ).status_code
        == 400
    )
    client.post(reverse("calls:review_conflict", args=[world.review.pk]), {"conflict_reason": "Ma voisine"})
    page = _text(client.get(url))
    assert "Enregistrer mon évaluation" not in page
    response = client.post(url, {f"c_{world.criterion.pk}": "3"})
    assert response.status_code == 400
    assert world.review.scores.count() == 0


def test_staff_accepts_and_the_project_enters_the_pipeline(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.staff)
    url = reverse("calls:decide", args=[world.application.pk])
    response = client.post(url, {"decision": "accept", "feedback": ""})
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept", "feedback": "Bienvenue dans l'incubateur."})
    assert response["Location"] == reverse("calls:instruction", args=[world.application.pk])
    project = Project.objects.get()
    assert (project.stage.key, list(project.carriers.all())) == ("opportunite_faisabilite", [world.carrier])
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    history = _text(client.get(response["Location"]))
    assert (
        f"{world.staff.full_name} : Déposée → <strong>Retenue</strong> — Bienvenue dans l'incubateur."
        in history
    )
    client.force_login(world.carrier)
    page = _text(client.get(reverse("calls:application", args=[world.application.pk])))
    assert "Bienvenue dans l'incubateur." in page


def test_decision_while_call_is_open_is_refused_with_a_message(client, world):
    world.call.state = CallState.OPEN
    world.call.save()
    client.force_login(world.staff)
    response = client.post(
        reverse("calls:decide", args=[world.application.pk]),
        {"decision": "refuse", "feedback": "Non"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("calls:instruction", args=[world.application.pk]), 302)]
    assert "Les décisions se prennent après la clôture des candidatures." in _text(response)
    world.application.refresh_from_db()
    assert world.application.state == ApplicationState.SUBMITTED


@pytest.mark.parametrize("n", [1, 5])
def test_instruction_query_count(client, django_assert_num_queries, n):
    staff = MembershipFactory().user
    organisation = staff.memberships.get().organisation
    call = CallFactory(programme=ProgrammeFactory(organisation=organisation), review=True)
    criterion = CriterionFactory(call=call)
    application = ApplicationFactory(call=call, submitted=True)
    for _ in range(n):
        review = ReviewFactory(application=application, submitted_at=timezone.now())
        review.scores.create(criterion=criterion, value=3)
    client.force_login(staff)
    # session, user, application, memberships (rule), answers, reviews, scores, criteria,
    # reviewer choices, log
    with django_assert_num_queries(10):
        assert len(client.get(reverse("calls:instruction", args=[application.pk])).context["reviews"]) == n


def test_staff_do_not_open_a_carriers_draft(client, world):
    draft = ApplicationFactory(call=world.call, summary="Mon idée, pas encore mûre")
    client.force_login(world.staff)
    assert client.get(reverse("calls:instruction", args=[draft.pk])).status_code == 404
    response = client.post(
        reverse("calls:decide", args=[draft.pk]), {"decision": "refuse", "feedback": "Non"}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT
    ranked = client.get(reverse("calls:committee", args=[world.call.pk])).context["ranked"]
    assert [row.application for row in ranked] == [world.application]

"""Staff pages of calls (essaim/web/workspace/calls/views.py): index, call form, criteria and
questions, moves, committee."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.calls.models import (
    Call,
    CallState,
)
from tests.factories.accounts import MembershipFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_staff_creates_a_call_for_their_programme_only(client):
    staff = MembershipFactory().user
    mine = ProgrammeFactory(organisation=staff.memberships.get().organisation)
    theirs = ProgrammeFactory()
    client.force_login(staff)
    url = reverse("calls:call_create")
    data = {
        "programme": theirs.pk,
        "title": "Appel 2027",
        "opens_at": "2027-01-01T09:00",
        "closes_at": "2027-02-01T18:00",
        "score_max": 5,
        "territory": "departement:34",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert Call.objects.count() == 0
    response = client.post(url, {**data, "programme": mine.pk, "closes_at": "2026-12-01T18:00"})
    assert response.status_code == 400
    assert "La clôture doit être postérieure à l'ouverture." in _text(response)
    response = client.post(url, {**data, "programme": mine.pk})
    call = Call.objects.get()
    assert response["Location"] == reverse("calls:call", args=[call.pk])
    assert (call.programme, call.territory_refs, call.state) == (mine, ["departement:34"], CallState.DRAFT)


def test_staff_builds_and_opens_a_call(client):
    call = CallFactory()
    staff = MembershipFactory(organisation=call.programme.organisation).user
    client.force_login(staff)
    client.post(reverse("calls:criterion_add", args=[call.pk]), {"label": "Utilité sociale", "weight": 3})
    client.post(
        reverse("calls:question_add", args=[call.pk]),
        {"label": "Statut", "kind": "choice", "required": "on", "choices_text": "Association\nSCIC\n"},
    )
    response = client.post(
        reverse("calls:call_transition", args=[call.pk]), {"name": "open", "comment": "Go"}
    )
    assert response["Location"] == reverse("calls:call", args=[call.pk])
    call.refresh_from_db()
    assert call.state == CallState.OPEN
    assert list(call.criteria.values_list("label", "weight")) == [("Utilité sociale", 3)]
    assert list(call.questions.values_list("label", "choices")) == [("Statut", ["Association", "SCIC"])]
    response = client.post(reverse("calls:call_transition", args=[call.pk]), {"name": "close"}, follow=True)
    assert "Action « Clore l'appel » impossible dans l'état « Ouvert aux candidatures »." in _text(response)


@pytest.mark.parametrize("n", [1, 5])
def test_index_query_count(client, django_assert_num_queries, n):
    staff = MembershipFactory().user
    programme = ProgrammeFactory(organisation=staff.memberships.get().organisation)
    for _ in range(n):
        ApplicationFactory(call=CallFactory(programme=programme, open=True), submitted=True)
        ReviewFactory(reviewer=staff)
        ApplicationFactory(carrier=staff)
        CandidacyFactory(candidate=staff)
    client.force_login(staff)
    # session, user, memberships (rule), calls, applications, reviews, candidacies
    with django_assert_num_queries(7):
        response = client.get(reverse("calls:index"))
    assert len(response.context["calls"]) == n
    assert len(response.context["reviews"]) == n


@pytest.mark.parametrize("n", [1, 5])
def test_committee_query_count_and_ranking(client, django_assert_num_queries, n):
    call = CallFactory(review=True)
    criterion = CriterionFactory(call=call)
    staff = MembershipFactory(organisation=call.programme.organisation).user
    for i in range(n):
        review = ReviewFactory(
            application=ApplicationFactory(call=call, submitted=True), submitted_at=timezone.now()
        )
        review.scores.create(criterion=criterion, value=i % 6)
    client.force_login(staff)
    # session, user, call, memberships (rule), weights, applications, reviews, scores
    with django_assert_num_queries(8):
        response = client.get(reverse("calls:committee", args=[call.pk]))
    assert [row.mean for row in response.context["ranked"]] == sorted(
        (float(i % 6) for i in range(n)), reverse=True
    )


def test_staff_edits_a_draft_call_but_not_one_in_review(client, world):
    client.force_login(world.staff)
    draft = CallFactory(programme=world.programme)
    data = {
        "title": "Nouveau titre",
        "opens_at": "2027-01-01T09:00",
        "closes_at": "2027-02-01T18:00",
        "score_max": 10,
        "territory": "region:76",
    }
    response = client.post(reverse("calls:call_edit", args=[draft.pk]), data)
    assert response["Location"] == reverse("calls:call", args=[draft.pk])
    draft.refresh_from_db()
    assert (draft.title, draft.score_max, draft.territory_refs) == ("Nouveau titre", 10, ["region:76"])
    response = client.post(reverse("calls:call_edit", args=[world.call.pk]), data)
    assert response.status_code == 400
    assert "Un appel en évaluation ou clos ne se modifie plus." in _text(response)
    world.call.refresh_from_db()
    assert world.call.title == "Appel A"
    response = client.post(reverse("calls:call_edit", args=[draft.pk]), {**data, "territory": "canton:1"})
    assert response.status_code == 400
    assert "Territoire inconnu : « canton:1 »." in _text(response)


def test_bad_question_and_unknown_transition_give_messages(client, world):
    client.force_login(world.staff)
    draft = CallFactory(programme=world.programme)
    response = client.post(
        reverse("calls:question_add", args=[draft.pk]),
        {"label": "Statut", "kind": "choice", "choices_text": "Seul"},
        follow=True,
    )
    assert "Une question à choix demande au moins deux choix." in _text(response)
    assert draft.questions.count() == 0
    response = client.post(
        reverse("calls:call_transition", args=[draft.pk]), {"name": "explode"}, follow=True
    )
    assert "Action inconnue : explode." in _text(response)
    response = client.post(
        reverse("calls:criterion_add", args=[draft.pk]), {"label": "X", "weight": "0"}, follow=True
    )
    assert "Assurez-vous que cette valeur est supérieure ou égale à 1." in _text(response)
    assert draft.criteria.count() == 0


def test_criteria_and_questions_are_removed_from_drafts_only(client, world):
    client.force_login(world.staff)
    draft = CallFactory(programme=world.programme)
    criterion = CriterionFactory(call=draft)
    question = QuestionFactory(call=draft)
    client.post(reverse("calls:item_remove", args=[draft.pk, "criteres", criterion.pk]))
    client.post(reverse("calls:item_remove", args=[draft.pk, "questions", question.pk]))
    assert (draft.criteria.count(), draft.questions.count()) == (0, 0)
    response = client.post(
        reverse("calls:item_remove", args=[world.call.pk, "criteres", world.criterion.pk]), follow=True
    )
    assert "Les critères et les questions se modifient seulement en brouillon." in _text(response)
    assert world.call.criteria.count() == 1
    # an item of another call, an unknown kind, another tenant: 404
    assert (
        client.post(reverse("calls:item_remove", args=[draft.pk, "criteres", world.criterion.pk])).status_code
        == 404
    )
    assert client.post(reverse("calls:item_remove", args=[draft.pk, "autres", 1])).status_code == 404
    client.force_login(world.other_staff)
    assert (
        client.post(
            reverse("calls:item_remove", args=[world.call.pk, "criteres", world.criterion.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("calls:item_remove", args=[world.call.pk, "criteres", world.criterion.pk])
        ).status_code
        == 405
    )

"""What the models say about themselves: the states that allow an action, the activity log's
scope of each object (its programme, its project), the programme-owned columns."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.audit.recorder import scope_of
from essaim.calls.models import ApplicationState, CallState, JobOfferState
from tests.factories.accompaniment import ProjectFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    JobOfferFactory,
    ReviewFactory,
    TerritoryNeedFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "editable", "form_editable", "reviewers", "scores", "decisions"),
    [
        (CallState.DRAFT, True, True, False, False, False),
        (CallState.OPEN, True, False, True, False, False),
        (CallState.REVIEW, False, False, True, True, True),
        (CallState.DECIDED, False, False, False, False, True),
        (CallState.CLOSED, False, False, False, False, False),
    ],
)
def test_what_a_call_allows_in_each_state(state, editable, form_editable, reviewers, scores, decisions):
    call = CallFactory.build(state=state)
    assert (
        call.is_editable,
        call.form_editable,
        call.takes_reviewers,
        call.takes_scores,
        call.takes_decisions,
    ) == (
        editable,
        form_editable,
        reviewers,
        scores,
        decisions,
    )


def test_a_call_accepts_submissions_while_open_between_its_dates():
    call = CallFactory.build(state=CallState.OPEN)
    assert call.accepts_submissions is True
    call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    assert call.accepts_submissions is False


def test_an_application_was_submitted_unless_a_draft_or_withdrawn_before_submission():
    application = ApplicationFactory.build()
    assert application.was_submitted is False
    application.state = ApplicationState.WITHDRAWN
    assert application.was_submitted is False
    application.submitted_at = timezone.now()
    assert application.was_submitted is True
    assert ApplicationFactory.build(state=ApplicationState.REFUSED).was_submitted is True


def test_an_offer_takes_candidacies_while_published_and_before_its_deadline():
    offer = JobOfferFactory.build(state=JobOfferState.PUBLISHED)
    assert (offer.accepts_candidacies, offer.is_editable) == (True, True)
    offer.closes_on = timezone.localdate() - dt.timedelta(days=1)
    assert offer.accepts_candidacies is False
    offer.state = JobOfferState.FILLED
    assert (offer.is_published, offer.is_editable) == (False, False)


def test_the_activity_log_files_each_object_under_its_programme_and_project():
    project = ProjectFactory()
    application = ApplicationFactory(submitted=True, project=project, call__programme=project.programme)
    programme_id = application.call.programme_id
    assert scope_of(application) == {"programme_id": programme_id, "project_id": project.pk}
    assert scope_of(application.call) == {"programme_id": programme_id}
    assert scope_of(CriterionFactory(call=application.call)) == {"programme_id": programme_id}
    assert scope_of(ReviewFactory(application=application)) == {"programme_id": programme_id}
    need = TerritoryNeedFactory()
    assert scope_of(need) == {"programme_id": need.programme_id}
    candidacy = CandidacyFactory(offer__programme=need.programme)
    assert scope_of(candidacy) == {"programme_id": need.programme_id}

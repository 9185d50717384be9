"""The five workflows: who may make each move (the predicate of each transition), what the
page offers (`available`), where moves are logged (`log`)."""

import pytest
from django.utils import timezone

from essaim.audit.models import Event
from essaim.calls.models import (
    ApplicationState,
    CallState,
    CandidacyState,
    JobOfferState,
    NeedState,
)
from essaim.calls.workflows import (
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    CANDIDACY_WORKFLOW,
    JOB_OFFER_WORKFLOW,
    NEED_WORKFLOW,
)
from essaim.core.workflow import REGISTRY
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    JobOfferFactory,
    TerritoryNeedFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def names(transitions) -> list[str]:
    return [t.name for t in transitions]


def test_the_workflows_are_registered_with_their_states():
    assert {name: REGISTRY[name].states for name in REGISTRY if name.startswith("calls.")} == {
        "calls.call": CallState,
        "calls.application": ApplicationState,
        "calls.need": NeedState,
        "calls.job_offer": JobOfferState,
        "calls.candidacy": CandidacyState,
    }


def test_call_moves_are_for_the_staff_of_its_organisation():
    call = CallFactory()
    staff, admin = staff_of(call), UserFactory(admin=True)
    assert names(CALL_WORKFLOW.available(call, staff)) == ["open", "close"]
    assert names(CALL_WORKFLOW.available(call, admin)) == ["open", "close"]
    for other in (MembershipFactory().user, UserFactory(carrier=True), UserFactory(expert=True)):
        assert CALL_WORKFLOW.available(call, other) == []
    call.state = CallState.REVIEW
    assert names(CALL_WORKFLOW.available(call, staff)) == ["decide"]


def test_application_moves_by_actor():
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    staff, carrier = staff_of(application), application.carrier
    assert names(APPLICATION_WORKFLOW.available(application, carrier)) == ["withdraw"]
    assert names(APPLICATION_WORKFLOW.available(application, staff)) == ["accept", "waitlist", "refuse"]
    assert APPLICATION_WORKFLOW.available(application, MembershipFactory().user) == []
    application.state = ApplicationState.DRAFT
    assert names(APPLICATION_WORKFLOW.available(application, carrier)) == ["submit", "withdraw"]
    assert APPLICATION_WORKFLOW.available(application, staff) == []
    negative = {t.name for t in APPLICATION_WORKFLOW.transitions.values() if t.is_negative}
    assert negative == {"withdraw", "refuse"}


def test_need_and_offer_moves_are_for_the_staff():
    need = TerritoryNeedFactory()
    offer = JobOfferFactory(programme=need.programme)
    staff = staff_of(need)
    assert names(NEED_WORKFLOW.available(need, staff)) == ["study", "make_project", "drop"]
    assert names(JOB_OFFER_WORKFLOW.available(offer, staff)) == ["publish"]
    other = MembershipFactory().user
    assert (NEED_WORKFLOW.available(need, other), JOB_OFFER_WORKFLOW.available(offer, other)) == ([], [])


def test_candidacy_moves_by_actor():
    candidacy = CandidacyFactory()
    staff = staff_of(candidacy)
    assert names(CANDIDACY_WORKFLOW.available(candidacy, staff)) == ["shortlist", "reject"]
    assert names(CANDIDACY_WORKFLOW.available(candidacy, candidacy.candidate)) == ["withdraw"]
    assert CANDIDACY_WORKFLOW.available(candidacy, MembershipFactory().user) == []


def test_a_move_is_logged_once_in_the_activity_log_with_its_scope():
    call = CallFactory()
    CriterionFactory(call=call)
    staff = staff_of(call)
    moved = CALL_WORKFLOW.apply(call, "open", by=staff, comment="Go")
    assert moved.state == CallState.OPEN
    event = Event.objects.get(action="transition")
    assert (
        event.workflow,
        event.object_type,
        event.object_id,
        event.from_state,
        event.to_state,
        event.comment,
        event.programme_id,
        event.actor,
    ) == ("calls.call", "calls.call", call.pk, "draft", "open", "Go", call.programme_id, staff)
    assert list(CALL_WORKFLOW.log(call)) == [event]
    assert event.sentence == (
        f"{staff.full_name} a fait passer « {call.title} » (appel à projets) de « Brouillon » "
        "à « Ouvert aux candidatures ». Motif : Go"
    )


def test_an_application_move_is_filed_under_its_programme_and_project():
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    staff = staff_of(application)
    APPLICATION_WORKFLOW.apply(application, "accept", by=staff, comment="Bienvenue")
    application.refresh_from_db()
    event = Event.objects.get(action="transition", object_type="calls.application")
    assert (event.programme_id, event.project_id) == (application.call.programme_id, application.project_id)
    assert application.decided_at <= timezone.now()

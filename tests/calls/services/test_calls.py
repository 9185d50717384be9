import datetime as dt

import pytest
from django.utils import timezone

from essaim.audit.models import Event
from essaim.calls import services
from essaim.calls.models import Call, CallState, Question
from essaim.calls.workflows import CALL_WORKFLOW
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import ApplicationFactory, CallFactory, CriterionFactory, QuestionFactory, staff_of
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> dict:
    return exc.message_dict


def test_call_create_rejects_inverted_dates_and_unknown_territory():
    programme = ProgrammeFactory()
    staff = staff_of(programme)
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.call_create(programme=programme, by=staff, title="A", opens_at=now, closes_at=now)
    assert messages(exc.value) == {"closes_at": ["La clôture doit être postérieure à l'ouverture."]}
    with pytest.raises(ValidationError) as exc:
        services.call_create(
            programme=programme,
            by=staff,
            title="A",
            opens_at=now,
            closes_at=now + dt.timedelta(days=1),
            territory_refs=["departement:999"],
        )
    assert messages(exc.value) == {"territory_refs": ["Territoire inconnu : departement:999"]}
    call = services.call_create(
        programme=programme,
        by=staff,
        title="A",
        opens_at=now,
        closes_at=now + dt.timedelta(days=1),
        territory_refs=["departement:34", " region:76 "],
    )
    assert (call.state, call.territory_refs, call.created_by) == (
        CallState.DRAFT,
        ["departement:34", "region:76"],
        staff,
    )
    event = Event.objects.get(object_type="calls.call", object_id=call.pk)
    assert (event.action, event.actor, event.programme_id, event.verb) == (
        "create",
        staff,
        programme.pk,
        "call_create",
    )


def test_only_the_staff_of_the_programme_create_a_call():
    programme = ProgrammeFactory()
    now = timezone.now()
    for outsider in (MembershipFactory().user, UserFactory(carrier=True)):
        with pytest.raises(PermissionDenied):
            services.call_create(
                programme=programme,
                by=outsider,
                title="A",
                opens_at=now,
                closes_at=now + dt.timedelta(days=1),
            )
    assert Call.objects.count() == 0
    admin = UserFactory(admin=True)
    call = services.call_create(
        programme=programme, by=admin, title="A", opens_at=now, closes_at=now + dt.timedelta(days=1)
    )
    assert call.programme == programme


def test_call_update_records_the_changes_and_refuses_other_tenants():
    call = CallFactory(title="Ancien titre")
    staff = staff_of(call)
    with pytest.raises(PermissionDenied):
        services.call_update(call=call, by=MembershipFactory().user, title="Piraté")
    services.call_update(call=call, by=staff, title="Nouveau titre", score_max=10)
    call.refresh_from_db()
    assert (call.title, call.score_max) == ("Nouveau titre", 10)
    event = Event.objects.get(object_type="calls.call", object_id=call.pk)
    assert (event.action, event.changes) == (
        "update",
        {"title": ["Ancien titre", "Nouveau titre"], "score_max": [5, 10]},
    )


def test_call_update_refused_once_in_review():
    call = CallFactory(review=True)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.call_update(call=call, by=staff_of(call), title="X")
    assert exc.value.messages == ["Un appel en évaluation ou clos ne se modifie plus."]


def test_call_opens_only_with_a_criterion_and_every_move_is_logged():
    call = CallFactory()
    staff = staff_of(call)
    with pytest.raises(ValidationError) as exc:
        services.call_transition(call=call, name="open", by=staff)
    assert exc.value.messages == ["Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel."]
    services.criterion_add(call=call, by=staff, label="Utilité sociale", weight=3)
    services.call_transition(call=call, name="open", by=staff, comment="C'est parti")
    services.call_transition(call=call, name="start_review", by=staff)
    call.refresh_from_db()
    assert call.state == CallState.REVIEW
    log = [(e.from_state, e.to_state, e.actor_id, e.comment) for e in CALL_WORKFLOW.log(call)]
    assert log == [("draft", "open", staff.pk, "C'est parti"), ("open", "review", staff.pk, "")]
    assert Event.objects.filter(object_type="calls.call", object_id=call.pk).count() == 2


def test_call_transition_refused_from_wrong_state_with_french_message():
    call = CallFactory()
    with pytest.raises(TransitionNotAllowed) as exc:
        services.call_transition(call=call, name="decide", by=staff_of(call))
    assert exc.value.messages == ["Action « Clore les décisions » impossible dans l'état « Brouillon »."]
    assert Event.objects.filter(action="transition").count() == 0


def test_call_transition_by_another_tenant_is_refused():
    call = CallFactory()
    CriterionFactory(call=call)
    with pytest.raises(PermissionDenied):
        services.call_transition(call=call, name="open", by=MembershipFactory().user)
    call.refresh_from_db()
    assert call.state == CallState.DRAFT


def test_decisions_cannot_close_while_an_application_awaits():
    application = ApplicationFactory(submitted=True, call=CallFactory(review=True))
    with pytest.raises(ValidationError) as exc:
        services.call_transition(call=application.call, name="decide", by=staff_of(application.call))
    assert exc.value.messages == ["Des candidatures déposées attendent encore une décision."]


def test_criteria_and_questions_frozen_once_open():
    call = CallFactory(open=True)
    staff = staff_of(call)
    with pytest.raises(TransitionNotAllowed):
        services.criterion_add(call=call, by=staff, label="X")
    with pytest.raises(TransitionNotAllowed):
        services.question_add(call=call, by=staff, label="X")
    criterion = CriterionFactory(call=call)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.criterion_remove(criterion=criterion, by=staff)
    assert exc.value.messages == ["Les critères et les questions se modifient seulement en brouillon."]


def test_choice_question_needs_two_choices():
    call = CallFactory()
    staff = staff_of(call)
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            call=call, by=staff, label="Statut", kind=Question.Kind.CHOICE, choices=["Association", " "]
        )
    assert messages(exc.value) == {"choices": ["Une question à choix demande au moins deux choix."]}
    question = services.question_add(
        call=call, by=staff, label="Statut", kind="choice", choices=["Association", "SCIC"]
    )
    assert question.choices == ["Association", "SCIC"]


def test_criteria_and_questions_are_removed_by_the_staff_only_and_logged():
    call = CallFactory()
    staff = staff_of(call)
    criterion = CriterionFactory(call=call)
    question = QuestionFactory(call=call)
    with pytest.raises(PermissionDenied):
        services.criterion_remove(criterion=criterion, by=MembershipFactory().user)
    with pytest.raises(PermissionDenied):
        services.question_remove(question=question, by=MembershipFactory().user)
    services.criterion_remove(criterion=criterion, by=staff)
    services.question_remove(question=question, by=staff)
    assert (call.criteria.count(), call.questions.count()) == (0, 0)
    assert sorted(Event.objects.filter(action="delete").values_list("object_type", "programme_id")) == [
        ("calls.criterion", call.programme_id),
        ("calls.question", call.programme_id),
    ]

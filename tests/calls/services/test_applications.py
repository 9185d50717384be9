import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.audit.models import Event
from essaim.calls import services
from essaim.calls.models import Answer, Application, ApplicationState, Question
from essaim.calls.workflows import APPLICATION_WORKFLOW
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import ApplicationFactory, CallFactory, QuestionFactory, staff_of

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> dict:
    return exc.message_dict


# -- starting, applying -------------------------------------------------------------------------


def test_application_start_is_idempotent_and_needs_an_open_call():
    call = CallFactory(open=True)
    user = UserFactory()
    first = services.application_start(call=call, by=user, project_name="Recyclerie")
    again = services.application_start(call=call, by=user)
    user.refresh_from_db()
    assert (first.pk, first.state, user.is_carrier) == (again.pk, ApplicationState.DRAFT, True)
    assert [(e.from_state, e.to_state, e.actor) for e in APPLICATION_WORKFLOW.log(first)] == [
        ("", "draft", user)
    ]
    closed = CallFactory(open=True, closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        services.application_start(call=closed, by=user)
    assert exc.value.messages == ["Cet appel n'accepte pas de candidature en ce moment."]


def test_staff_cannot_apply_to_their_own_organisations_call():
    """Issue 16: the staff of the organisation running a call applied to it."""
    call = CallFactory(open=True)
    staff = staff_of(call)
    with pytest.raises(PermissionDenied) as exc:
        services.application_start(call=call, by=staff)
    assert (
        str(exc.value)
        == "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater."
    )
    with pytest.raises(PermissionDenied):
        services.application_apply(call=call, by=staff, draft={"project_name": "X"})
    assert Application.objects.count() == 0
    # the staff of another organisation are people like any other here
    assert services.application_start(call=call, by=MembershipFactory().user).state == ApplicationState.DRAFT


def test_apply_opens_the_draft_of_a_person_signed_in_and_makes_them_a_carrier():
    call = CallFactory(open=True)
    person = UserFactory(email="lea@example.org", is_carrier=False)
    application = services.application_apply(call=call, by=person)
    carrier = application.carrier
    assert (carrier, carrier.is_carrier, application.state) == (person, True, "draft")
    assert User.objects.get(pk=person.pk).is_carrier is True
    assert list(Event.objects.filter(actor=carrier).order_by("pk").values_list("object_type", "action")) == [
        ("calls.application", "transition"),
    ]


def test_apply_is_all_or_nothing_and_refuses_anonymous_visitors():
    call = CallFactory(open=True)
    QuestionFactory(call=call, label="Public visé")
    person = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.application_apply(call=call, by=person, draft={"project_name": "Recyclerie"}, submit=True)
    assert messages(exc.value)["__all__"] == ["Candidature incomplète : répondez à « Public visé »."]
    assert Application.objects.count() == 0
    users = User.objects.count()
    with pytest.raises(PermissionDenied):
        services.application_apply(call=call, by=AnonymousUser())
    assert (Application.objects.count(), User.objects.count()) == (0, users)


# -- the draft, submitting, withdrawing ------------------------------------------------------------


def test_draft_answers_are_checked_and_nothing_partial_is_saved():
    call = CallFactory(open=True)
    number = QuestionFactory(call=call, kind=Question.Kind.NUMBER, label="Emplois prévus")
    text = QuestionFactory(call=call, label="Public visé")
    application = ApplicationFactory(call=call)
    with pytest.raises(ValidationError) as exc:
        services.application_save_draft(
            application=application,
            by=application.carrier,
            project_name="Nouveau nom",
            answers={text.pk: "Jeunes", number.pk: "trois"},
        )
    assert messages(exc.value) == {f"q_{number.pk}": ["« Emplois prévus » : un nombre est attendu."]}
    application.refresh_from_db()
    assert application.project_name != "Nouveau nom"
    assert Answer.objects.count() == 0
    services.application_save_draft(
        application=application,
        by=application.carrier,
        project_name="Nouveau nom",
        answers={number.pk: "3,5"},
    )
    assert list(Answer.objects.values_list("question_id", "value")) == [(number.pk, "3,5")]


def test_only_the_carrier_edits_their_draft():
    application = ApplicationFactory(project_name="Recyclerie")
    for other in (staff_of(application), UserFactory(carrier=True)):
        with pytest.raises(PermissionDenied):
            services.application_save_draft(application=application, by=other, project_name="Piraté")
    application.refresh_from_db()
    assert application.project_name == "Recyclerie"


def test_submit_checks_required_questions_then_logs_and_sends_receipt(django_capture_on_commit_callbacks):
    call = CallFactory(open=True, title="Appel Hérault")
    required = QuestionFactory(call=call, label="Public visé")
    QuestionFactory(call=call, label="Facultative", required=False)
    application = ApplicationFactory(call=call, project_name="Recyclerie")
    with pytest.raises(ValidationError) as exc:
        services.application_submit(application=application, by=application.carrier)
    assert messages(exc.value) == {
        f"q_{required.pk}": ["Cette question est obligatoire."],
        "__all__": ["Candidature incomplète : répondez à « Public visé »."],
    }
    assert mail.outbox == []
    services.application_save_draft(
        application=application,
        by=application.carrier,
        project_name="Recyclerie",
        summary="Réemploi",
        answers={required.pk: "Jeunes"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=application.carrier)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.submitted_at is not None
    assert [(e.from_state, e.to_state) for e in APPLICATION_WORKFLOW.log(application)] == [
        ("draft", "submitted")
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([application.carrier.email], "Candidature reçue : Appel Hérault")
    ]
    assert "Recyclerie" in mail.outbox[0].body
    assert f"http://127.0.0.1:8000/espace/appels/candidatures/{application.pk}/" in mail.outbox[0].body
    with pytest.raises(TransitionNotAllowed):
        services.application_save_draft(application=application, by=application.carrier, project_name="X")


def test_submit_refused_after_the_deadline():
    application = ApplicationFactory(call=CallFactory(open=True))
    application.call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    application.call.save()
    with pytest.raises(ValidationError) as exc:
        services.application_submit(application=application, by=application.carrier)
    assert exc.value.messages == ["Cet appel n'accepte pas de candidature en ce moment."]


def test_only_the_carrier_submits():
    application = ApplicationFactory()
    with pytest.raises(PermissionDenied):
        services.application_submit(application=application, by=staff_of(application))
    assert Application.objects.get().state == ApplicationState.DRAFT


def test_withdraw():
    application = ApplicationFactory(submitted=True)
    with pytest.raises(PermissionDenied) as exc:
        services.application_withdraw(application=application, by=staff_of(application))
    assert str(exc.value) == "Seul le porteur retire sa candidature."
    services.application_withdraw(application=application, by=application.carrier)
    assert application.state == ApplicationState.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        services.application_withdraw(application=application, by=application.carrier)


# -- decisions -----------------------------------------------------------------------------------


def test_accepting_creates_the_project_after_selection_and_mails_the_feedback(
    django_capture_on_commit_callbacks,
):
    call = CallFactory(review=True, title="Incubation 2026")
    application = ApplicationFactory(call=call, submitted=True, project_name="Recyclerie du Lodévois")
    staff = MembershipFactory(organisation=call.programme.organisation, role="admin").user
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, decision="accept", feedback=" ", by=staff)
    assert messages(exc.value) == {"feedback": ["Rédigez un retour pour le porteur."]}
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decision="accept",
            feedback="Projet solide, à muscler côté marché.",
            by=staff,
        )
    application.refresh_from_db()
    project = Project.objects.get()
    assert application.state == ApplicationState.ACCEPTED
    assert application.project == project
    assert (project.name, project.model, project.stage.key, project.programme_id) == (
        "Recyclerie du Lodévois",
        "carrier",
        "opportunite_faisabilite",
        call.programme_id,
    )
    assert list(project.carriers.all()) == [application.carrier]
    assert [m.subject for m in mail.outbox] == ["Décision sur votre candidature : Incubation 2026"]
    assert "Projet solide, à muscler côté marché." in mail.outbox[0].body
    assert "retenue" in mail.outbox[0].body
    assert [(e.to_state, e.actor_id, e.comment) for e in APPLICATION_WORKFLOW.log(application)] == [
        ("accepted", staff.pk, "Projet solide, à muscler côté marché.")
    ]


def test_waitlist_then_refuse_creates_no_project(django_capture_on_commit_callbacks):
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    staff = staff_of(application)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application, decision="waitlist", feedback="Liste d'attente.", by=staff
        )
        services.application_decide(
            application=application, decision="refuse", feedback="Pas de place.", by=staff
        )
    assert application.state == ApplicationState.REFUSED
    assert Project.objects.count() == 0
    assert len(mail.outbox) == 2
    with pytest.raises(TransitionNotAllowed):
        services.application_decide(application=application, decision="accept", feedback="x", by=staff)


def test_no_decision_while_the_call_is_open():
    application = ApplicationFactory(submitted=True)
    staff = staff_of(application)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.application_decide(application=application, decision="accept", feedback="x", by=staff)
    assert exc.value.messages == ["Les décisions se prennent après la clôture des candidatures."]
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, decision="bravo", feedback="x", by=staff)
    assert messages(exc.value) == {"decision": ["Décision inconnue."]}
    assert Application.objects.get().state == ApplicationState.SUBMITTED


def test_only_the_staff_of_the_call_decide():
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    for other in (MembershipFactory().user, application.carrier, UserFactory(expert=True)):
        with pytest.raises(PermissionDenied):
            services.application_decide(application=application, decision="accept", feedback="Oui", by=other)
    assert (Application.objects.get().state, Project.objects.count()) == (ApplicationState.SUBMITTED, 0)

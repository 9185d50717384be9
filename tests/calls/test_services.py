import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.accompaniment.models import AuditEvent, Project
from essaim.calls import services
from essaim.calls.models import (
    Answer,
    Application,
    ApplicationTransition,
    CallTransition,
    JobOffer,
    Question,
    Score,
)
from essaim.calls.workflows import (
    ApplicationState,
    CallState,
    CandidacyState,
    JobOfferState,
    NeedState,
    TransitionNotAllowed,
)
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
    TerritoryNeedFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> dict:
    return exc.message_dict


# -- calls -------------------------------------------------------------------------------------


def test_call_create_rejects_inverted_dates_and_unknown_territory():
    programme = ProgrammeFactory()
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.call_create(programme=programme, title="A", opens_at=now, closes_at=now)
    assert messages(exc.value) == {"closes_at": ["La clôture doit être postérieure à l'ouverture."]}
    with pytest.raises(ValidationError) as exc:
        services.call_create(
            programme=programme,
            title="A",
            opens_at=now,
            closes_at=now + dt.timedelta(days=1),
            territory_refs=["departement:999"],
        )
    assert messages(exc.value) == {"territory_refs": ["Territoire inconnu : departement:999"]}
    call = services.call_create(
        programme=programme,
        title="A",
        opens_at=now,
        closes_at=now + dt.timedelta(days=1),
        territory_refs=["departement:34", " region:76 "],
    )
    assert (call.state, call.territory_refs) == (CallState.DRAFT, ["departement:34", "region:76"])


def test_call_opens_only_with_a_criterion_and_every_move_is_logged():
    call = CallFactory()
    staff = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.call_transition(call=call, name="open", by=staff)
    assert exc.value.messages == ["Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel."]
    services.criterion_add(call=call, label="Utilité sociale", weight=3)
    services.call_transition(call=call, name="open", by=staff, comment="C'est parti")
    services.call_transition(call=call, name="start_review", by=staff)
    call.refresh_from_db()
    assert call.state == CallState.REVIEW
    log = list(
        CallTransition.objects.filter(call=call).values_list("from_state", "to_state", "by", "comment")
    )
    assert log == [("draft", "open", staff.pk, "C'est parti"), ("open", "review", staff.pk, "")]
    assert AuditEvent.objects.filter(object_type="calls.call", object_id=call.pk).count() == 2


def test_call_transition_refused_from_wrong_state_with_french_message():
    call = CallFactory()
    with pytest.raises(TransitionNotAllowed) as exc:
        services.call_transition(call=call, name="decide", by=None)
    assert exc.value.messages == ["Action « Clore les décisions » impossible dans l'état « Brouillon »."]
    assert CallTransition.objects.count() == 0


def test_decisions_cannot_close_while_an_application_awaits():
    application = ApplicationFactory(submitted=True, call=CallFactory(review=True))
    with pytest.raises(ValidationError) as exc:
        services.call_transition(call=application.call, name="decide", by=None)
    assert exc.value.messages == ["Des candidatures déposées attendent encore une décision."]


def test_criteria_and_questions_frozen_once_open():
    call = CallFactory(open=True)
    with pytest.raises(TransitionNotAllowed):
        services.criterion_add(call=call, label="X")
    with pytest.raises(TransitionNotAllowed):
        services.question_add(call=call, label="X")


def test_choice_question_needs_two_choices():
    call = CallFactory()
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            call=call, label="Statut", kind=Question.Kind.CHOICE, choices=["Association", " "]
        )
    assert messages(exc.value) == {"choices": ["Une question à choix demande au moins deux choix."]}
    question = services.question_add(
        call=call, label="Statut", kind="choice", choices=["Association", "SCIC"]
    )
    assert question.choices == ["Association", "SCIC"]


# -- applications -----------------------------------------------------------------------------------


def test_carrier_register_sets_flag_and_refuses_duplicates():
    user = services.carrier_register(
        email=" Lea@Example.org ", password="un-long-mot-de-passe-42", full_name="Léa"
    )
    assert (user.email, user.is_carrier, user.check_password("un-long-mot-de-passe-42")) == (
        "lea@example.org",
        True,
        True,
    )
    with pytest.raises(ValidationError) as exc:
        services.carrier_register(email="LEA@example.org", password="un-long-mot-de-passe-42")
    assert messages(exc.value) == {
        "email": ["Un compte existe déjà avec cette adresse : connectez-vous pour continuer."]
    }
    with pytest.raises(ValidationError):
        services.carrier_register(email="autre@example.org", password="123")


def test_application_start_is_idempotent_and_needs_an_open_call():
    call = CallFactory(open=True)
    user = UserFactory()
    first = services.application_start(call=call, carrier=user, project_name="Recyclerie")
    again = services.application_start(call=call, carrier=user)
    user.refresh_from_db()
    assert (first.pk, first.state, user.is_carrier) == (again.pk, ApplicationState.DRAFT, True)
    closed = CallFactory(open=True, closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        services.application_start(call=closed, carrier=user)
    assert exc.value.messages == ["Cet appel n'accepte pas de candidature en ce moment."]


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


def test_submit_checks_required_questions_then_logs_and_sends_receipt():
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
    services.application_submit(application=application, by=application.carrier)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.submitted_at is not None
    assert list(application.transitions.values_list("from_state", "to_state")) == [("draft", "submitted")]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([application.carrier.email], "Candidature reçue : Appel Hérault")
    ]
    assert "Recyclerie" in mail.outbox[0].body
    with pytest.raises(TransitionNotAllowed):
        services.application_save_draft(application=application, by=application.carrier, project_name="X")


def test_submit_refused_after_the_deadline():
    application = ApplicationFactory(call=CallFactory(open=True))
    application.call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    application.call.save()
    with pytest.raises(ValidationError) as exc:
        services.application_submit(application=application, by=application.carrier)
    assert exc.value.messages == ["Cet appel n'accepte pas de candidature en ce moment."]


def test_withdraw():
    application = ApplicationFactory(submitted=True)
    services.application_withdraw(application=application, by=application.carrier)
    assert application.state == ApplicationState.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        services.application_withdraw(application=application, by=application.carrier)


# -- review ----------------------------------------------------------------------------------


def test_reviewers_are_staff_of_the_organisation_or_experts():
    application = ApplicationFactory(submitted=True)
    organisation = application.call.programme.organisation
    staff = MembershipFactory(organisation=organisation).user
    expert = UserFactory(expert=True)
    outsider = MembershipFactory().user
    assert services.review_assign(application=application, reviewer=staff, by=staff).reviewer == staff
    assert services.review_assign(application=application, reviewer=expert, by=staff).reviewer == expert
    assert application.reviews.count() == 2
    services.review_assign(application=application, reviewer=expert, by=staff)
    assert application.reviews.count() == 2
    with pytest.raises(ValidationError) as exc:
        services.review_assign(application=application, reviewer=outsider, by=staff)
    assert messages(exc.value) == {
        "reviewer": ["Choisissez un membre de l'équipe ou un expert comme évaluateur."]
    }
    application.carrier.is_expert = True
    with pytest.raises(ValidationError) as exc:
        services.review_assign(application=application, reviewer=application.carrier, by=staff)
    assert messages(exc.value) == {"reviewer": ["Le porteur ne peut pas évaluer sa propre candidature."]}


def test_drafts_are_not_assigned():
    application = ApplicationFactory()
    with pytest.raises(TransitionNotAllowed):
        services.review_assign(application=application, reviewer=UserFactory(expert=True), by=None)


def _review_setup(score_max=5):
    call = CallFactory(review=True, score_max=score_max)
    social = CriterionFactory(call=call, weight=3)
    economic = CriterionFactory(call=call, weight=1)
    return call, social, economic


def test_review_scores_are_bounded_and_complete():
    call, social, economic = _review_setup()
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    with pytest.raises(ValidationError) as exc:
        services.review_submit(review=review, scores={social.pk: (6, "")})
    assert messages(exc.value) == {
        f"c_{social.pk}": ["La note va de 0 à 5."],
        f"c_{economic.pk}": ["Notez ce critère."],
    }
    assert Score.objects.count() == 0
    services.review_submit(
        review=review, scores={social.pk: (4, " solide "), economic.pk: (0, "")}, comment="ok"
    )
    assert sorted(review.scores.values_list("criterion_id", "value", "comment")) == sorted(
        [(social.pk, 4, "solide"), (economic.pk, 0, "")]
    )
    services.review_submit(review=review, scores={social.pk: (5, ""), economic.pk: (5, "")})
    assert review.scores.count() == 2


def test_review_only_during_review_phase():
    call = CallFactory(open=True)
    criterion = CriterionFactory(call=call)
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    with pytest.raises(TransitionNotAllowed) as exc:
        services.review_submit(review=review, scores={criterion.pk: (3, "")})
    assert exc.value.messages == ["Les notes se donnent pendant la phase d'évaluation de l'appel."]


def test_conflict_of_interest_erases_scores_and_blocks_scoring():
    call, social, economic = _review_setup()
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    services.review_submit(review=review, scores={social.pk: (4, ""), economic.pk: (2, "")})
    with pytest.raises(ValidationError):
        services.review_declare_conflict(review=review, reason="  ")
    services.review_declare_conflict(review=review, reason="Je connais la porteuse.")
    review.refresh_from_db()
    assert (review.conflict_of_interest, review.submitted_at, review.scores.count()) == (True, None, 0)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.review_submit(review=review, scores={social.pk: (4, ""), economic.pk: (2, "")})
    assert exc.value.messages == ["Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."]


# -- decisions -----------------------------------------------------------------------------------


def test_accepting_creates_the_project_after_selection_and_mails_the_feedback():
    call = CallFactory(review=True, title="Incubation 2026")
    application = ApplicationFactory(call=call, submitted=True, project_name="Recyclerie du Lodévois")
    staff = MembershipFactory(organisation=call.programme.organisation, role="admin").user
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, decision="accept", feedback=" ", by=staff)
    assert messages(exc.value) == {"feedback": ["Rédigez un retour pour le porteur."]}
    services.application_decide(
        application=application, decision="accept", feedback="Projet solide, à muscler côté marché.", by=staff
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
    assert list(
        ApplicationTransition.objects.filter(application=application).values_list("to_state", "by", "comment")
    ) == [("accepted", staff.pk, "Projet solide, à muscler côté marché.")]


def test_waitlist_then_refuse_creates_no_project():
    application = ApplicationFactory(call=CallFactory(review=True), submitted=True)
    services.application_decide(
        application=application, decision="waitlist", feedback="Liste d'attente.", by=None
    )
    services.application_decide(application=application, decision="refuse", feedback="Pas de place.", by=None)
    assert application.state == ApplicationState.REFUSED
    assert Project.objects.count() == 0
    assert len(mail.outbox) == 2
    with pytest.raises(TransitionNotAllowed):
        services.application_decide(application=application, decision="accept", feedback="x", by=None)


def test_no_decision_while_the_call_is_open():
    application = ApplicationFactory(submitted=True)
    with pytest.raises(TransitionNotAllowed):
        services.application_decide(application=application, decision="accept", feedback="x", by=None)
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, decision="bravo", feedback="x", by=None)
    assert messages(exc.value) == {"decision": ["Décision inconnue."]}
    assert Application.objects.get().state == ApplicationState.SUBMITTED


# -- generator side ---------------------------------------------------------------------------------


def test_need_becomes_a_generator_project_without_carrier():
    need = TerritoryNeedFactory(title="Garde d'enfants en horaires décalés", opportunity_study="Étude 2025")
    staff = MembershipFactory(organisation=need.programme.organisation).user
    services.need_transition(need=need, name="study", by=staff)
    project = services.need_make_project(need=need, by=staff)
    need.refresh_from_db()
    assert (need.state, need.project) == (NeedState.PROJECT, project)
    assert (project.model, project.stage.key, project.carriers.count(), project.name) == (
        "generator",
        "reperage",
        0,
        "Garde d'enfants en horaires décalés",
    )
    with pytest.raises(TransitionNotAllowed):
        services.need_make_project(need=need, by=staff)


def test_job_offer_recruitment_makes_the_candidate_the_carrier():
    need = TerritoryNeedFactory()
    staff = MembershipFactory(organisation=need.programme.organisation).user
    project = services.need_make_project(need=need, by=staff)
    offer = services.job_offer_create(
        programme=need.programme,
        by=staff,
        title="Directeur ou directrice de crèche",
        description="Créer la crèche",
        skills_profile="Petite enfance, gestion",
        need=need,
    )
    assert offer.project == project
    candidate = UserFactory()
    with pytest.raises(ValidationError):
        services.candidacy_apply(offer=offer, candidate=candidate, motivation="Oui")
    services.job_offer_transition(offer=offer, name="publish", by=staff)
    candidacy = services.candidacy_apply(offer=offer, candidate=candidate, motivation="Dix ans en crèche.")
    assert [m.subject for m in mail.outbox] == ["Candidature reçue : Directeur ou directrice de crèche"]
    with pytest.raises(ValidationError) as exc:
        services.candidacy_apply(offer=offer, candidate=candidate, motivation="Encore")
    assert exc.value.messages == ["Vous avez déjà postulé à cette offre."]
    services.candidacy_transition(candidacy=candidacy, name="shortlist", by=staff)
    with pytest.raises(ValidationError):
        services.candidacy_transition(candidacy=candidacy, name="interview", by=staff)
    services.candidacy_transition(
        candidacy=candidacy, name="interview", by=staff, interview_at=timezone.now() + dt.timedelta(days=3)
    )
    services.candidacy_transition(candidacy=candidacy, name="recruit", by=staff, comment="Unanimité")
    candidate.refresh_from_db()
    offer.refresh_from_db()
    assert candidacy.state == CandidacyState.RECRUITED
    assert list(project.carriers.all()) == [candidate]
    assert candidate.is_carrier is True
    assert offer.state == JobOfferState.FILLED
    assert list(candidacy.transitions.values_list("from_state", "to_state")) == [
        ("", "submitted"),
        ("submitted", "shortlisted"),
        ("shortlisted", "interview"),
        ("interview", "recruited"),
    ]
    assert list(offer.transitions.values_list("to_state", flat=True)) == ["published", "filled"]


def test_recruiting_needs_a_project_and_skipping_is_refused():
    candidacy = CandidacyFactory()
    with pytest.raises(TransitionNotAllowed):
        services.candidacy_transition(candidacy=candidacy, name="recruit", by=None)
    candidacy.state = CandidacyState.INTERVIEW
    with pytest.raises(ValidationError) as exc:
        services.candidacy_transition(candidacy=candidacy, name="recruit", by=None)
    assert exc.value.messages == [
        "Rattachez d'abord l'offre à un projet : le recruté en deviendra le porteur."
    ]


def test_job_offer_refuses_a_need_of_another_programme():
    need = TerritoryNeedFactory()
    with pytest.raises(ValidationError):
        services.job_offer_create(
            programme=ProgrammeFactory(), by=None, title="X", description="X", skills_profile="X", need=need
        )
    assert JobOffer.objects.count() == 0

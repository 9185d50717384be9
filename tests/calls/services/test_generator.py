import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from essaim.audit.models import Event
from essaim.calls import services
from essaim.calls.models import Candidacy, CandidacyState, JobOffer, JobOfferState, NeedState, TerritoryNeed
from essaim.calls.workflows import CANDIDACY_WORKFLOW, JOB_OFFER_WORKFLOW, NEED_WORKFLOW
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import CandidacyFactory, JobOfferFactory, TerritoryNeedFactory, staff_of
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


# -- needs -------------------------------------------------------------------------------------


def test_need_create_and_update_by_the_staff_only_and_logged():
    programme = ProgrammeFactory(model="generator", kind="project_generator")
    staff = staff_of(programme)
    with pytest.raises(PermissionDenied):
        services.need_create(programme=programme, by=MembershipFactory().user, title="X", need="Y")
    need = services.need_create(programme=programme, by=staff, title="Mobilité", need="Pas de bus")
    assert (need.created_by, need.state) == (staff, NeedState.SPOTTED)
    with pytest.raises(PermissionDenied):
        services.need_update(territory_need=need, by=MembershipFactory().user, need="Piraté")
    services.need_update(territory_need=need, by=staff, need="Pas de bus le dimanche")
    assert list(
        Event.objects.filter(object_type="calls.territoryneed")
        .order_by("pk")
        .values_list("action", "changes")
    ) == [
        ("create", {"title": "Mobilité", "commune": None, "epci": None}),
        ("update", {"need": ["Pas de bus", "Pas de bus le dimanche"]}),
    ]
    assert TerritoryNeed.objects.get().need == "Pas de bus le dimanche"


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
    assert [(e.from_state, e.to_state) for e in NEED_WORKFLOW.log(need)] == [
        ("spotted", "studied"),
        ("studied", "project"),
    ]
    with pytest.raises(TransitionNotAllowed):
        services.need_make_project(need=need, by=staff)


def test_need_transition_sends_make_project_to_its_own_service():
    need = TerritoryNeedFactory()
    with pytest.raises(ValidationError) as exc:
        services.need_transition(need=need, name="make_project", by=staff_of(need))
    assert exc.value.messages == ["Utilisez « En faire un projet »."]
    with pytest.raises(PermissionDenied):
        services.need_transition(need=need, name="drop", by=MembershipFactory().user)
    assert TerritoryNeed.objects.get().state == NeedState.SPOTTED


def test_need_turned_into_project_attaches_its_offers():
    need = TerritoryNeedFactory()
    offer = JobOfferFactory(programme=need.programme, need=need)
    project = services.need_make_project(need=need, by=staff_of(need))
    offer.refresh_from_db()
    assert offer.project == project


# -- job offers and candidacies -------------------------------------------------------------------------


def test_job_offer_recruitment_makes_the_candidate_the_carrier(django_capture_on_commit_callbacks):
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
    assert (offer.project, offer.created_by) == (project, staff)
    candidate = UserFactory()
    with pytest.raises(ValidationError):
        services.candidacy_apply(offer=offer, by=candidate, motivation="Oui")
    services.job_offer_transition(offer=offer, name="publish", by=staff)
    assert offer.published_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        candidacy = services.candidacy_apply(offer=offer, by=candidate, motivation="Dix ans en crèche.")
    assert [m.subject for m in mail.outbox] == ["Candidature reçue : Directeur ou directrice de crèche"]
    with pytest.raises(ValidationError) as exc:
        services.candidacy_apply(offer=offer, by=candidate, motivation="Encore")
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
    assert [(e.from_state, e.to_state) for e in CANDIDACY_WORKFLOW.log(candidacy)] == [
        ("", "submitted"),
        ("submitted", "shortlisted"),
        ("shortlisted", "interview"),
        ("interview", "recruited"),
    ]
    assert [e.to_state for e in JOB_OFFER_WORKFLOW.log(offer)] == ["published", "filled"]


def test_recruiting_needs_a_project_and_skipping_is_refused():
    candidacy = CandidacyFactory()
    staff = staff_of(candidacy)
    with pytest.raises(TransitionNotAllowed):
        services.candidacy_transition(candidacy=candidacy, name="recruit", by=staff)
    candidacy.state = CandidacyState.INTERVIEW
    candidacy.save()
    with pytest.raises(ValidationError) as exc:
        services.candidacy_transition(candidacy=candidacy, name="recruit", by=staff)
    assert exc.value.messages == [
        "Rattachez d'abord l'offre à un projet : le recruté en deviendra le porteur."
    ]


def test_only_the_candidate_withdraws_and_only_the_staff_decide():
    candidacy = CandidacyFactory()
    staff = staff_of(candidacy)
    with pytest.raises(PermissionDenied) as exc:
        services.candidacy_transition(candidacy=candidacy, name="withdraw", by=staff)
    assert str(exc.value) == "Seul le candidat peut retirer sa candidature."
    for other in (candidacy.candidate, MembershipFactory().user):
        with pytest.raises(PermissionDenied):
            services.candidacy_transition(candidacy=candidacy, name="shortlist", by=other)
    assert Candidacy.objects.get().state == CandidacyState.SUBMITTED
    services.candidacy_transition(candidacy=candidacy, name="withdraw", by=candidacy.candidate)
    assert candidacy.state == CandidacyState.WITHDRAWN


def test_candidacy_needs_a_session_and_a_motivation():
    offer = JobOfferFactory(published=True)
    with pytest.raises(ValidationError) as exc:
        services.candidacy_apply(offer=offer, by=AnonymousUser(), motivation="Oui")
    assert exc.value.messages == ["Connectez-vous ou créez un compte pour postuler."]
    sam = UserFactory(email="sam@example.org")
    with pytest.raises(ValidationError) as exc:
        services.candidacy_apply(offer=offer, by=sam, motivation=" ")
    assert exc.value.message_dict == {"motivation": ["Expliquez votre motivation pour ce projet."]}
    assert Candidacy.objects.count() == 0
    candidacy = services.candidacy_apply(offer=offer, by=sam, motivation="Oui")
    assert (candidacy.candidate.email, candidacy.state) == ("sam@example.org", CandidacyState.SUBMITTED)


def test_job_offer_refuses_a_need_of_another_programme():
    need = TerritoryNeedFactory()
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError):
        services.job_offer_create(
            programme=programme,
            by=staff_of(programme),
            title="X",
            description="X",
            skills_profile="X",
            need=need,
        )
    assert JobOffer.objects.count() == 0


def test_job_offer_edits_by_the_staff_until_filled():
    offer = JobOfferFactory(title="Ancien")
    staff = staff_of(offer)
    with pytest.raises(PermissionDenied):
        services.job_offer_update(offer=offer, by=MembershipFactory().user, title="Piraté")
    services.job_offer_update(offer=offer, by=staff, title="Nouveau")
    offer.state = JobOfferState.FILLED
    with pytest.raises(TransitionNotAllowed) as exc:
        services.job_offer_update(offer=offer, by=staff, title="Encore")
    assert exc.value.messages == ["Une offre pourvue ne se modifie plus."]
    assert JobOffer.objects.get().title == "Nouveau"

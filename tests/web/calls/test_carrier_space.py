"""What a carrier or a candidate sees of their own applications and candidacies: state, offer,
dates, decisions and feedback, withdrawal; never staff notes or another person's file."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.calls import services
from essaim.calls.models import CandidacyState
from tests.factories.calls import ApplicationFactory, CandidacyFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_candidate_sees_own_candidacy_and_withdraws(client, world):
    candidacy = world.candidacy
    candidacy.staff_notes = "Note interne : trop junior"
    candidacy.save()
    services.candidacy_transition(
        candidacy=candidacy, name="shortlist", by=world.staff, comment="Commentaire interne"
    )
    interview = timezone.make_aware(dt.datetime(2026, 12, 3, 10, 30))
    services.candidacy_transition(
        candidacy=candidacy, name="interview", by=world.staff, interview_at=interview
    )
    client.force_login(world.candidate)
    url = reverse("calls:my_candidacy", args=[candidacy.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = _text(response)
    assert "Ma candidature : Directeur de crèche" in page
    assert "Entretien" in page
    assert "3 décembre 2026" in page
    assert world.offer.skills_profile in page
    assert candidacy.motivation in page
    assert "Note interne" not in page
    assert "Commentaire interne" not in page
    assert [s.to_state for s in response.context["steps"]] == ["shortlisted", "interview"]
    assert response.context["can_withdraw"] is True
    response = client.post(reverse("calls:my_candidacy_withdraw", args=[candidacy.pk]))
    assert response["Location"] == url
    candidacy.refresh_from_db()
    assert candidacy.state == CandidacyState.WITHDRAWN
    response = client.get(url)
    assert response.context["can_withdraw"] is False
    assert reverse("calls:my_candidacy_withdraw", args=[candidacy.pk]) not in _text(response)
    # a second withdrawal is refused with the French message, nothing changes
    response = client.post(reverse("calls:my_candidacy_withdraw", args=[candidacy.pk]), follow=True)
    assert "Action « Retirer ma candidature » impossible dans l'état « Retirée »." in _text(response)


def test_candidacy_of_someone_else_is_404(client, world):
    other = CandidacyFactory(offer=world.offer)
    client.force_login(world.candidate)
    assert client.get(reverse("calls:my_candidacy", args=[other.pk])).status_code == 404
    assert client.post(reverse("calls:my_candidacy_withdraw", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.state == CandidacyState.SUBMITTED
    client.force_login(world.staff)  # staff use their own page for candidacies
    assert client.get(reverse("calls:my_candidacy", args=[world.candidacy.pk])).status_code == 404


def test_my_candidacy_wrong_method(client, world):
    client.force_login(world.candidate)
    assert client.post(reverse("calls:my_candidacy", args=[world.candidacy.pk])).status_code == 405


def test_carrier_space_lists_applications_with_decisions_and_candidacies(client, world):
    services.application_decide(
        application=world.application,
        decision="refuse",
        feedback="Projet trop tôt : revenez au printemps.",
        by=world.staff,
    )
    CandidacyFactory(candidate=world.carrier, offer=world.offer)
    draft = ApplicationFactory(carrier=world.carrier, project_name="Brouillon du porteur")
    ApplicationFactory(project_name="Projet d'une autre personne")
    client.force_login(world.carrier)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 200
    assert [a.pk for a in response.context["my_applications"]] == [draft.pk, world.application.pk]
    page = _text(response)
    assert "Mes candidatures et décisions" in page
    assert "Non retenue" in page
    assert "Projet trop tôt : revenez au printemps." in page
    assert "Brouillon du porteur" in page
    assert "Projet d'une autre personne" not in page
    assert reverse("calls:my_candidacy", args=[world.carrier.candidacies.get().pk]) in page
    index = _text(client.get(reverse("calls:index")))
    assert "Projet trop tôt : revenez au printemps." in index


def test_feedback_is_not_shown_before_the_decision(client, world):
    world.application.feedback = "Brouillon de retour du comité"
    world.application.save()
    client.force_login(world.carrier)
    assert "Brouillon de retour du comité" not in _text(client.get(reverse("workspace:home")))
    assert "Brouillon de retour du comité" not in _text(client.get(reverse("calls:index")))


def test_a_candidate_without_carrier_flag_sees_the_section(client, world):
    client.force_login(world.candidate)
    page = _text(client.get(reverse("workspace:home")))
    assert "Mes candidatures et décisions" in page
    assert "Votre compte n'est rattaché à aucun dispositif" not in page

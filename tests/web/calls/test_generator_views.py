"""The project generator (essaim/web/workspace/calls/generator_views.py): needs, job offers,
candidacies."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from essaim.calls import services
from essaim.calls.models import (
    Candidacy,
    CandidacyState,
    JobOffer,
    TerritoryNeed,
)
from tests.factories.accounts import MembershipFactory
from tests.factories.calls import (
    CandidacyFactory,
    JobOfferFactory,
    TerritoryNeedFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

SECRET = "ruche-au-printemps-2026"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_need_register_and_project_creation(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("calls:need_create"),
        {
            "programme": world.generator.pk,
            "title": "Mobilité rurale",
            "need": "Pas de transport",
            "commune": "34172",
        },
    )
    need = TerritoryNeed.objects.get(title="Mobilité rurale")
    assert response["Location"] == reverse("calls:need", args=[need.pk])
    client.post(reverse("calls:need_transition", args=[need.pk]), {"name": "make_project"})
    need.refresh_from_db()
    assert (need.state, need.project.model, need.project.stage.key) == ("project", "generator", "reperage")


@pytest.mark.parametrize("n", [1, 5])
def test_generator_lists_query_count(client, django_assert_num_queries, n):
    staff = MembershipFactory().user
    programme = ProgrammeFactory(organisation=staff.memberships.get().organisation, model="generator")
    for _ in range(n):
        TerritoryNeedFactory(programme=programme, commune_id="34172")
        CandidacyFactory(offer=JobOfferFactory(programme=programme))
    client.force_login(staff)
    with django_assert_num_queries(4):  # session, user, memberships (rule), needs
        assert len(client.get(reverse("calls:needs")).context["needs"]) == n
    with django_assert_num_queries(4):
        assert len(client.get(reverse("calls:offers")).context["offers"]) == n


def test_offer_published_then_candidate_applies_and_is_recruited(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    project = client.post(reverse("calls:need_transition", args=[world.need.pk]), {"name": "make_project"})
    world.need.refresh_from_db()
    response = client.post(
        reverse("calls:offer_create"),
        {
            "programme": world.generator.pk,
            "need": world.need.pk,
            "title": "Porteur de la mobilité",
            "description": "Créer le service",
            "skills_profile": "Logistique",
        },
    )
    offer = JobOffer.objects.get(title="Porteur de la mobilité")
    assert response["Location"] == reverse("calls:offer", args=[offer.pk])
    assert offer.project == world.need.project
    client.post(reverse("calls:offer_transition", args=[offer.pk]), {"name": "publish"})
    client.logout()
    public = reverse("calls_public:offer", args=[offer.pk])
    # Without an account: the sign-up of essaim/accounts, whose link brings Sam back signed in.
    account = {"account-full_name": "Sam", "account-email": "sam@example.org", "account-password": SECRET}
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(public, account)
    assert sent.status_code == 200
    assert "suivez le lien pour confirmer et continuer votre candidature" in _text(sent)
    assert Candidacy.objects.filter(offer=offer).count() == 0
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0).removeprefix("http://127.0.0.1:8000")
    assert client.post(link, {"password": SECRET})["Location"] == public
    response = client.post(public, {"motivation": "Je connais le territoire."})
    assert response["Location"] == reverse("calls:index")
    candidacy = Candidacy.objects.get(offer=offer)
    assert candidacy.candidate.email == "sam@example.org"
    client.force_login(world.staff)
    url = reverse("calls:candidacy_transition", args=[candidacy.pk])
    client.post(url, {"name": "shortlist"})
    client.post(url, {"name": "interview", "interview_at": "2026-12-10T10:00"})
    client.post(url, {"name": "recruit", "comment": "Retenu"})
    candidacy.refresh_from_db()
    assert candidacy.state == CandidacyState.RECRUITED
    assert list(world.need.project.carriers.all()) == [candidacy.candidate]
    assert project.status_code == 302


def test_staff_cannot_withdraw_for_the_candidate(client, world):
    client.force_login(world.staff)
    client.post(reverse("calls:candidacy_transition", args=[world.candidacy.pk]), {"name": "withdraw"})
    world.candidacy.refresh_from_db()
    assert world.candidacy.state == CandidacyState.SUBMITTED


def test_need_is_edited_and_dropped(client, world):
    client.force_login(world.staff)
    url = reverse("calls:need", args=[world.need.pk])
    response = client.post(url, {"title": "Garde d'enfants", "need": "Horaires décalés", "epci": "200053740"})
    assert response.status_code == 400
    assert "Intercommunalité inconnue : « 200053740 »." in _text(response)
    response = client.post(url, {"title": "Garde d'enfants", "need": "Horaires décalés", "epci": "243400017"})
    assert response["Location"] == url
    world.need.refresh_from_db()
    assert (world.need.need, world.need.epci_id) == ("Horaires décalés", "243400017")
    client.post(
        reverse("calls:need_transition", args=[world.need.pk]), {"name": "drop", "comment": "Couvert"}
    )
    world.need.refresh_from_db()
    assert world.need.state == "dropped"


def test_offer_closed_then_candidate_withdraws_own_candidacy(client, world):
    client.force_login(world.staff)
    client.post(reverse("calls:offer_transition", args=[world.offer.pk]), {"name": "close"})
    world.offer.refresh_from_db()
    assert world.offer.state == "closed"
    assert client.get(reverse("calls_public:offer", args=[world.offer.pk])).status_code == 404
    client.force_login(world.candidate)
    response = client.post(reverse("calls:my_candidacy_withdraw", args=[world.candidacy.pk]))
    assert response["Location"] == reverse("calls:my_candidacy", args=[world.candidacy.pk])
    world.candidacy.refresh_from_db()
    assert world.candidacy.state == CandidacyState.WITHDRAWN


def test_offer_is_attached_to_a_project_later_then_recruitment_works(client, world):
    client.force_login(world.staff)
    assert world.offer.project is None
    page = _text(client.get(reverse("calls:offer", args=[world.offer.pk])))
    assert "Rattachez l'offre à un projet" in page
    client.post(reverse("calls:need_transition", args=[world.need.pk]), {"name": "make_project"})
    world.need.refresh_from_db()
    data = {
        "title": world.offer.title,
        "description": "Créer la crèche",
        "skills_profile": "Petite enfance",
        "project": world.need.project.pk,
    }
    response = client.post(reverse("calls:offer_edit", args=[world.offer.pk]), data)
    assert response["Location"] == reverse("calls:offer", args=[world.offer.pk])
    world.offer.refresh_from_db()
    assert (world.offer.project, world.offer.skills_profile) == (world.need.project, "Petite enfance")
    other_project_offer = {**data, "project": ""}
    client.post(reverse("calls:offer_edit", args=[world.offer.pk]), other_project_offer)
    world.offer.refresh_from_db()
    assert world.offer.project is None


def test_need_turned_into_project_attaches_its_offers(world):
    world.offer.need = world.need
    world.offer.save()
    project = services.need_make_project(need=world.need, by=world.staff)
    world.offer.refresh_from_db()
    assert world.offer.project == project


@pytest.mark.parametrize("n", [1, 5])
def test_offer_detail_query_count(client, django_assert_num_queries, n):
    staff = MembershipFactory().user
    organisation = staff.memberships.get().organisation
    offer = JobOfferFactory(programme=ProgrammeFactory(organisation=organisation), published=True)
    for _ in range(n):
        CandidacyFactory(offer=offer)
    client.force_login(staff)
    # session, user, offer, memberships (rule), candidacies, log
    with django_assert_num_queries(6):
        assert len(client.get(reverse("calls:offer", args=[offer.pk])).context["candidacies"]) == n

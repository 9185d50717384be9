import datetime as dt
import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.calls.models import Application, Call, Candidacy, JobOffer, Review, TerritoryNeed
from essaim.calls.workflows import ApplicationState, CallState, CandidacyState
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    JobOfferFactory,
    QuestionFactory,
    ReviewFactory,
    TerritoryNeedFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


# -- public pages and applying ---------------------------------------------------------------------


def test_public_call_list_shows_open_calls_only(client):
    open_call = CallFactory(open=True, title="Appel ouvert")
    draft = CallFactory(title="Appel brouillon")
    response = client.get(reverse("calls_public:calls"))
    assert response.status_code == 200
    assert list(response.context["calls"]) == [open_call]
    assert client.get(reverse("calls_public:call", args=[draft.pk])).status_code == 404
    assert client.get(reverse("calls_public:call", args=[open_call.pk])).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_public_lists_query_count(client, django_assert_num_queries, n):
    for _ in range(n):
        CallFactory(open=True)
        JobOfferFactory(published=True)
    with django_assert_num_queries(1):
        assert client.get(reverse("calls_public:calls")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("calls_public:offers")).status_code == 200


def test_anonymous_applies_by_creating_an_account(client):
    call = CallFactory(open=True)
    url = reverse("calls_public:call_apply", args=[call.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"full_name": "Léa", "email": "lea@example.org", "password": "x", "password_again": "y"}
    )
    assert bad.status_code == 400
    assert "Les deux mots de passe diffèrent." in _text(bad)
    assert User.objects.filter(email="lea@example.org").exists() is False
    data = {
        "full_name": "Léa",
        "email": "lea@example.org",
        "password": "tres-long-secret-9",
        "password_again": "tres-long-secret-9",
    }
    response = client.post(url, data)
    application = Application.objects.get()
    assert response["Location"] == reverse("calls:application", args=[application.pk])
    assert (application.carrier.email, application.carrier.is_carrier, application.state) == (
        "lea@example.org",
        True,
        ApplicationState.DRAFT,
    )
    # Logged in: the draft page opens.
    assert client.get(response["Location"]).status_code == 200


def test_registering_with_a_taken_email_says_so(client):
    call = CallFactory(open=True)
    UserFactory(email="pris@example.org")
    data = {
        "full_name": "X",
        "email": "pris@example.org",
        "password": "tres-long-secret-9",
        "password_again": "tres-long-secret-9",
    }
    response = client.post(reverse("calls_public:call_apply", args=[call.pk]), data)
    assert response.status_code == 400
    assert "Un compte existe déjà avec cette adresse" in _text(response)
    assert Application.objects.count() == 0


def test_logged_in_user_starts_a_draft_once(client):
    call = CallFactory(open=True)
    user = UserFactory()
    client.force_login(user)
    url = reverse("calls_public:call_apply", args=[call.pk])
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert Application.objects.filter(carrier=user).count() == 1


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


# -- staff: calls -----------------------------------------------------------------------------------------


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


# -- review and decision -------------------------------------------------------------------------------


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


# -- generator side ---------------------------------------------------------------------------------------


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


def test_offer_published_then_candidate_applies_and_is_recruited(client, world):
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
    response = client.post(
        public,
        {
            "account-full_name": "Sam",
            "account-email": "sam@example.org",
            "account-password": "tres-long-secret-9",
            "account-password_again": "tres-long-secret-9",
            "motivation": "Je connais le territoire.",
        },
    )
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


def test_public_offer_refuses_closed_offers(client):
    offer = JobOfferFactory()
    assert client.get(reverse("calls_public:offer", args=[offer.pk])).status_code == 404
    offer = JobOfferFactory(published=True, closes_on=timezone.localdate() - dt.timedelta(days=1))
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("calls_public:offer", args=[offer.pk]), {"motivation": "Oui"})
    assert response.status_code == 400
    assert "Cette offre n'accepte plus de candidature." in _text(response)


# -- more staff actions and bad input ------------------------------------------------------------------


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
    from essaim.calls import services

    world.offer.need = world.need
    world.offer.save()
    project = services.need_make_project(need=world.need, by=world.staff)
    world.offer.refresh_from_db()
    assert world.offer.project == project


def test_public_call_shows_territory_names(client):
    call = CallFactory(open=True, territory_refs=["departement:34", "region:76"])
    page = _text(client.get(reverse("calls_public:call", args=[call.pk])))
    assert "Hérault (département), Occitanie (région)" in page


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


@pytest.mark.parametrize("n", [1, 5])
def test_offer_detail_and_instruction_query_counts(client, django_assert_num_queries, n):
    staff = MembershipFactory().user
    organisation = staff.memberships.get().organisation
    offer = JobOfferFactory(programme=ProgrammeFactory(organisation=organisation), published=True)
    call = CallFactory(programme=ProgrammeFactory(organisation=organisation), review=True)
    criterion = CriterionFactory(call=call)
    application = ApplicationFactory(call=call, submitted=True)
    for _ in range(n):
        CandidacyFactory(offer=offer)
        review = ReviewFactory(application=application, submitted_at=timezone.now())
        review.scores.create(criterion=criterion, value=3)
    client.force_login(staff)
    # session, user, offer, memberships (rule), candidacies, log
    with django_assert_num_queries(6):
        assert len(client.get(reverse("calls:offer", args=[offer.pk])).context["candidacies"]) == n
    # session, user, application, memberships (rule), answers, reviews, scores, criteria,
    # reviewer choices, log
    with django_assert_num_queries(10):
        assert len(client.get(reverse("calls:instruction", args=[application.pk])).context["reviews"]) == n


def test_public_pages_refuse_other_methods(client):
    call = CallFactory(open=True)
    offer = JobOfferFactory(published=True)
    for url in (
        reverse("calls_public:calls"),
        reverse("calls_public:call", args=[call.pk]),
        reverse("calls_public:call_apply", args=[call.pk]),
        reverse("calls_public:offers"),
        reverse("calls_public:offer", args=[offer.pk]),
    ):
        assert client.delete(url).status_code == 405
    assert client.post(reverse("calls_public:calls")).status_code == 405


# -- issue 16: drafts belong to their carrier; staff do not apply to their own calls -------------


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


def test_staff_cannot_apply_to_their_own_call(client, world):
    call = CallFactory(programme=world.programme, open=True)
    client.force_login(world.staff)
    page = _text(client.get(reverse("calls_public:call", args=[call.pk])))
    assert "Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater." in page
    assert reverse("calls_public:call_apply", args=[call.pk]) not in page
    assert client.get(reverse("calls_public:call_apply", args=[call.pk])).status_code == 403
    assert client.post(reverse("calls_public:call_apply", args=[call.pk])).status_code == 403
    assert Application.objects.filter(call=call).count() == 0
    client.force_login(world.other_staff)
    response = client.post(reverse("calls_public:call_apply", args=[call.pk]))
    assert response["Location"] == reverse("calls:application", args=[Application.objects.get(call=call).pk])

"""End to end: a carrier applies to a call, a reviewer scores, staff accept (creating the
project). axe-core on every page of the journey."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from essaim.accompaniment.models import Project
from essaim.calls.models import Application
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.factories.calls import CallFactory, CriterionFactory, QuestionFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def setup(territories):
    organisation = OrganisationFactory(name="Alter'Incub")
    programme = ProgrammeFactory(organisation=organisation, name="Incubation Alter'Incub")
    call = CallFactory(programme=programme, open=True, title="Appel 2026", blind_review=True)
    criterion = CriterionFactory(call=call, label="Utilité sociale", weight=3)
    question = QuestionFactory(call=call, label="Public visé")
    staff = MembershipFactory(organisation=organisation, user__email="equipe@example.org").user
    expert = UserFactory(expert=True, email="experte@example.org", full_name="Eve Experte")
    return call, criterion, question, staff, expert


def _login(page, base_url, email):
    page.goto(base_url + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_apply_review_accept(live_server, page, browser, setup):
    call, criterion, question, staff, expert = setup
    base = live_server.url

    # The carrier finds the call, creates an account and submits.
    page.goto(base + "/appels/")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Appel 2026").click()
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Candidater").click()
    assert_no_serious_violations(page)
    page.get_by_label("Prénom et nom").fill("Camille Porteuse")
    page.get_by_label("Adresse électronique").fill("camille@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("un-secret-assez-long-7")
    page.get_by_role("button", name="Créer mon compte et commencer ma candidature").click()
    expect(page.locator("main")).to_contain_text(
        "suivez le lien pour confirmer et continuer votre candidature"
    )
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)
    page.goto(base + link.removeprefix("http://127.0.0.1:8000"))
    page.get_by_label("Mot de passe").fill("un-secret-assez-long-7")
    page.get_by_role("button", name="Confirmer et accéder à mon espace").click()
    page.get_by_role("button", name="Commencer ma candidature").click()
    expect(page.locator("h1")).to_contain_text("Ma candidature")
    assert_no_serious_violations(page)
    page.get_by_label("Nom du projet").fill("Recyclerie du Lodévois")
    page.get_by_label("Résumé du projet").fill("Réemploi et insertion.")
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator(".form-errors--box")).to_contain_text("répondez à « Public visé »")
    assert_no_serious_violations(page)
    page.get_by_label("Public visé *").fill("Habitants du Lodévois")
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator(".lead")).to_contain_text("Déposée")
    application = Application.objects.get()

    # Staff close submissions and assign the expert.
    staff_page = browser.new_context(locale="fr-FR").new_page()
    _login(staff_page, base, staff.email)
    staff_page.goto(f"{base}/espace/appels/{call.pk}/")
    assert_no_serious_violations(staff_page)
    staff_page.get_by_role("button", name="Passer en évaluation").click()
    expect(staff_page.locator(".lead")).to_contain_text("En évaluation")
    staff_page.get_by_role("link", name="Candidatures et comité").click()
    assert_no_serious_violations(staff_page)
    staff_page.get_by_role("link", name="Recyclerie du Lodévois").click()
    staff_page.get_by_label("Évaluateur ou évaluatrice").select_option(label="Eve Experte (expert)")
    staff_page.get_by_role("button", name="Affecter").click()
    expect(staff_page.locator(".messages")).to_contain_text("Évaluateur affecté.")
    assert_no_serious_violations(staff_page)

    # The expert scores, without seeing who the carrier is (blind review).
    expert_page = browser.new_context(locale="fr-FR").new_page()
    _login(expert_page, base, expert.email)
    expert_page.goto(base + "/espace/appels/")
    expert_page.get_by_role("link", name="Recyclerie du Lodévois").click()
    expect(expert_page.locator("main")).not_to_contain_text("camille@example.org")
    expect(expert_page.locator("main")).not_to_contain_text("Camille")
    assert_no_serious_violations(expert_page)
    expert_page.get_by_label(re.compile("^Utilité sociale")).fill("4")
    expert_page.get_by_label("Commentaire sur « Utilité sociale »").fill("Besoin bien documenté.")
    expert_page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(expert_page.locator(".messages")).to_contain_text("Évaluation enregistrée.")

    # Staff see the ranking and accept: the project enters the pipeline.
    staff_page.goto(f"{base}/espace/appels/{call.pk}/comite/")
    expect(staff_page.locator("tbody tr").first).to_contain_text("4,0")
    staff_page.get_by_role("link", name="Recyclerie du Lodévois").click()
    staff_page.get_by_label("Retenir (le projet entre dans le parcours)").check()
    staff_page.get_by_label("Retour écrit au porteur").fill("Bienvenue en incubation.")
    staff_page.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff_page.locator(".messages")).to_contain_text("Décision enregistrée")
    assert_no_serious_violations(staff_page)
    project = Project.objects.get()
    assert (project.name, project.stage.key) == ("Recyclerie du Lodévois", "opportunite_faisabilite")
    application.refresh_from_db()
    assert application.project == project

    # The carrier reads the decision.
    page.reload()
    expect(page.locator("main")).to_contain_text("Bienvenue en incubation.")
    assert_no_serious_violations(page)

"""End to end: staff move a project through its pipeline; the creation gate refuses an
unfinanced project; the carrier consents to a referral. Accessibility on every workspace page."""

import pytest
from playwright.sync_api import expect

from essaim.accompaniment.models import StageTransition
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, build_world
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


def login(page, live_server, email):
    page.goto(live_server.url + "/compte/connexion/?next=/espace/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Espace de travail")


def move(page, stage_name):
    page.get_by_label("Vers l'étape").select_option(label=stage_name)
    page.get_by_role("button", name="Valider").click()


def test_staff_move_project_and_creation_gate(live_server, page, territories):
    world = build_world()
    MeetingFactory(project=world.project_a)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server, "admin-a@example.org")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Incubateur A").click()
    expect(page.locator("h1")).to_have_text("Projets accompagnés — Incubateur A")
    assert_no_serious_violations(page)

    page.get_by_role("table").get_by_role("link", name="Épicerie du Faubourg").click()
    expect(page.locator("h1")).to_have_text("Épicerie du Faubourg")
    assert_no_serious_violations(page)
    move(page, "Opportunité et faisabilité")
    expect(page.locator(".messages")).to_contain_text("Étape du projet mise à jour.")
    expect(page.locator(".pipeline-steps [aria-current=step]")).to_have_text("Opportunité et faisabilité")
    move(page, "Incubation")
    expect(page.locator(".pipeline-steps [aria-current=step]")).to_have_text("Incubation")

    move(page, "Création")
    expect(page.locator(".messages")).to_contain_text(
        "Le projet ne peut pas entrer en « Création » : son plan de financement n'est pas bouclé"
    )
    expect(page.locator(".pipeline-steps [aria-current=step]")).to_have_text("Incubation")
    assert_no_serious_violations(page)
    keys = [t.to_stage.key for t in StageTransition.objects.filter(project=world.project_a).order_by("pk")]
    assert keys == ["opportunite_faisabilite", "incubation"]

    # The attention block offers the same action as the meetings section: both lead to the form.
    links = page.get_by_role("link", name="Consigner un rendez-vous")
    assert {links.nth(i).get_attribute("href") for i in range(links.count())} == {
        f"/espace/projets/{world.project_a.pk}/rendez-vous/"
    }
    links.first.click()
    assert_no_serious_violations(page)
    page.get_by_label("Durée (minutes)").fill("90")
    page.get_by_label("Sujets abordés").fill("Plan de financement")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text("Rendez-vous consigné.")

    page.get_by_role("link", name="Orienter vers un autre dispositif").click()
    assert_no_serious_violations(page)
    page.get_by_label("Dispositif destinataire").select_option(label="Pépinière B")
    page.get_by_label("Pourquoi orienter ce projet ?").fill("Hébergement après la création")
    page.get_by_role("button", name="Proposer").click()
    expect(page.locator(".messages")).to_contain_text("le porteur doit maintenant donner son accord")
    assert_no_serious_violations(page)

    for path in ("parcours/", "reglages/", "journal/", "passerelles/"):
        page.goto(f"{live_server.url}/espace/dispositifs/incubateur-a/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_no_serious_violations(page)
    page.goto(f"{live_server.url}/espace/dispositifs/incubateur-a/journal/")
    expect(page.locator("main")).to_contain_text(
        "a fait passer « Épicerie du Faubourg » (projet) de « Sélection » à « Opportunité et faisabilité »."
    )
    for path in ("/espace/experts/", "/espace/dispositifs/incubateur-a/projets/nouveau/"):
        page.goto(live_server.url + path)
        assert_no_serious_violations(page)
    page.goto(f"{live_server.url}/espace/projets/{world.project_a.pk}/modifier/")
    assert_no_serious_violations(page)
    checkin = CheckinFactory(project=world.project_a)
    page.goto(f"{live_server.url}/espace/projets/{world.project_a.pk}/suivis/{checkin.pk}/")
    assert_no_serious_violations(page)
    assert errors == []


def test_carrier_space_and_consent(live_server, page, territories):
    from essaim.accompaniment.services import referral_propose

    world = build_world()
    referral = referral_propose(
        project=world.project_a, to_programme=world.programme_b, by=world.member_a, message="Locaux"
    )
    login(page, live_server, "porteuse@example.org")
    expect(page.locator("main")).to_contain_text("Passerelles qui attendent mon accord")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Épicerie du Faubourg").first.click()
    expect(page.locator("h1")).to_have_text("Épicerie du Faubourg")
    expect(page.get_by_role("button", name="Valider")).to_have_count(0)
    assert_no_serious_violations(page)

    page.goto(f"{live_server.url}/espace/passerelles/{referral.pk}/")
    assert_no_serious_violations(page)
    page.get_by_label("Résumé").uncheck()
    page.get_by_label("Besoin social").uncheck()
    page.get_by_role("button", name="J'accepte de partager ces informations").click()
    expect(page.locator(".lead")).to_contain_text("Proposée au dispositif")
    referral.refresh_from_db()
    assert referral.shared_fields == ["sector", "stage"]
    page.goto(f"{live_server.url}/espace/supprimer-mon-compte/")
    assert_no_serious_violations(page)


def test_expert_answers_a_request(live_server, page, territories):
    from essaim.accompaniment.services import mobilisation_request

    world = build_world()
    mobilisation_request(
        project=world.project_a,
        expert=world.expert.expert_profile,
        domain="legal",
        message="Choix des statuts",
        by=world.member_a,
    )
    login(page, live_server, "experte@example.org")
    page.get_by_role("link", name="1 demande récente").click()
    expect(page.locator("h1")).to_have_text("Mes missions d'expertise")
    assert_no_serious_violations(page)
    page.get_by_label("J'accepte").check()
    page.get_by_label("Message").fill("Avec plaisir")
    page.get_by_role("button", name="Répondre").click()
    expect(page.locator(".messages")).to_contain_text("Réponse enregistrée.")
    expect(page.locator("main")).to_contain_text("Acceptée")

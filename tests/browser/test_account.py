"""End to end: log in by e-mail, create and revoke an API token, log out; accessibility."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


def test_login_token_and_logout(live_server, page, territories):
    user = UserFactory(email="alice@example.org", full_name="Alice Martin")
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Antropia"), role="admin")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(live_server.url + "/compte/")
    expect(page).to_have_url(re.compile(r"/compte/connexion/\?next=/compte/$"))
    assert_no_serious_violations(page)
    page.get_by_label("Adresse électronique").fill("alice@example.org")
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Adresse électronique ou mot de passe incorrect.")
    assert_no_serious_violations(page)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.locator("h1")).to_have_text("Mon compte")
    expect(page.locator("main")).to_contain_text("Administrateur de l'équipe de Antropia")
    assert_no_serious_violations(page)

    page.get_by_label("Nom du jeton").fill("script d'export")
    page.get_by_role("button", name="Créer le jeton").click()
    expect(page.locator("h1")).to_have_text("Jeton créé")
    expect(page.locator("#jeton")).to_have_text(re.compile(r"^ess_\S{20,}$"))
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Retour à mon compte").click()
    expect(page.locator("table")).to_contain_text("script d'export")
    page.get_by_role("button", name=re.compile("^Révoquer")).click()
    expect(page.locator(".messages")).to_contain_text("Le jeton a été révoqué.")
    expect(page.locator("table")).to_contain_text("révoqué le")

    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()
    expect(page.locator(".messages")).to_contain_text("Vous êtes déconnecté.")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_contain_text("Connexion")
    assert errors == []


def test_english_interface(live_server, page, territories):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("Directory")
    assert_no_serious_violations(page)

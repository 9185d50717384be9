"""End to end: a buyer writes a request, the platform approves it (the matching supplier is
reached), the supplier responds, and after the deadline the buyer records the deal. axe-core on
every page of the journey."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from essaim.business.models import BuyerRequest, Deal
from tests.browser.axe import assert_no_serious_violations
from tests.business.factories import BuyerFactory, OfferFactory, staff
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.directory import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


def _as(browser, base, email):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(base + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    return page


def test_request_response_deal(live_server, browser, territories):
    buyer = BuyerFactory(
        organisation=OrganisationFactory(name="Mairie de Clapiers", legal_form="public_body")
    )
    staff(buyer.organisation, email="achats@mairie.example")
    offer = OfferFactory(organisation=OrganisationFactory(name="Propreté Solidaire", legal_form="scic"))
    staff(offer.organisation, email="equipe@proprete.example")
    UserFactory(admin=True, email="admin@essaim.example")
    base = live_server.url

    page = _as(browser, base, "achats@mairie.example")
    page.goto(base + "/espace/affaires/demandes/nouvelle/")
    assert_no_serious_violations(page)
    page.get_by_label("Type de demande").select_option("quote")
    page.get_by_label("Objet").fill("Entretien de la médiathèque")
    page.get_by_label("Description du besoin").fill("Deux passages par semaine, produits écolabellisés.")
    page.get_by_label("Propreté et nettoyage").check()
    page.get_by_label("Montant estimé (HT)").select_option("5k-40k")
    page.get_by_label("Lieu de livraison").fill("Montpellier")
    page.get_by_label("Date limite de réponse").fill(
        (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#request-state")).to_have_text("brouillon")
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Envoyer en modération").click()
    expect(page.locator("#request-state")).to_have_text("en modération")
    request = BuyerRequest.objects.get(title="Entretien de la médiathèque")

    admin = _as(browser, base, "admin@essaim.example")
    admin.goto(base + "/espace/affaires/demandes/")
    assert_no_serious_violations(admin)
    admin.get_by_role("link", name="Entretien de la médiathèque").click()
    admin.get_by_role("button", name="Valider et diffuser").click()
    expect(admin.locator("#reached")).to_have_text("1 fournisseur prévenu")

    supplier = _as(browser, base, "equipe@proprete.example")
    supplier.goto(base + "/espace/affaires/opportunites/")
    assert_no_serious_violations(supplier)
    supplier.get_by_role("link", name="Entretien de la médiathèque").click()
    expect(supplier.locator("#routing-state")).to_contain_text("vue")
    assert_no_serious_violations(supplier)
    supplier.get_by_role("link", name="Répondre").click()
    assert_no_serious_violations(supplier)
    supplier.get_by_label("Notre réponse").fill("Nous pouvons commencer le mois prochain.")
    supplier.get_by_label("Montant proposé (€ HT, facultatif)").fill("14000")
    supplier.get_by_role("button", name="Envoyer la réponse").click()
    expect(supplier.locator("#routing-state")).to_contain_text("a répondu")

    BuyerRequest.objects.filter(pk=request.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    page.reload()
    expect(page.locator("#responses")).to_contain_text("Propreté Solidaire")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Dire si une affaire a été conclue").click()
    assert_no_serious_violations(page)
    page.get_by_label("Oui").check()
    page.get_by_label("Avec quelle réponse ?").select_option(label="Propreté Solidaire")
    page.get_by_label("Montant (€ HT)").fill("13500")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#deal")).to_contain_text("Affaire conclue")
    deal = Deal.objects.get()
    assert (deal.made, deal.amount, deal.response.lead_id) == (True, 13500, offer.pk)

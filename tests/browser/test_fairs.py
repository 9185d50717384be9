"""End to end, on a phone (390 px): the staff open their fair from the workspace home, a buyer
asks to meet two suppliers from its own page, the staff run the scheduler and the grid shows the
meetings, which the buyer then finds in its schedule. axe-core on every page of the journey, and
none of them scrolls sideways."""

import pytest
from playwright.sync_api import expect

from essaim.fairs.models import Meeting, MeetingRequest, Side
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.fairs.factories import FairFactory, ParticipantFactory, SlotFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _as(browser, base, email):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.goto(base + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    return page


def _check(page) -> None:
    """axe-core clean, and no sideways scroll at 390 px."""
    assert_no_serious_violations(page)
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: {width} px de large pour {inner} px"


def test_requests_schedule_and_grid(live_server, browser, territories):
    fair = FairFactory(title="Salon des achats responsables de l'Hérault")
    MembershipFactory(organisation=fair.organisation, user=UserFactory(email="equipe@salon.example"))
    person = UserFactory(email="achats@mairie.example")
    buyer = ParticipantFactory(
        event=fair, side=Side.BUYER, name="Mairie de Clapiers", email=person.email, user=person
    )
    ParticipantFactory(event=fair, side=Side.SUPPLIER, name="Propreté Solidaire SCIC")
    ParticipantFactory(event=fair, side=Side.SUPPLIER, name="ESAT Blanchisserie du Lez")
    SlotFactory(event=fair, tables=2)
    SlotFactory(event=fair, tables=2)
    base = live_server.url

    staff = _as(browser, base, "equipe@salon.example")
    staff.goto(base + "/espace/")
    staff.get_by_role("link", name="salons d'affaires : acheteurs, fournisseurs et rendez-vous").click()
    _check(staff)
    staff.get_by_role("link", name=fair.title).click()
    expect(staff.get_by_role("heading", name="Mairie de Clapiers (Acheteur)")).to_be_visible()
    _check(staff)

    page = _as(browser, base, "achats@mairie.example")
    page.goto(base + "/salons/")
    _check(page)
    page.get_by_role("link", name=fair.title).click()
    _check(page)
    for supplier, priority in (
        ("Propreté Solidaire SCIC", "Indispensable"),
        ("ESAT Blanchisserie du Lez", "Si possible"),
    ):
        page.get_by_label("Rencontrer").select_option(label=supplier)
        page.get_by_label("Priorité").select_option(label=priority)
        page.get_by_role("button", name="Demander", exact=True).click()
        expect(page.get_by_text("Demande de rendez-vous enregistrée.")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Propreté Solidaire SCIC — Indispensable")
    ).to_be_visible()
    _check(page)
    assert MeetingRequest.objects.filter(requester=buyer).count() == 2

    staff.get_by_role("link", name="Demandes de rendez-vous").click()
    expect(
        staff.get_by_text("Mairie de Clapiers souhaite rencontrer Propreté Solidaire SCIC")
    ).to_be_visible()
    _check(staff)
    staff.get_by_role("button", name="Construire le planning").click()
    expect(staff.get_by_role("heading", name="Planning des rendez-vous")).to_be_visible()
    expect(staff.get_by_text("Ce planning est optimal pour les priorités.")).to_be_visible()
    expect(
        staff.get_by_text("Table 1 : Mairie de Clapiers rencontre Propreté Solidaire SCIC")
    ).to_be_visible()
    expect(
        staff.get_by_text("Table 1 : Mairie de Clapiers rencontre ESAT Blanchisserie du Lez")
    ).to_be_visible()
    _check(staff)
    assert Meeting.objects.filter(event=fair).count() == 2

    page.reload()
    meetings = page.locator("ol.stack > li")
    expect(meetings).to_have_count(2)
    for supplier in ("Propreté Solidaire SCIC", "ESAT Blanchisserie du Lez"):
        expect(meetings.filter(has_text=f"{supplier} — Prévu")).to_have_count(1)
    _check(page)

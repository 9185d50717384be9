"""End to end: a carrier from Montpellier at the emergence stage, keyboard only; axe on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from essaim.orientation import index
from essaim.orientation.models import ContactRequest
from tests.browser.axe import assert_no_serious_violations
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def programmes(territories):
    index.invalidate()
    incubator = ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub",
        organisation=OrganisationFactory(name="URSCOP", email="contact@urscop.example"),
        zone=["departement:11", "departement:30", "departement:34", "departement:48", "departement:66"],
        stages=["emergence", "creation"],
        needs=["business_plan", "financing"],
        summary="Incubateur d'entreprises sociales innovantes.",
        contact_email="incubateur@urscop.example",
    )
    ProgrammeFactory(
        slug="coventis", name="Coventis", zone=["region:76"], stages=["consolidation", "developpement"]
    )
    yield incubator
    index.invalidate()


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def tab_to(page, locator, *, limit: int = 60) -> None:
    """Press Tab until `locator` has the focus (the way a keyboard user moves)."""
    handle = locator.element_handle()
    for _i in range(limit):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never received the focus")


def test_keyboard_only_carrier_finds_a_programme_and_contacts_it(
    live_server, page, programmes, console_errors
):
    page.goto(live_server.url + "/orientation/")
    expect(page.locator("h1")).to_have_text("Je porte un projet")
    assert_no_serious_violations(page)

    tab_to(page, page.get_by_label("Où se situe votre projet ?"))
    page.keyboard.type("Montpellier")
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name="2. Où en est votre projet ?")
    expect(heading).to_be_focused()  # htmx swapped the step and moved the focus to it
    expect(page).to_have_url(re.compile(r"/orientation/\?place=Montpellier$"))
    assert_no_serious_violations(page)

    tab_to(page, page.get_by_label("Émergence"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Émergence")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="3. Vos besoins et vos préférences")).to_be_focused()
    assert_no_serious_violations(page)

    tab_to(page, page.get_by_label("Financement"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Voir les dispositifs"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(
        re.compile(r"/orientation/resultats/\?place=34172&stage=emergence&need=financing")
    )
    result = page.locator(".result").filter(has_text="Alter'Incub")
    expect(result.locator(".reasons")).to_contain_text("intervient dans l'Hérault")
    expect(result.locator(".reasons")).to_contain_text("accompagne l'émergence")
    expect(result.locator(".reasons")).to_contain_text("répond à : financement")
    expect(page.locator(".parcours")).to_contain_text("Coventis")
    assert_no_serious_violations(page)

    tab_to(page, result.get_by_role("link", name="Contacter ce dispositif : Alter'Incub"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Contacter Alter'Incub")
    assert_no_serious_violations(page)

    tab_to(page, page.get_by_label("Votre nom"))
    page.keyboard.type("Camille Martin")
    tab_to(page, page.get_by_label("Votre adresse électronique"))
    page.keyboard.type("camille@example.org")
    tab_to(page, page.get_by_label("Votre message"))
    page.keyboard.type("Je prépare une épicerie solidaire.")
    tab_to(page, page.get_by_label(re.compile("^J'accepte que mon nom")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Envoyer ma demande"))
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("Votre demande a été transmise à Alter'Incub.")
    expect(page).to_have_url(
        re.compile(r"/orientation/resultats/\?place=34172&stage=emergence&need=financing")
    )
    request = ContactRequest.objects.get()
    assert (request.programme_id, request.email, request.commune_id) == (
        programmes.pk,
        "camille@example.org",
        "34172",
    )
    assert [m.to for m in mail.outbox] == [["incubateur@urscop.example"]]
    assert console_errors == []


def test_self_assessment_without_javascript(live_server, browser, programmes):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/orientation/?place=34172&stage=unknown")
    expect(page.get_by_role("heading", name="2. Quatre questions pour situer votre projet")).to_be_visible()
    for name, answer in [
        ("registered", "no"),
        ("idea_tested", "no"),
        ("financing_closed", "no"),
        ("scale_up", "no"),
    ]:
        page.locator(f"input[name={name}][value={answer}]").check()
    page.get_by_role("button", name="Déterminer mon étape").click()
    expect(page.locator("#wizard")).to_contain_text("c'est l'émergence")
    page.get_by_role("button", name="Voir les dispositifs").click()
    expect(page.locator(".result").first).to_contain_text("Alter'Incub")
    context.close()


def test_territory_and_map_pages_are_accessible(live_server, page, programmes, console_errors):
    page.goto(live_server.url + "/territoires/")
    expect(page.locator("h1")).to_have_text("L'offre d'accompagnement par territoire")
    expect(page.locator("svg.france-map__svg path")).to_have_count(96)
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Hérault (34)").click()
    expect(page.locator("h1")).to_contain_text("Hérault")
    expect(page.locator("table.matrix")).to_contain_text("Alter'Incub")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Occitanie").first.click()
    expect(page.locator("h1")).to_contain_text("Occitanie")
    assert_no_serious_violations(page)
    assert console_errors == []

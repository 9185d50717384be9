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


@pytest.fixture
def creuse(territories):
    """The test territories hold the Creuse; the study and the real national offer are added."""
    from django.core.management import call_command

    from essaim.directory.national_offer import national_offer_load

    call_command("load_study", verbosity=0)
    national_offer_load()
    index.invalidate()
    yield
    index.invalidate()


def test_creuse_carrier_at_emergence_ends_on_real_contacts(live_server, page, creuse, console_errors):
    page.goto(live_server.url + "/orientation/")
    page.get_by_label("Où se situe votre projet ?").fill("23165")
    page.keyboard.press("Enter")
    page.get_by_label("Émergence").check()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Voir les dispositifs").click()

    expect(page.locator("h1")).to_have_text("Dispositifs pour votre projet à Royère-de-Vassivière")
    nearby = page.locator("section", has=page.get_by_role("heading", name="Près de chez vous"))
    france_services = nearby.locator(".result").filter(
        has_text="France services La Poste de Royère-de-Vassivière"
    )
    expect(france_services).to_contain_text("dans votre commune")
    expect(france_services.get_by_role("link", name="05 55 54 04 70")).to_be_visible()
    expect(france_services).to_contain_text("données de 2024")
    cci = nearby.locator(".result").filter(has_text="Chambre de commerce et d'industrie (CCI) - Creuse")
    expect(cci).to_contain_text("à Guéret")
    expect(cci).to_contain_text("données de 2019")
    expect(nearby.locator(".result").filter(has_text="Agence France Travail AUBUSSON")).to_contain_text(
        "à 23 km"
    )
    gaps = page.locator(".gaps")
    expect(gaps).not_to_contain_text("Aucune alternative connue")
    expect(gaps).to_contain_text("Près de chez vous pour cette étape")
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Laisser mes coordonnées").click()
    expect(page.locator("h1")).to_have_text("Laisser mes coordonnées aux dispositifs les plus proches")
    assert_no_serious_violations(page)
    page.get_by_label("Votre nom").fill("Camille Martin")
    page.get_by_label("Votre adresse électronique").fill("camille@example.org")
    page.get_by_label("Votre message").fill("Je prépare une recyclerie sur le plateau de Millevaches.")
    page.get_by_label(re.compile("^J'accepte que mon nom")).check()
    page.get_by_role("button", name="Transmettre mes coordonnées").click()
    expect(page.locator(".messages")).to_contain_text("Vos coordonnées ont été transmises")
    requests = ContactRequest.objects.order_by("programme__slug")
    assert requests.count() >= 1
    assert {(r.email, r.commune_id, r.stage) for r in requests} == {
        ("camille@example.org", "23165", "emergence")
    }
    assert len({r.consent_at for r in requests}) == 1
    assert console_errors == []

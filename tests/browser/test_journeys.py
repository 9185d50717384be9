"""The three journeys of issue 10, keyboard only, at 1,280 px and at 390 px; axe on every page.

- a carrier: orientation → the programme's page → contact → the answer read in their space;
- staff: the "Demandes" inbox → turn a request into a project → the project on the board;
- a local-authority viewer: lands on their territory's report.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from playwright.sync_api import expect

from essaim.accompaniment.models import Project
from essaim.accounts.models import Membership
from essaim.orientation import index
from essaim.orientation.models import ContactRequest, ContactState
from essaim.orientation.services import contact_request_create, contact_request_transition
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return WIDTHS[request.param]


@pytest.fixture
def browser_context_args(browser_context_args, width):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": width, "height": 900}}


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.fixture
def world(territories):
    index.invalidate()
    programme = ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub",
        organisation=OrganisationFactory(name="URSCOP"),
        zone=["departement:11", "departement:30", "departement:34", "departement:48", "departement:66"],
        stages=["emergence", "creation"],
        needs=["business_plan", "financing"],
        summary="Incubateur d'entreprises sociales innovantes.",
        contact_email="incubateur@urscop.example",
    )
    staff = MembershipFactory(
        organisation=programme.organisation,
        role=Membership.Role.ADMIN,
        user__email="charge@urscop.example",
        user__full_name="Nadia Roux",
    ).user
    carrier = UserFactory(carrier=True, email="camille@example.org", full_name="Camille Martin")
    viewer = TerritoryScopeFactory(user__email="occitanie@example.org", level="departement", code="34").user
    yield {"programme": programme, "staff": staff, "carrier": carrier, "viewer": viewer}
    index.invalidate()


def tab_to(page, locator, *, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus (the way a keyboard user moves)."""
    handle = locator.element_handle()
    for _i in range(limit):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never received the focus")


def no_horizontal_scroll(page) -> None:
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: {width} px wide for a {inner} px window"


def check(page) -> None:
    """What every page of a journey must be: accessible and without sideways scrolling."""
    assert_no_serious_violations(page)
    no_horizontal_scroll(page)


def login(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/compte/connexion/")
    tab_to(page, page.get_by_label("Adresse électronique"))
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Mot de passe"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def follow_nav(page, name: str) -> None:
    """Reach a link of the main navigation by keyboard; on a phone, open the menu first."""
    toggle = page.locator("#site-menu-toggle")
    if not page.locator(".site-nav").is_visible():
        tab_to(page, toggle)
        page.keyboard.press("Space")
        expect(page.locator(".site-nav")).to_be_visible()
    tab_to(page, page.locator(".site-nav").get_by_role("link", name=re.compile(f"^{name}")))
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_carrier_orients_contacts_and_reads_the_answer_in_their_space(
    live_server, page, world, console_errors
):
    login(page, live_server, "camille@example.org")
    expect(page).to_have_url(live_server.url + "/espace/")
    check(page)

    follow_nav(page, "Je porte un projet")
    expect(page.locator("h1")).to_have_text("Je porte un projet")
    check(page)
    tab_to(page, page.get_by_label("Où se situe votre projet ?"))
    page.keyboard.type("Montpellier")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="2. Où en est votre projet ?")).to_be_focused()
    tab_to(page, page.get_by_label("Émergence"))
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="3. Vos besoins et vos préférences")).to_be_focused()
    tab_to(page, page.get_by_label("Financement"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Voir les dispositifs"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(r"/orientation/resultats/\?place=34172&stage=emergence&need=financing")
    )
    check(page)

    result = page.locator(".result").filter(has_text="Alter'Incub")
    tab_to(page, result.get_by_role("heading").get_by_role("link", name="Alter'Incub"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Alter'Incub")
    check(page)

    tab_to(page, page.get_by_role("link", name="Contacter ce dispositif : Alter'Incub"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Contacter Alter'Incub")
    expect(page.get_by_label("Votre adresse électronique")).to_have_value("camille@example.org")
    check(page)
    tab_to(page, page.get_by_label("Votre message"))
    page.keyboard.type("Je prépare une épicerie solidaire à Montpellier.")
    tab_to(page, page.get_by_label(re.compile("^J'accepte que mon nom")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Envoyer ma demande"))
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Votre demande a été transmise à Alter'Incub.")
    check(page)

    request = ContactRequest.objects.get()
    assert (request.programme_id, request.sender_id) == (world["programme"].pk, world["carrier"].pk)
    contact_request_transition(
        contact_request=request,
        action="answer",
        by=world["staff"],
        carrier_note="Bonjour Camille, je vous appelle jeudi pour un premier rendez-vous.",
    )

    follow_nav(page, "Espace de travail")
    mine = page.locator(f"#ma-demande-{request.pk}")
    expect(mine).to_contain_text("Alter'Incub")
    expect(mine).to_contain_text("je vous appelle jeudi pour un premier rendez-vous")
    check(page)
    assert console_errors == []


def test_staff_turn_a_request_into_a_project_and_find_it_on_their_board(
    live_server, page, world, console_errors
):
    request = contact_request_create(
        programme=world["programme"],
        name="Dominique Laurent",
        email="dominique@example.org",
        message="Une recyclerie dans le Lodévois, avec des postes en insertion.",
        consent=True,
        commune_code="34142",
        stage="emergence",
        needs=["financing"],
        by=AnonymousUser(),
    )
    login(page, live_server, "charge@urscop.example")
    expect(page).to_have_url(live_server.url + "/espace/dispositifs/alter-incub/")  # their board
    check(page)

    follow_nav(page, "Demandes")
    expect(page.locator("h1")).to_contain_text("Demandes")
    check(page)
    tab_to(page, page.get_by_role("link", name="Dominique Laurent"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Demande de Dominique Laurent")
    check(page)

    tab_to(page, page.get_by_role("link", name="Transformer en projet"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Transformer en projet la demande de Dominique Laurent")
    check(page)
    name = page.get_by_label("Nom du projet")
    tab_to(page, name)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Recyclerie du Lodévois")
    tab_to(page, page.get_by_role("button", name="Créer le projet"))
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text(
        "Projet « Recyclerie du Lodévois » créé depuis la demande."
    )
    check(page)

    project = Project.objects.get()
    request.refresh_from_db()
    assert (project.programme_id, project.name, request.project_id, request.state) == (
        world["programme"].pk,
        "Recyclerie du Lodévois",
        project.pk,
        ContactState.PROJECT,
    )
    tab_to(page, page.locator(".breadcrumbs").get_by_role("link", name="Alter'Incub"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Projets accompagnés — Alter'Incub")
    expect(page.locator(".kanban").get_by_role("link", name="Recyclerie du Lodévois")).to_have_attribute(
        "href", f"/espace/projets/{project.pk}/"
    )
    check(page)
    assert console_errors == []


def test_viewer_lands_on_their_territory_s_report(live_server, page, world, console_errors):
    login(page, live_server, "occitanie@example.org")
    expect(page).to_have_url(live_server.url + "/rapports/territoire/departement/34/")
    expect(page.locator("h1")).to_have_text("Ce que l'accompagnement a produit — Hérault")
    check(page)
    assert console_errors == []

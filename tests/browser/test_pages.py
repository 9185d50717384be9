"""Public pages on a phone (390 px) and the header on a laptop (1,280 px): no sideways scroll,
a menu button that works without JavaScript, axe-core clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PUBLIC_PAGES = [
    "/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/plan-du-site/",
    "/glossaire/",
    "/sources/",
    "/annuaire/",
    "/territoires/",
    "/territoires/departement/34/",  # a wide table with hidden texts in its cells
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_public_pages_on_a_phone(live_server, page, territories, console_errors):
    ProgrammeFactory(slug="alter-incub", name="Alter'Incub")
    page.set_viewport_size(PHONE)
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert sideways_overflow(page) == 0, path
        assert_no_serious_violations(page)
    assert console_errors == []
    # The site's own "page not found", not a debug page, also fits.
    response = page.goto(live_server.url + "/page-qui-n-existe-pas/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page introuvable")
    assert sideways_overflow(page) == 0
    assert_no_serious_violations(page)


def test_menu_button_on_a_phone_opens_the_navigation(live_server, page, territories):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/glossaire/")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    expect(navigation).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(navigation).to_be_visible()
    expect(page.get_by_text("Fermer le menu", exact=True)).to_be_visible()
    assert sideways_overflow(page) == 0
    assert_no_serious_violations(page)
    navigation.get_by_role("link", name="Annuaire").click()
    expect(page).to_have_url(re.compile(r"/annuaire/$"))
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_hidden()


def test_menu_button_works_with_the_keyboard_and_without_javascript(live_server, browser, territories):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Tab")  # site name
        page.keyboard.press("Tab")  # the menu button
        assert page.evaluate("() => document.activeElement.id") == "site-menu-toggle"
        page.keyboard.press("Space")
        navigation = page.get_by_role("navigation", name="Navigation principale")
        expect(navigation).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Annuaire"
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/annuaire/$"))
    finally:
        context.close()


def test_header_stays_on_its_rows_on_a_laptop_with_every_link(live_server, page, territories):
    user = UserFactory(email="admin@example.org", admin=True)
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Alter'Incub"), role="admin")
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill("admin@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).not_to_have_url(re.compile(r"/connexion/"))  # each role lands on its own page

    links = page.get_by_role("navigation", name="Navigation principale").get_by_role("link")
    expect(links).to_have_count(9)
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(9))}
    assert len(tops) == 1, "the navigation wraps onto a second line"
    brand = page.locator(".site-name").bounding_box()
    banner = page.get_by_role("banner")
    logout = banner.get_by_role("button", name="Se déconnecter").bounding_box()
    language = banner.get_by_role("button", name="English").bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (logout["y"] + logout["height"] / 2)) < 12
    assert abs(logout["y"] - language["y"]) < 12
    account = banner.get_by_role("link", name="Mon compte").bounding_box()  # beside "Se déconnecter"
    assert abs(account["y"] + account["height"] / 2 - (logout["y"] + logout["height"] / 2)) < 12
    assert page.locator(".site-header").bounding_box()["height"] < 130
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    assert sideways_overflow(page) == 0
    assert_no_serious_violations(page)

"""End to end: search the directory by place, open a programme, check accessibility."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUEDOC = ["departement:11", "departement:30", "departement:34", "departement:48", "departement:66"]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A French-speaking visitor (Chromium's default Accept-Language would pick English)."""
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def programmes(territories):
    alter = ProgrammeFactory(
        slug="alter-incub",
        name="Alter'Incub",
        organisation=OrganisationFactory(name="URSCOP Languedoc-Roussillon"),
        zone=LANGUEDOC,
        stages=["emergence", "creation"],
        needs=["business_plan", "financing"],
        publics=["carriers"],
        summary="Incubateur d'entreprises sociales innovantes.",
    )
    inter_made = ProgrammeFactory(slug="inter-made", name="Inter-Made", zone=["departement:13"])
    return alter, inter_made


@pytest.fixture
def console_errors(page):
    """Console errors (CSP violations, htmx syntax errors, missing assets); must stay empty."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_search_by_place_with_suggestions_then_open_programme(live_server, page, programmes, console_errors):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("Essaim")
    assert_no_serious_violations(page)

    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Annuaire").click()
    expect(page).to_have_url(re.compile(r"/annuaire/$"))
    expect(page.locator("#resultats")).to_contain_text("2 dispositifs trouvés.")
    assert_no_serious_violations(page)

    page.evaluate("() => { window.essaimMarker = 'same page'; }")
    page.get_by_label("Lieu").press_sequentially("Montpellier", delay=20)
    suggestion = page.locator("#place-suggestions button").first
    expect(suggestion).to_contain_text("Montpellier")
    expect(suggestion).to_contain_text("Montpellier — Hérault")
    suggestion.click()

    # htmx replaces the results in place and records the search in the address bar.
    expect(page.locator("#resultats")).to_contain_text("Dispositifs qui agissent à Montpellier (Commune).")
    expect(page.locator("#resultats")).to_contain_text("1 dispositif trouvé.")
    expect(page).to_have_url(re.compile(r"territory=commune%3A34172"))
    expect(page.locator("#resultats")).not_to_contain_text("Inter-Made")
    assert page.evaluate("() => window.essaimMarker") == "same page"  # no full reload

    # Changing a select updates the results in place too.
    page.get_by_label("Étape du projet").select_option("consolidation")
    expect(page.locator("#resultats")).to_contain_text("Aucun dispositif ne correspond à ces critères.")
    expect(page).to_have_url(re.compile(r"stage=consolidation"))
    page.get_by_label("Étape du projet").select_option("creation")
    expect(page.locator("#resultats")).to_contain_text("1 dispositif trouvé.")
    assert page.evaluate("() => window.essaimMarker") == "same page"
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Alter'Incub").click()
    expect(page.locator("h1")).to_have_text("Alter'Incub")
    expect(page.locator("main")).to_contain_text("Aude, Gard, Hérault, Lozère, Pyrénées-Orientales")
    assert_no_serious_violations(page)
    assert console_errors == []


def test_directory_works_without_javascript(live_server, browser, programmes):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/annuaire/")
        page.get_by_label("Lieu").fill("Marseille")
        page.get_by_role("button", name="Rechercher").click()
        expect(page.locator("#resultats")).to_contain_text("Dispositifs qui agissent à Marseille (Commune).")
        expect(page.locator("#resultats")).to_contain_text("1 dispositif trouvé.")
        expect(page.locator("#resultats")).to_contain_text("Inter-Made")
        page.get_by_label("Étape du projet").select_option("consolidation")
        page.get_by_role("button", name="Rechercher").click()
        expect(page.locator("#resultats")).to_contain_text("Aucun dispositif ne correspond à ces critères.")
    finally:
        context.close()


def test_directory_field_error_in_place_with_htmx(live_server, page, programmes, console_errors):
    page.goto(live_server.url + "/annuaire/")
    page.evaluate("() => { window.essaimMarker = 'same page'; }")
    page.get_by_label("Lieu").fill("Zzyzxqwv")
    page.get_by_role("button", name="Rechercher").click()
    # A 400 answer is swapped in too (htmx-config responseHandling), with the error by the field.
    expect(page.locator("#errors-place")).to_contain_text("Territoire inconnu : « Zzyzxqwv ».")
    expect(page.locator("#resultats")).to_contain_text("corrigez les champs signalés")
    assert page.evaluate("() => window.essaimMarker") == "same page"
    assert [e for e in console_errors if "400" not in e] == []


def test_directory_field_error_is_accessible(live_server, page, programmes):
    page.goto(live_server.url + "/annuaire/?place=Zzyzxqwv")
    expect(page.locator("#errors-place")).to_contain_text("Territoire inconnu : « Zzyzxqwv ».")
    expect(page.get_by_label("Lieu")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_violations(page)

"""End to end: a local-authority viewer opens their territory's report, changes the period,
downloads the PDF, and is refused another territory; axe-core clean on report pages."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from essaim.core.actors import SYSTEM
from essaim.evidence.facts import facts_refresh
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.evidence import created_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "accept_downloads": True}


def _projects():
    programme = ProgrammeFactory(name="Incubateur d'Occitanie")
    ids = []
    for i in range(12):
        created = dt.date(2015 + i % 4, 3, 1)
        end = created + dt.timedelta(days=300 + 200 * i)
        obs = (end, "ceased", "0", end) if i % 4 == 1 else (end, "active", "2")
        ids.append(
            created_project(
                programme=programme, created_on=created, commune_id="34172", observations=[obs]
            ).pk
        )
    facts_refresh(ids, today=dt.date(2025, 1, 1))


def test_viewer_opens_territory_report_and_downloads_pdf(live_server, page, territories):
    _projects()
    TerritoryScopeFactory(user=UserFactory(email="occitanie@example.org"), level="region", code="76")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(live_server.url + "/rapports/")
    page.get_by_label("Adresse électronique").fill("occitanie@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Rapports d'impact")
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Territoire : Occitanie").click()
    expect(page.locator("h1")).to_have_text("Ce que l'accompagnement a produit — Occitanie")
    expect(page.get_by_role("img", name="Survie des entreprises créées")).to_be_visible()
    expect(page.locator("#table-chiffres_cles")).to_contain_text("Projets accompagnés")
    assert_no_serious_violations(page)

    page.get_by_label("Entrés à partir de (année)").fill("2014")
    page.get_by_label("Courbes de survie par").select_option("cohort")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"de=2014"))
    # Read from outside the programme, the period asked is widened to whole blocks of cohorts
    # (decision 0018); the demo's first cohort is 2014, so "from 2014" is every entry, shown as such.
    expect(page.locator(".lead")).to_contain_text("Toutes les entrées · cohortes 2014 à")
    assert_no_serious_violations(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Rapport PDF").click()
    download = info.value
    assert download.suggested_filename == "essaim-rapport-territory-region-76.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    response = page.goto(live_server.url + "/rapports/territoire/region/11/")
    assert response.status == 403
    assert errors == [] or all("403" in e for e in errors)


def test_staff_pages_are_accessible(live_server, page, territories):
    from essaim.evidence.services import indicator_follow
    from tests.factories.accounts import MembershipFactory
    from tests.factories.evidence import IndicatorFactory

    project = created_project(
        created_on=dt.date(2021, 4, 1), observations=[(dt.date(2022, 4, 3), "active", "2")]
    )
    indicator_follow(
        programme=project.programme, indicator=IndicatorFactory(name="Personnes bénéficiaires"), by=SYSTEM
    )
    MembershipFactory(
        user=UserFactory(email="equipe@example.org"),
        organisation=project.programme.organisation,
        role="admin",
    )
    page.goto(live_server.url + f"/rapports/projets/{project.pk}/tour-de-table/")
    page.get_by_label("Adresse électronique").fill("equipe@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_contain_text("Tour de table")
    page.locator("#id_need-amount").fill("douze mille")
    page.get_by_role("button", name="Ajouter le besoin").click()
    expect(page.locator("#errors-need-amount")).to_contain_text("n'est pas un montant")
    assert_no_serious_violations(page)
    page.locator("#id_need-amount").fill("12 000")
    page.get_by_role("button", name="Ajouter le besoin").click()
    expect(page.locator(".messages")).to_contain_text("Besoin ajouté au plan de financement.")
    assert_no_serious_violations(page)
    page.goto(live_server.url + f"/rapports/projets/{project.pk}/resultats/")
    expect(page.locator("h1")).to_contain_text("Résultats")
    assert_no_serious_violations(page)
    page.goto(live_server.url + f"/rapports/dispositif/{project.programme.slug}/")
    expect(page.get_by_role("img", name="Survie des entreprises créées")).to_be_visible()
    assert_no_serious_violations(page)
    page.goto(live_server.url + f"/rapports/dispositif/{project.programme.slug}/indicateurs/")
    assert_no_serious_violations(page)
    page.goto(live_server.url + "/rapports/financeurs/")
    assert_no_serious_violations(page)

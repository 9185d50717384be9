"""End to end: a local-authority viewer opens their conductor page from the reports, follows a gap
of the offer to its suggested action, downloads the territorial diagnostic; axe-core clean."""

import pytest
from playwright.sync_api import expect

from essaim.accompaniment.enums import ReferralStatus
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.network.world import contact, referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "accept_downloads": True}


@pytest.fixture
def patient(page):
    """The shared machines are slow: a cold live server may take long to answer its first page."""
    page.set_default_timeout(120_000)
    page.set_default_navigation_timeout(120_000)
    expect.set_options(timeout=30_000)
    yield page
    expect.set_options(timeout=5_000)


def _network():
    alpha = ProgrammeFactory(slug="alpha", name="Alpha", zone=["departement:34"])
    beta = ProgrammeFactory(
        slug="beta", name="Bêta", stages=["creation", "consolidation"], zone=["departement:34"]
    )
    ProgrammeFactory(
        slug="voisin", name="Incubateur voisin", stages=["developpement"], zone=["departement:30"]
    )
    for days in (2, 4, 6, 8, 10, 12):
        referral(alpha, beta, ReferralStatus.ACCEPTED, answer_days=days)
    referral(alpha, beta, ReferralStatus.PROPOSED, consented_days_ago=20)
    for _i in range(5):
        contact(alpha)


def test_viewer_follows_a_gap_and_downloads_the_diagnostic(live_server, patient, territories):
    page = patient
    _network()
    TerritoryScopeFactory(user=UserFactory(email="herault@example.org"), level="departement", code="34")
    page.goto(live_server.url + "/rapports/")
    page.get_by_label("Adresse électronique").fill("herault@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Tableau de bord : Hérault").click()
    expect(page.locator("h1")).to_have_text("Tableau de bord : Hérault")
    expect(page.get_by_role("img", name="Réseau d'orientation : Hérault")).to_be_visible()
    assert_no_serious_violations(page)

    # The Hérault has no développement programme: the gap links to its action, which names the
    # nearest one (in the Gard, a neighbour).
    page.locator("#offer-gaps").get_by_role("link", name="Hérault").click()
    action = page.locator("#action-developpement-34")
    expect(action).to_be_in_viewport()
    expect(action).to_contain_text(
        "Aucun dispositif de développement dans l'Hérault ; le plus proche est Incubateur voisin (Gard)."
    )
    expect(page).to_have_url(
        live_server.url + "/espace/territoires/departement/34/pilotage/#action-developpement-34"
    )

    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le diagnostic territorial (PDF)").click()
    download = info.value
    assert download.suggested_filename == "essaim-herault-diagnostic.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.get_by_role("link", name="Le réseau d'orientation en détail").click()
    expect(page.locator("#network-edges")).to_contain_text("Alpha")
    assert_no_serious_violations(page)
    response = page.goto(live_server.url + "/espace/territoires/region/11/pilotage/")
    assert response.status == 403

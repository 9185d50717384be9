"""On a phone (390 px): a programme's staff open a project, follow a check-in's "Besoins de
recrutement" link, note a need (a wrong number first: a French message), see it, and find it in the
territory's skills balance. axe-core on every page, none scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories.accompaniment import CheckinFactory, ProjectFactory
from tests.factories.accounts import PASSWORD
from tests.replication.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _check(page) -> None:
    assert_no_serious_violations(page)
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: {width} px de large pour {inner} px"


def test_staff_note_a_recruitment_need_at_a_checkin(live_server, browser, territories):
    w = build_world()
    project = ProjectFactory(programme=w.pc, commune=w.narbonne, name="Épicerie de Narbonne")
    CheckinFactory(project=project)
    page = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(w.c_staff.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/espace/projets/{project.pk}/")
    page.get_by_role("link", name="Besoins de recrutement 6 mois").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besoins de recrutement")
    _check(page)
    page.get_by_label("Famille de compétences").select_option(label="Alimentation, restauration, agriculture")
    page.get_by_label("Nombre de postes").fill("0")
    page.get_by_role("button", name="Enregistrer le besoin").click()
    expect(page.get_by_text("Indiquez au moins un poste.")).to_be_visible()
    _check(page)
    page.get_by_label("Nombre de postes").fill("3")
    page.get_by_role("button", name="Enregistrer le besoin").click()
    expect(page.get_by_text("Besoin de recrutement enregistré.")).to_be_visible()
    expect(page.get_by_role("row", name="Alimentation, restauration, agriculture 3")).to_be_visible()
    _check(page)
    page.goto(f"{live_server.url}/espace/competences/?territoire=Narbonne&annee=2025")
    expect(page.get_by_role("row", name="Alimentation, restauration, agriculture 3")).to_be_visible()
    _check(page)

"""On a phone (390 px): a model's page draws its lineage as a map (inline SVG: the model and its
copies, lines from parent to copy) that fits the screen, is axe-core clean, and whose points are
links named by the copy and its place; the lineage table stays the text alternative."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD
from tests.replication.factories import build_world, project_copy, published_kit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_map_of_a_lineage_on_a_phone(live_server, browser, territories):
    w = build_world()
    kit = published_kit(w)
    first = project_copy(w, kit)
    project_copy(w, kit, commune=w.toulouse, parent=first, name="Garage Toulouse")
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(w.c_staff.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/espace/essaimage/{kit.pk}/")
    drawing = page.get_by_role("group", name="Carte du modèle « Garage solidaire » et de ses copies")
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".lineage-map line").count() == 2
    assert_no_serious_violations(page)
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner
    page.locator(".lineage-map").screenshot(path="/tmp/lineage-map.png")
    page.get_by_role("link", name="Garage Toulouse, copie, Toulouse (Haute-Garonne)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Garage Toulouse")

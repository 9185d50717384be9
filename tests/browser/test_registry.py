"""End to end: staff see a conflict between what their programme declares (active) and what the
registry says (closed), open the enterprise's registry page and settle it; the baseline page of
a territory. axe-core finds no serious violation on any of these pages."""

import pytest
from playwright.sync_api import expect

from essaim.core.actors import IMPORT
from essaim.registry import services
from essaim.registry.enums import ConflictState
from essaim.registry.models import Conflict, ImportRun
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accounts import PASSWORD
from tests.registry.factories import AS_OF, followed_closed, staff_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


def test_staff_see_a_registry_conflict_and_settle_it(live_server, page, territories):
    enterprise = followed_closed(name="La Fabrique solidaire")
    run = ImportRun.objects.create(kind="historique", file_name="h.zip", fingerprint="x", as_of=AS_OF)
    (conflict,) = services.import_recorded(by=IMPORT, run=run)
    staff = staff_of(enterprise)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(live_server.url + "/compte/connexion/?next=/espace/registre/")
    page.get_by_label("Adresse électronique").fill(staff.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Registre des entreprises")
    card = page.locator(f"#ecart-{conflict.pk}")
    expect(card).to_contain_text("Déclaré : En activité. Registre : fermé depuis le 01/03/2024")
    assert_no_serious_violations(page)

    card.get_by_role("link", name="La Fabrique solidaire").click()
    expect(page.locator("h1")).to_have_text("La Fabrique solidaire — registre")
    expect(page.locator("#statut + dl")).to_contain_text("Fichiers stock SIRENE (INSEE), au 5 novembre 2026")
    assert_no_serious_violations(page)
    card = page.locator(f"#ecart-{conflict.pk}")
    card.get_by_label("Remarque (facultative)").fill("Liquidation publiée au BODACC")
    card.get_by_role("button", name="Le registre a raison").click()
    expect(page.locator(".messages")).to_contain_text("Écart tranché.")
    expect(page.locator(f"#ecart-{conflict.pk}")).to_contain_text("Le registre a raison — tranché par")
    assert_no_serious_violations(page)
    settled = Conflict.objects.get(pk=conflict.pk)
    assert (settled.state, settled.resolved_by_id, settled.note) == (
        ConflictState.REGISTRY_RIGHT,
        staff.pk,
        "Liquidation publiée au BODACC",
    )

    page.goto(live_server.url + "/espace/registre/reference/?territoire=commune:69384&debut=2019&fin=2024")
    expect(page.locator("h2#resultat")).to_be_visible()
    assert_no_serious_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/espace/registre/")
    assert_no_serious_violations(page)
    assert errors == []

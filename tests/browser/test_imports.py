"""End to end at 390 px: staff upload an Excel FR CSV, check it, ask for the import; the progress
page polls (htmx, under the strict CSP) until the worker is done, then shows the report.
Accessibility and no sideways scroll on every step."""

import pytest
from playwright.sync_api import expect

from essaim.accompaniment.models import Project
from essaim.imports import tasks
from essaim.imports.models import StagedImport
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accompaniment import build_world
from tests.factories.accounts import PASSWORD
from tests.imports.test_tasks import EXCEL_FR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 390, "height": 844}}


class _Waiting:
    """Stands for the task worker: remembers what was enqueued, runs it when told."""

    def __init__(self):
        self.ids = []

    def enqueue(self, staged_id):
        self.ids.append(staged_id)


def _fits(page) -> None:
    assert_no_serious_violations(page)
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner


def test_staff_import_and_watch_the_progress(live_server, page, territories, monkeypatch, tmp_path):
    world = build_world()
    real, waiting = tasks.apply_staged_import, _Waiting()
    monkeypatch.setattr(tasks, "apply_staged_import", waiting)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(
        live_server.url + f"/compte/connexion/?next=/espace/dispositifs/{world.programme_a.slug}/importer/"
    )
    page.get_by_label("Adresse électronique").fill("membre-a@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Importer un tableur")
    _fits(page)
    expect(page.locator("#samples a")).to_have_count(10)  # five kinds × CSV, XLSX

    upload = tmp_path / "projets.csv"
    upload.write_bytes(EXCEL_FR)
    page.get_by_label("Projets et leurs porteurs", exact=True).check()
    page.get_by_label("Fichier", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.locator("h1")).to_contain_text("projets.csv")
    _fits(page)
    page.get_by_role("button", name="Vérifier chaque ligne").click()
    expect(page.locator("#h-plan")).to_have_text("Toutes les lignes sont valides")
    page.get_by_role("button", name="Importer").click()

    expect(page.locator("#import-state")).to_contain_text("En attente de traitement")
    _fits(page)
    staged = StagedImport.objects.get()
    assert waiting.ids == [staged.pk]
    real.call(staged.pk)  # the worker runs; the page, polling, shows the report by itself
    expect(page.locator("h1")).to_have_text("Import de « projets.csv » terminé", timeout=10_000)
    expect(page.locator("#import-state")).to_have_text("Terminé")
    _fits(page)
    assert Project.objects.filter(programme=world.programme_a).count() == 4
    assert errors == []

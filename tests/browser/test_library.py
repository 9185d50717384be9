"""End to end, keyboard only, on a phone (390 px) (issue 11 §5): the admin of one programme goes
from the workspace home to the other programmes' library, opens a published checklist of another
programme, reuses it as a new stage of their pipeline and finds that stage in their pipeline,
its lines copied with their origin. axe-core clean on every page, none scrolls sideways."""

import pytest
from playwright.sync_api import expect

from essaim.library.models import Reuse
from tests.browser.test_community import login
from tests.browser.test_journeys import check, tab_to
from tests.library.factories import CHECKLIST, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _press(page, locator) -> None:
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_reuse_another_programmes_checklist_as_a_stage_of_my_pipeline(live_server, browser):
    w = build_world()
    base = live_server.url
    page = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    page.set_default_timeout(90_000)  # a shared machine under load
    login(page, live_server, w.b_admin.email)
    page.goto(base + "/espace/")
    check(page)
    _press(page, page.get_by_role("link", name="celles des autres dispositifs"))
    expect(page.get_by_role("link", name=CHECKLIST["title"])).to_be_visible()
    expect(page.get_by_text("Guide en préparation")).to_have_count(0)  # a draft: not in the library
    check(page)
    _press(page, page.get_by_role("link", name=CHECKLIST["title"]))
    expect(page.get_by_role("heading", name=CHECKLIST["title"])).to_be_visible()
    check(page)
    _press(page, page.get_by_role("link", name="Reprendre cette liste dans mon parcours"))
    check(page)

    checklist_way = page.get_by_role("radio", name="Lignes ajoutées à une étape")
    expect(checklist_way).to_be_checked()
    tab_to(page, checklist_way)
    page.keyboard.press("ArrowDown")  # the radio group: arrows move the choice
    expect(page.get_by_role("radio", name="Nouvelle étape (administrateurs du dispositif)")).to_be_checked()
    stage = page.get_by_label("Étape de mon parcours")
    tab_to(page, stage)
    stage.select_option(value=str(w.stage_b.pk))
    tab_to(page, page.get_by_label("Nom de la nouvelle étape"))
    page.keyboard.type("Faisabilité (reprise de A)")
    check(page)
    _press(page, page.get_by_role("button", name="Reprendre"))

    expect(
        page.get_by_text("Nouvelle étape « Faisabilité (reprise de A) » ajoutée au parcours.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Faisabilité (reprise de A)", exact=False).first).to_be_visible()
    check(page)
    reuse = Reuse.objects.select_related("stage").get()
    assert (reuse.mode, reuse.programme_id, reuse.resource_id) == ("stage", w.pb.pk, w.published.pk)
    assert [i["label"] for i in reuse.stage.checklist] == CHECKLIST["items"]
    assert reuse.stage.pipeline_id == w.stage_b.pipeline_id and reuse.stage.position > w.stage_b.position

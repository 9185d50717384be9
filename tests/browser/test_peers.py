"""End to end, keyboard only (issue 13 §4): a carrier posts a question on their programme's help
board from the workspace home; another carrier of the programme answers it; the first finds the
answer on the question's page and got an e-mail. Every page is axe-core clean and fits a phone."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from essaim.peers.models import Answer, Post
from tests.browser.test_community import login
from tests.browser.test_journeys import check, tab_to
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _press(page, locator) -> None:
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _type(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def test_post_a_question_and_receive_an_answer(live_server, browser, territories, settings):
    settings.SITE_URL = live_server.url
    programme = ProgrammeFactory(name="Incubateur Alter'Incub")
    asker = UserFactory(email="camille@example.org", full_name="Camille Martin", carrier=True)
    helper = UserFactory(email="sami@example.org", full_name="Sami Benali", carrier=True)
    ProjectFactory(programme=programme, carriers=[asker], name="Épicerie du Lez")
    ProjectFactory(programme=programme, carriers=[helper], name="Recyclerie des Cévennes")
    base = live_server.url

    page = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    page.set_default_timeout(90_000)  # a shared machine under load
    login(page, live_server, asker.email)
    page.goto(base + "/espace/")
    check(page)
    _press(
        page, page.get_by_role("link", name="Entraide entre pairs : poser une question, proposer mon aide")
    )
    check(page)
    _press(page, page.get_by_role("link", name="Poser une question ou proposer mon aide"))
    check(page)
    _type(page, page.get_by_label("Titre"), "Quel logiciel de caisse pour une épicerie ?")
    _type(page, page.get_by_label("Message"), "Nous ouvrons en mars : qu'utilisez-vous ?")
    tab_to(page, page.get_by_label("Famille de compétences"))
    page.get_by_label("Famille de compétences").select_option(label="Commerce, vente et marketing")
    _press(page, page.get_by_role("button", name="Publier"))
    expect(page.get_by_role("heading", name="Quel logiciel de caisse pour une épicerie ?")).to_be_visible()
    check(page)
    post = Post.objects.get()
    assert post.author == asker and post.programme == programme and post.skill == "trade"

    other = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    other.set_default_timeout(90_000)
    login(other, live_server, helper.email)
    other.goto(base + "/espace/entraide/")
    check(other)
    _press(other, other.get_by_role("link", name="Quel logiciel de caisse pour une épicerie ?"))
    _type(other, other.get_by_label("Votre réponse"), "Nous utilisons une caisse libre, très bien.")
    _press(other, other.get_by_role("button", name="Publier ma réponse"))
    expect(other.get_by_text("Réponse publiée")).to_be_visible()
    check(other)
    assert Answer.objects.get().author == helper

    page.reload()
    expect(page.get_by_text("Nous utilisons une caisse libre, très bien.")).to_be_visible()
    expect(page.get_by_role("heading", name="1 réponse")).to_be_visible()
    check(page)
    assert any(m.to == [asker.email] and "Quel logiciel de caisse" in m.subject for m in mail.outbox)

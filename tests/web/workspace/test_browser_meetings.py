"""In a browser: staff correct a meeting, the receiving programme logs one, a candidate follows
their candidacy; axe-core finds no serious violation on these pages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Meeting
from tests.browser.axe import assert_no_serious_violations
from tests.factories.accompaniment import MeetingFactory, ReferralFactory, build_world
from tests.factories.accounts import PASSWORD
from tests.factories.calls import ApplicationFactory, CandidacyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


def login(page, live_server, email):
    page.goto(live_server.url + "/compte/connexion/?next=/espace/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Espace de travail")


def test_meetings_and_candidacy_pages(live_server, page, territories):
    world = build_world()
    meeting = MeetingFactory(project=world.project_a, duration_minutes=90)
    referral = ReferralFactory(
        project=world.project_a, to_programme=world.programme_b, status=ReferralStatus.ACCEPTED
    )

    login(page, live_server, "membre-a@example.org")
    page.goto(f"{live_server.url}/espace/projets/{world.project_a.pk}/rendez-vous/{meeting.pk}/")
    assert_no_serious_violations(page)
    page.get_by_label("Durée (minutes)").fill("60")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("h1")).to_have_text("Épicerie du Faubourg")
    meeting.refresh_from_db()
    assert meeting.duration_minutes == 60

    page.context.clear_cookies()
    login(page, live_server, "staff-b@example.org")
    page.goto(f"{live_server.url}/espace/passerelles/{referral.pk}/")
    page.get_by_role("link", name="Consigner un rendez-vous").click()
    assert_no_serious_violations(page)
    page.get_by_label("Durée (minutes)").fill("45")
    page.get_by_label("Sujets abordés").fill("Bail commercial")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Bail commercial")).to_be_visible()
    assert_no_serious_violations(page)
    assert Meeting.objects.get(programme=world.programme_b).topics == "Bail commercial"

    ApplicationFactory(
        carrier=world.carrier, submitted=True, decided_at=timezone.now(), state="refused", feedback="Revenez"
    )
    candidacy = CandidacyFactory(candidate=world.carrier)
    page.context.clear_cookies()
    login(page, live_server, "porteuse@example.org")
    expect(page.get_by_text("Revenez")).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_role("link", name=candidacy.offer.title).click()
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Retirer ma candidature").click()
    expect(page.locator(".lead strong")).to_have_text("Retirée")

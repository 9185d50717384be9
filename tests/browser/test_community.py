"""End to end, keyboard only (issue 13 §4): a person registers to a full event and lands on the
waiting list, gets the place held for them when someone cancels and accepts it, then books a room
of the shared place they are a member of. Every page is axe-core clean and fits a phone."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from essaim.events import services as event_services
from essaim.events.models import Registration, RegistrationState
from essaim.places.models import Booking
from tests.browser.test_journeys import check, tab_to
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accounts import PASSWORD, UserFactory
from tests.places.factories import MembershipFactory, ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, email: str) -> None:
    """Log in by keyboard and wait for the page after the login (not just the form's load)."""
    page.goto(live_server.url + "/compte/connexion/")
    tab_to(page, page.get_by_label("Adresse électronique"))
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Mot de passe"))
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 390, "height": 844}}


def _press(page, locator) -> None:
    """Reach a link or a button by Tab and follow it with Enter (waiting for the new page)."""
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_waiting_list_hold_accept_then_book_a_room(live_server, page, territories, settings):
    settings.SITE_URL = live_server.url  # the registration's signed links are absolute
    event = EventFactory(published=True, capacity=1, title="Atelier trésorerie")
    first = UserFactory(email="premiere@example.org")
    seat = RegistrationFactory(event=event, user=first, email=first.email, name="Première")
    person = UserFactory(email="camille@example.org", full_name="Camille Durand")
    room = ResourceFactory(name="Salle Jaurès")
    MembershipFactory(programme=room.programme, user=person)

    page.set_default_timeout(90_000)  # a shared machine under load: the first pages may be slow
    login(page, live_server, person.email)
    page.goto(f"{live_server.url}/evenements/{event.pk}/")
    check(page)
    _press(page, page.get_by_role("link", name="S'inscrire"))
    check(page)
    _press(page, page.get_by_role("button", name="Confirmer mon inscription"))
    mine = Registration.objects.get(event=event, user=person)
    assert mine.state == RegistrationState.WAITING

    event_services.registration_cancel(registration=seat, by=first)  # someone cancels: the place is held
    mine.refresh_from_db()
    assert mine.state == RegistrationState.OFFERED and mine.hold_expires_at is not None

    page.goto(f"{live_server.url}/evenements/mes-inscriptions/")
    check(page)
    _press(page, page.get_by_role("link", name="Atelier trésorerie"))
    expect(page.locator("main")).to_contain_text("Place proposée")
    check(page)
    _press(page, page.get_by_role("button", name="Accepter la place"))
    expect(page.locator("main")).to_contain_text("Inscription confirmée")
    check(page)
    mine.refresh_from_db()
    assert mine.state == RegistrationState.CONFIRMED

    page.goto(f"{live_server.url}/lieux/")
    check(page)
    _press(page, page.get_by_role("link", name="Salle Jaurès"))
    check(page)
    day = timezone.localdate() + dt.timedelta(days=2)
    for label, value in (("Jour", day.isoformat()), ("De", "14:00"), ("À", "15:30")):
        field = page.get_by_label(label, exact=True)
        tab_to(page, field)
        field.fill(value)
    tab_to(page, page.get_by_label("Objet (facultatif)"))
    page.keyboard.type("Comité de pilotage")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the booking form
    expect(page.locator(".messages")).to_contain_text(re.compile("Réservation faite"))
    check(page)
    booking = Booking.objects.get(user=person)
    assert (booking.resource_id, booking.note, booking.minutes) == (room.pk, "Comité de pilotage", 90)
    assert timezone.localtime(booking.starts_at).date() == day

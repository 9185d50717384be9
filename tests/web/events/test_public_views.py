"""Public pages of events and the pages of the signed links: anyone where it is public, the
person (by their link) where it is theirs, 404 for a wrong link or a reserved event, 405 for
wrong methods; the lists' queries do not grow with their rows."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.events import tokens
from essaim.events.models import Attendance, Audience, EventKind, Feedback, Registration, RegistrationState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
R = RegistrationState


def test_upcoming_list_shows_public_published_events_only(client):
    shown = EventFactory(published=True)
    EventFactory()  # draft
    EventFactory(published=True, audience=Audience.CARRIERS)
    response = client.get(reverse("events:list"))
    assert [e.pk for e in response.context["events"]] == [shown.pk]


@pytest.mark.parametrize("rows", [1, 6])
def test_upcoming_list_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        EventFactory(published=True)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("events:list"))
    assert len(response.context["events"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_my_registrations_queries_do_not_grow(client, django_assert_max_num_queries, rows):
    user = UserFactory()
    for _ in range(rows):
        RegistrationFactory(user=user, email=user.email)
    client.force_login(user)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("events:mine"))
    assert len(response.context["registrations"]) == rows


def test_my_registrations_needs_a_sign_in_and_shows_only_mine(client):
    assert client.get(reverse("events:mine")).status_code == 302
    user = UserFactory()
    mine = RegistrationFactory(user=user, email=user.email)
    RegistrationFactory()
    client.force_login(user)
    assert [r.pk for r in client.get(reverse("events:mine")).context["registrations"]] == [mine.pk]


def test_event_page_for_anyone_and_404_for_a_draft_or_a_reserved_event(client):
    public = EventFactory(published=True)
    assert client.get(reverse("events:event", args=[public.pk])).status_code == 200
    for hidden in (EventFactory(), EventFactory(published=True, audience=Audience.CARRIERS)):
        assert client.get(reverse("events:event", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("events:register", args=[hidden.pk])).status_code == 404


def test_public_registration_by_e_mail_then_confirmation(client, django_capture_on_commit_callbacks):
    event = EventFactory(published=True)
    url = reverse("events:register", args=[event.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Léa Martin", "email": "lea@example.org"})
    assert response.status_code == 200
    registration = Registration.objects.get()
    assert registration.state == R.PENDING
    confirm = reverse("events:confirm", args=[tokens.make(registration, tokens.CONFIRM)])
    assert confirm in mail.outbox[0].body
    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    registration.refresh_from_db()
    assert registration.state == R.CONFIRMED
    assert response.url == reverse("events:registration", args=[tokens.make(registration, tokens.MANAGE)])


def test_public_registration_with_bad_input_changes_nothing(client):
    event = EventFactory(published=True)
    response = client.post(
        reverse("events:register", args=[event.pk]), {"name": "", "email": "pas-une-adresse"}
    )
    assert response.status_code == 400
    assert sorted(response.context["form"].errors) == ["email", "name"]
    assert Registration.objects.count() == 0


def test_signed_in_registration_is_immediate(client):
    event = EventFactory(published=True, capacity=1)
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 200
    assert list(Registration.objects.values_list("user_id", "state")) == [(user.pk, R.CONFIRMED)]
    response = client.post(reverse("events:register", args=[event.pk]))  # twice: a message, no row
    assert response.status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    sorted(
        [
            ("accept", "get"),
            ("cancel", "get"),
            ("decline", "get"),
            ("certificate", "post"),
            ("registration", "post"),
        ]
    ),
)
def test_link_pages_wrong_method(client, name, method):
    registration = RegistrationFactory()
    url = reverse(f"events:{name}", args=[tokens.make(registration, tokens.MANAGE)])
    assert getattr(client, method)(url).status_code == 405


@pytest.mark.parametrize("name", ["list", "event", "register"])
def test_public_pages_wrong_method(client, name):
    event = EventFactory(published=True)
    url = reverse(f"events:{name}", args=[] if name == "list" else [event.pk])
    assert client.put(url).status_code == 405


@pytest.mark.parametrize(
    "name", sorted(["accept", "cancel", "certificate", "decline", "feedback", "registration"])
)
def test_a_forged_or_stale_link_is_a_404(client, name):
    registration = RegistrationFactory()
    forged = tokens.make(registration, tokens.CONFIRM)  # another purpose
    method = "post" if name in ("accept", "cancel", "decline") else "get"
    assert getattr(client, method)(reverse(f"events:{name}", args=[forged])).status_code == 404
    stale = tokens.make(registration, tokens.MANAGE)
    Registration.objects.filter(pk=registration.pk).update(key="changed")
    assert getattr(client, method)(reverse(f"events:{name}", args=[stale])).status_code == 404


def test_the_person_cancels_and_the_next_is_offered_then_accepts(client, settings):
    settings.EVENTS_HOLD_HOURS = 24
    event = EventFactory(published=True, capacity=1)
    first = RegistrationFactory(event=event)
    second = RegistrationFactory(event=event, state=R.WAITING)
    page = client.get(reverse("events:registration", args=[tokens.make(first, tokens.MANAGE)]))
    assert page.context["qr"].startswith("data:image/svg+xml")
    client.post(reverse("events:cancel", args=[tokens.make(first, tokens.MANAGE)]))
    second.refresh_from_db()
    assert second.state == R.OFFERED
    token = tokens.make(second, tokens.MANAGE)
    assert client.get(reverse("events:registration", args=[token])).context["moves"] == {
        "accept",
        "cancel",
        "decline",
    }
    client.post(reverse("events:accept", args=[token]))
    second.refresh_from_db()
    assert second.state == R.CONFIRMED


def test_feedback_and_certificate_for_an_attendee(client):
    start = timezone.now() - dt.timedelta(days=1)
    event = EventFactory(
        published=True, kind=EventKind.TRAINING, sessions=[(start, start + dt.timedelta(hours=2))]
    )
    registration = RegistrationFactory(event=event)
    token = tokens.make(registration, tokens.MANAGE)
    assert client.get(reverse("events:certificate", args=[token])).status_code == 403
    Attendance.objects.create(registration=registration, session=event.sessions.get())
    assert client.get(reverse("events:feedback", args=[token])).status_code == 200
    bad = client.post(reverse("events:feedback", args=[token]), {"rating": "7", "usefulness": "4"})
    assert bad.status_code == 400 and Feedback.objects.count() == 0
    client.post(
        reverse("events:feedback", args=[token]), {"rating": "4", "usefulness": "5", "comment": "Utile"}
    )
    assert list(Feedback.objects.values_list("rating", "usefulness", "comment")) == [(4, 5, "Utile")]
    response = client.get(reverse("events:certificate", args=[token]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


def test_calendar_feeds(client):
    event = EventFactory(published=True)
    EventFactory(
        programme=event.programme, published=True, audience=Audience.CARRIERS
    )  # not in a public feed
    response = client.get(reverse("events:programme_feed", args=[event.programme.slug]))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.count("BEGIN:VEVENT") == 1 and event.title in body
    user = UserFactory()
    RegistrationFactory(event=event, user=user, email=user.email)
    mine = client.get(reverse("events:person_feed", args=[tokens.calendar_token(user)])).content.decode()
    assert mine.count("BEGIN:VEVENT") == 1
    assert client.get(reverse("events:person_feed", args=["faux"])).status_code == 404
    assert client.get(reverse("events:ecosystem_feed", args=["inconnu"])).status_code == 404
    assert client.post(reverse("events:programme_feed", args=[event.programme.slug])).status_code == 405

"""Registration, the waiting list and its holds, with fixed times."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from essaim.core.actors import TASKS
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.events import services, tokens
from essaim.events.models import Audience, EventState, Registration, RegistrationState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
R = RegistrationState
NOW = timezone.now()


def _register_users(event, count):
    return [services.registration_create(event=event, by=UserFactory()) for _ in range(count)]


def test_signed_in_users_get_seats_then_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registrations = _register_users(event, 3)
    assert [r.state for r in registrations] == [R.CONFIRMED, R.CONFIRMED, R.WAITING]
    assert [m.subject for m in mail.outbox] == [
        f"Votre place est réservée : {event.title}",
        f"Votre place est réservée : {event.title}",
        f"Liste d'attente : {event.title}",
    ]


def test_public_registration_holds_no_seat_until_confirmed(django_capture_on_commit_callbacks):
    event = EventFactory(published=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        pending = services.registration_request(
            event=event, by=tokens.PUBLIC_FORM, name="  Léa   Martin ", email="Lea@Example.org"
        )
    assert (pending.state, pending.name, pending.email) == (R.PENDING, "Léa Martin", "lea@example.org")
    assert "/evenements/confirmer/" in mail.outbox[0].body
    services.registration_create(event=event, by=UserFactory())  # takes the only seat
    confirmed = services.registration_confirm(registration=pending, by=tokens.holder_of(pending))
    assert confirmed.state == R.WAITING
    again = services.registration_confirm(registration=confirmed, by=tokens.holder_of(pending))
    assert again.state == R.WAITING


def test_public_registration_refused_for_a_reserved_audience():
    event = EventFactory(published=True, audience=Audience.CARRIERS)
    with pytest.raises(PermissionDenied):
        services.registration_request(event=event, by=tokens.PUBLIC_FORM, name="A", email="a@example.org")
    assert Registration.objects.count() == 0


def test_carriers_audience_needs_an_active_project_of_the_programme():
    event = EventFactory(published=True, audience=Audience.CARRIERS)
    carrier, outsider = UserFactory(carrier=True), UserFactory(carrier=True)
    ProjectFactory(programme=event.programme, carriers=[carrier])
    assert services.registration_create(event=event, by=carrier).state == R.CONFIRMED
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, by=outsider)


WINDOW_CASES = {
    "closed": (
        {"registration_closes_at": NOW - dt.timedelta(hours=1)},
        "Les inscriptions à cet événement sont closes.",
    ),
    "draft": ({"state": EventState.DRAFT}, "Les inscriptions à cet événement ne sont pas ouvertes."),
    "not_yet": ({"registration_opens_at": NOW + dt.timedelta(days=1)}, "Les inscriptions ouvrent le"),
}


@pytest.mark.parametrize("case", sorted(WINDOW_CASES))
def test_registration_outside_the_window_changes_nothing(case):
    changes, message = WINDOW_CASES[case]
    event = EventFactory(published=True)
    for name, value in changes.items():
        setattr(event, name, value)
    event.save()
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, by=UserFactory())
    assert exc.value.messages[0].startswith(message)
    assert Registration.objects.count() == 0


def test_the_same_person_twice_is_refused():
    event = EventFactory(published=True)
    user = UserFactory()
    services.registration_create(event=event, by=user)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(event=event, by=user)
    assert exc.value.message_dict == {"email": ["Cette adresse est déjà inscrite à cet événement."]}


def test_a_cancelled_seat_is_offered_to_the_next_with_a_hold(settings, django_capture_on_commit_callbacks):
    settings.EVENTS_HOLD_HOURS = 24
    event = EventFactory(published=True, capacity=1)
    first, second, third = _register_users(event, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=first.user, now=NOW)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, second.hold_expires_at, third.state) == (
        R.OFFERED,
        NOW + dt.timedelta(hours=24),
        R.WAITING,
    )
    assert mail.outbox[-1].subject == f"Une place s'est libérée : {event.title}"
    assert mail.outbox[-1].to == [second.email]


def test_the_hold_is_never_past_the_event_start(settings):
    settings.EVENTS_HOLD_HOURS = 48
    start = NOW + dt.timedelta(hours=5)
    event = EventFactory(published=True, capacity=1, sessions=[(start, start + dt.timedelta(hours=2))])
    first, second = _register_users(event, 2)
    services.registration_cancel(registration=first, by=first.user, now=NOW)
    second.refresh_from_db()
    assert second.hold_expires_at == start


def test_accept_before_the_deadline_and_not_after(settings):
    settings.EVENTS_HOLD_HOURS = 2
    event = EventFactory(published=True, capacity=1)
    first, second, third = _register_users(event, 3)
    services.registration_cancel(registration=first, by=first.user, now=NOW)
    second.refresh_from_db()
    with pytest.raises(TransitionNotAllowed) as exc:
        services.registration_accept(registration=second, by=second.user, now=NOW + dt.timedelta(hours=3))
    assert exc.value.messages == ["Le délai pour accepter cette place est dépassé."]
    accepted = services.registration_accept(
        registration=second, by=second.user, now=NOW + dt.timedelta(hours=1)
    )
    assert (accepted.state, accepted.hold_expires_at) == (R.CONFIRMED, None)


def test_decline_offers_the_place_to_the_next():
    event = EventFactory(published=True, capacity=1)
    first, second, third = _register_users(event, 3)
    services.registration_cancel(registration=first, by=first.user, now=NOW)
    second.refresh_from_db()
    services.registration_decline(registration=second, by=tokens.holder_of(second), now=NOW)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == (R.CANCELLED, R.OFFERED)


def test_holds_expire_by_themselves_and_the_list_moves_on(settings, django_capture_on_commit_callbacks):
    settings.EVENTS_HOLD_HOURS = 12
    event = EventFactory(published=True, capacity=1)
    first, second, third = _register_users(event, 3)
    services.registration_cancel(registration=first, by=first.user, now=NOW)
    assert services.holds_expire(by=TASKS, now=NOW + dt.timedelta(hours=11)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.holds_expire(by=TASKS, now=NOW + dt.timedelta(hours=12)) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == (R.EXPIRED, R.OFFERED)
    assert third.hold_expires_at == NOW + dt.timedelta(hours=24)
    assert [m.subject.split(" :")[0] for m in mail.outbox] == [
        "Place non réservée",
        "Une place s'est libérée",
    ]


def test_only_the_scheduler_expires_holds():
    with pytest.raises(PermissionDenied):
        services.holds_expire(by=UserFactory())


def test_another_person_cannot_accept_or_cancel():
    event = EventFactory(published=True, capacity=1)
    first, second = _register_users(event, 2)
    services.registration_cancel(registration=first, by=first.user, now=NOW)
    second.refresh_from_db()
    intruder = UserFactory()
    for service in (services.registration_accept, services.registration_cancel):
        with pytest.raises(PermissionDenied):
            service(registration=second, by=intruder)
    with pytest.raises(PermissionDenied):
        services.registration_accept(registration=second, by=tokens.holder_of(first))
    second.refresh_from_db()
    assert second.state == R.OFFERED


def test_capacity_below_the_seats_taken_is_refused_and_a_larger_one_offers_places():
    event = EventFactory(published=True, capacity=2)
    staff = _staff(event)
    registrations = _register_users(event, 3)
    with pytest.raises(ValidationError) as exc:
        services.event_update(event=event, by=staff, capacity=1)
    assert exc.value.message_dict["capacity"] == [
        "2 personnes ont déjà une place : la capacité ne peut pas être inférieure."
    ]
    services.event_update(event=event, by=staff, capacity=3)
    registrations[2].refresh_from_db()
    assert registrations[2].state == R.OFFERED


def test_stale_pending_registrations_are_dropped():
    event = EventFactory(published=True)
    old = RegistrationFactory(event=event, state=R.PENDING)
    fresh = RegistrationFactory(event=event, state=R.PENDING)
    Registration.objects.filter(pk=old.pk).update(created_at=NOW - dt.timedelta(days=8))
    assert services.pending_registrations_drop(by=TASKS, now=NOW) == 1
    assert list(Registration.objects.values_list("pk", flat=True)) == [fresh.pk]


def _staff(event):
    return MembershipFactory(organisation=event.programme.organisation).user

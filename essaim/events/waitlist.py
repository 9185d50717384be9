"""The waiting list, under the event's row lock: who gets a seat, who waits, who is offered a
freed place and until when.

Every function here runs inside a service's transaction, after `lock_event` has taken the
event's row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every transaction is
`BEGIN IMMEDIATE`, so writers already queue one behind the other). Counting the seats and
writing the registration happen under that lock: two people can never take the last place.
A place is offered for `settings.EVENTS_HOLD_HOURS` hours (48 by default), never beyond the
event's start; nothing is offered once the event has started or is no longer published.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from essaim.events.models import SEATED_STATES, Event, EventState, RegistrationState
from essaim.events.workflows import REGISTRATION


def hold_hours() -> int:
    return settings.EVENTS_HOLD_HOURS


def lock_event(event: Event) -> Event:
    """The event's row, locked until the transaction ends (refreshed)."""
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("programme", "ecosystem")
        .get(pk=event.pk)
    )


def seated_count(event: Event) -> int:
    return event.registrations.filter(state__in=SEATED_STATES).count()


def has_room(event: Event) -> bool:
    """A newcomer gets a seat only if one is free and nobody waits before them."""
    waiting = event.registrations.filter(state=RegistrationState.WAITING).exists()
    return not waiting and seated_count(event) < event.capacity


def offer_freed_places(event: Event, *, by, now: dt.datetime | None = None) -> int:
    """Offer each free place to the next person waiting (oldest first). Returns offers made."""
    now = now or timezone.now()
    if event.state != EventState.PUBLISHED or (event.starts_at and event.starts_at <= now):
        return 0
    free = event.capacity - seated_count(event)
    if free <= 0:
        return 0
    hold_until = now + dt.timedelta(hours=hold_hours())
    if event.starts_at:
        hold_until = min(hold_until, event.starts_at)
    waiting = event.registrations.filter(state=RegistrationState.WAITING).order_by("queued_at", "pk")
    offered = 0
    for registration in waiting.select_related("event")[:free]:
        REGISTRATION.apply(registration, "offer", by=by, hold_until=hold_until, lock=False)
        offered += 1
    return offered

"""Who is reminded, and when (the task only runs these rules).

- The day before each session (its local date is tomorrow), every confirmed person receives a
  reminder, once per session.
- Once an event is over (its last session ended, at most a week ago), its attendees receive the
  feedback survey's link, once per event.
"""

import datetime as dt

from django.utils import timezone

from essaim.events.models import Event, EventState, Registration, RegistrationState, Session, SessionReminder

FEEDBACK_WITHIN = dt.timedelta(days=7)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def due_session_reminders(now: dt.datetime | None = None) -> list[tuple[Registration, Session]]:
    """(registration, session) pairs to remind now, not reminded yet, soonest sessions first."""
    now = now or timezone.now()
    start, end = _day_bounds(timezone.localtime(now).date() + dt.timedelta(days=1))
    sessions = list(
        Session.objects.filter(event__state=EventState.PUBLISHED, starts_at__gte=start, starts_at__lt=end)
        .select_related("event")
        .order_by("starts_at", "pk")
    )
    if not sessions:
        return []
    sent = set(
        SessionReminder.objects.filter(session__in=sessions).values_list("registration_id", "session_id")
    )
    registrations = Registration.objects.filter(
        event__in={s.event_id for s in sessions}, state=RegistrationState.CONFIRMED
    ).order_by("pk")
    by_event: dict[int, list[Registration]] = {}
    for registration in registrations:
        by_event.setdefault(registration.event_id, []).append(registration)
    due = []
    for session in sessions:
        for registration in by_event.get(session.event_id, []):
            if (registration.pk, session.pk) not in sent:
                registration.event = session.event
                due.append((registration, session))
    return due


def due_feedback_requests(now: dt.datetime | None = None) -> list[Event]:
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            state__in=(EventState.PUBLISHED, EventState.CLOSED),
            feedback_requested_at__isnull=True,
            ends_at__lte=now,
            ends_at__gt=now - FEEDBACK_WITHIN,
        ).order_by("pk")
    )

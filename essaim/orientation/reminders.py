"""Who is reminded of a contact request nobody answered, and when (the task only runs these rules).

A request still new (nobody marked it answered, turned it into a project or closed it) is
recalled to its recipients once per configured delay (`ORIENTATION_CONTACT_REMINDER_DELAYS`,
3, 7 and 14 days by default, as Place des Entreprises relaunches its advisors): on a given day,
the largest delay already reached is due, unless it was sent (`ContactReminder`). A request
someone was named to handle recalls that person only; otherwise every recipient of the request.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from essaim.orientation.models import ContactReminder, ContactRequest, ContactState
from essaim.orientation.recipients import contact_request_recipients

DEFAULT_DELAYS = (3, 7, 14)


@dataclass
class Reminder:
    contact_request: ContactRequest
    delay: int
    age: int
    recipients: list[str] = field(default_factory=list)


def delays() -> list[int]:
    """The configured delays in days, smallest first (positive only)."""
    configured = getattr(settings, "ORIENTATION_CONTACT_REMINDER_DELAYS", DEFAULT_DELAYS) or DEFAULT_DELAYS
    return sorted({int(d) for d in configured if int(d) > 0})


def due_delay(age_days: int, configured: list[int]) -> int | None:
    """The largest configured delay already reached, or None."""
    reached = [d for d in configured if d <= age_days]
    return reached[-1] if reached else None


def _age(created_at: datetime, now: datetime) -> int:
    return (timezone.localtime(now).date() - timezone.localtime(created_at).date()).days


def due(now: datetime | None = None) -> list[Reminder]:
    """The reminders to send at `now` (default: now), not sent yet, oldest requests first.

    Reads the new requests old enough for the first delay (one query), the reminders already
    sent for them (one query), then each due request's recipients.
    """
    now = now or timezone.now()
    configured = delays()
    if not configured:
        return []
    # Sent before the start of the day `first delay - 1` days ago: old enough for the first delay.
    first_day = timezone.localtime(now).date() - timedelta(days=configured[0] - 1)
    cutoff = timezone.make_aware(datetime.combine(first_day, time.min))
    candidates = (
        ContactRequest.objects.filter(state=ContactState.NEW, created_at__lt=cutoff)
        .select_related("programme__organisation", "ecosystem__leader", "commune", "handled_by")
        .order_by("created_at", "pk")
    )
    found = []
    for request in candidates:
        age = _age(request.created_at, now)
        delay = due_delay(age, configured)
        if delay is not None:
            found.append(Reminder(request, delay, age))
    sent = set(
        ContactReminder.objects.filter(
            contact_request_id__in=[r.contact_request.pk for r in found]
        ).values_list("contact_request_id", "delay_days")
    )
    due_now = [r for r in found if (r.contact_request.pk, r.delay) not in sent]
    for reminder in due_now:
        handler = reminder.contact_request.handled_by
        if handler is not None and handler.is_active and handler.email:
            reminder.recipients = [handler.email]
        else:
            reminder.recipients = contact_request_recipients(reminder.contact_request)
    return due_now

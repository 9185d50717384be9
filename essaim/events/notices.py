"""The e-mails of events, each a notification template (notifications/events/<name>.*.txt), and
the signed links they carry. Rendered inside the service's transaction, sent on commit."""

from django.utils import timezone

from essaim.events import tokens
from essaim.events.models import ACTIVE_STATES
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url


def link(registration, purpose: str, view: str) -> str:
    return site_url(view, token=tokens.make(registration, purpose))


def manage_url(registration) -> str:
    return link(registration, tokens.MANAGE, "events:registration")


def checkin_url(registration) -> str:
    return link(registration, tokens.CHECKIN, "events:checkin")


def _send(name: str, registration, **context) -> int:
    context = {
        "registration": registration,
        "event": registration.event,
        "event_url": site_url("events:event", registration.event_id),
        "manage_url": manage_url(registration),
        **context,
    }
    return notify(f"events/{name}", to=[registration.email], context=context)


def confirm_email_notice(registration) -> int:
    url = link(registration, tokens.CONFIRM, "events:confirm")
    return _send("confirm_email", registration, confirm_url=url)


def registered_notice(registration) -> int:
    """A place (with the ticket's QR code page) or a place on the waiting list."""
    name = "registered" if registration.is_seated else "waiting"
    return _send(name, registration)


def place_offered_notice(registration, ctx=None) -> int:
    deadline = timezone.localtime(registration.hold_expires_at)
    return _send("place_offered", registration, deadline=deadline)


def offer_expired_notice(registration) -> int:
    return _send("offer_expired", registration)


def session_reminder_notice(registration, session) -> int:
    return _send("session_reminder", registration, session=session)


def feedback_request_notice(registration) -> int:
    url = link(registration, tokens.MANAGE, "events:feedback")
    return _send("feedback_request", registration, feedback_url=url)


def event_cancelled_notice(event, ctx) -> None:
    """Effect of the event's cancellation: everyone registered is told, with the reason."""
    for registration in event.registrations.filter(state__in=ACTIVE_STATES).select_related("event"):
        _send("event_cancelled", registration, reason=ctx.comment)

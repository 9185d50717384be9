"""Reads of events shared by the pages, the API, the feeds and the programme pages.

`event_for(user, pk, *, manage=False)`: a published event the user may see (its audience), or
any event of their organisation; 404 otherwise, 403 when they may see it but `manage` asks
more. `registration_for(user, pk, *, event_pk)` reads a registration through its event's
scoped rows; `registration_from_token(token, purpose)` through a signed link.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.accounts.selectors import staff_organisations
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Ecosystem, Programme
from essaim.events import rules, tokens
from essaim.events.models import SEATED_STATES, Audience, Event, EventState, Registration, RegistrationState


def registration_window_error(event: Event, now: dt.datetime | None = None) -> str | None:
    """Why nobody may register now, in words (None when registrations are open)."""
    now = now or timezone.now()
    if event.state != EventState.PUBLISHED:
        return _("Les inscriptions à cet événement ne sont pas ouvertes.")
    if event.registration_opens_at and now < event.registration_opens_at:
        when = formats.date_format(timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT")
        return _("Les inscriptions ouvrent le %(date)s.") % {"date": when}
    closes = event.registration_closes_at or event.starts_at
    if closes is None or now >= closes:
        return _("Les inscriptions à cet événement sont closes.")
    return None


def managed_events(user) -> QuerySet[Event]:
    """Every event of the organisations the user is on the staff of (all for a platform admin)."""
    if not user.is_authenticated:
        return Event.objects.none()
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(organisation_id__in=staff_organisations(user))


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        seated=Count("registrations", filter=Q(registrations__state__in=SEATED_STATES)),
        waiting=Count("registrations", filter=Q(registrations__state=RegistrationState.WAITING)),
    )


def public_events(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Published events open to everyone, not over yet, soonest first."""
    now = now or timezone.now()
    return (
        Event.objects.filter(state=EventState.PUBLISHED, audience=Audience.PUBLIC, ends_at__gt=now)
        .select_related("programme", "ecosystem", "commune")
        .order_by("starts_at", "pk")
    )


def upcoming_events(programme_ids, limit: int = 5, *, now: dt.datetime | None = None) -> list[Event]:
    """The next public events of these programmes (for the programme pages), soonest first; one query."""
    return list(public_events(now=now).filter(programme_id__in=list(programme_ids))[: max(0, int(limit))])


def ecosystem_events(ecosystem, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    return public_events(now=now).filter(ecosystem=ecosystem)


def event_for(user, pk: int, *, manage: bool = False) -> Event:
    event = (
        Event.objects.select_related("programme__organisation", "ecosystem__leader", "commune")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404(_("Événement introuvable."))
    managing = rules.can_manage_event(user, event)
    visible = event.state in (EventState.PUBLISHED, EventState.CANCELLED, EventState.CLOSED) and (
        event.audience == Audience.PUBLIC or rules.is_in_audience(user, event)
    )
    if not (managing or visible):
        raise Http404(_("Événement introuvable."))
    if manage and not managing:
        raise PermissionDenied(_("Seule l'équipe qui organise cet événement peut faire cela."))
    return event


def registration_for(user, pk: int, *, event_pk: int) -> Registration:
    """A registration of an event the user runs, read through the event's rows."""
    event = event_for(user, event_pk, manage=True)
    registration = event.registrations.filter(pk=pk).first()
    if registration is None:
        raise Http404(_("Inscription introuvable."))
    registration.event = event
    return registration


def registration_from_token(token: str, purpose: str) -> Registration:
    """The registration a signed link names (its key must still be the same), or 404."""
    found = tokens.read(token, purpose)
    if found is None:
        raise Http404(_("Ce lien n'est pas valide ou a expiré."))
    pk, key = found
    registration = (
        Registration.objects.select_related("event__programme", "event__ecosystem", "event__commune")
        .filter(pk=pk, key=key)
        .first()
    )
    if registration is None:
        raise Http404(_("Ce lien n'est pas valide ou a expiré."))
    return registration


def person_registrations(user) -> QuerySet[Registration]:
    """A signed-in person's registrations (by account), newest events first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .select_related("event__programme", "event__ecosystem", "event__commune")
        .order_by("-event__starts_at", "-pk")
    )


def attendance_sheet(event: Event) -> list[Registration]:
    """The door list: the confirmed registrations, by name, each with the sessions attended (2 queries)."""
    registrations = list(
        event.registrations.filter(state=RegistrationState.CONFIRMED)
        .prefetch_related("attendances")
        .order_by("name", "pk")
    )
    for registration in registrations:
        registration.event = event
        registration.session_ids = {a.session_id for a in registration.attendances.all()}
    return registrations


def feedback_summary(event: Event) -> dict:
    """Answers to the survey: how many, average scores, the comments (staff only)."""
    answers = list(
        event.registrations.filter(feedback__isnull=False).values_list(
            "feedback__rating", "feedback__usefulness", "feedback__comment"
        )
    )
    count = len(answers)
    return {
        "count": count,
        "rating": round(sum(a[0] for a in answers) / count, 1) if count else None,
        "usefulness": round(sum(a[1] for a in answers) / count, 1) if count else None,
        "comments": [a[2] for a in answers if a[2]],
    }


def creatable_owners(user) -> list[tuple[str, object]]:
    """("programme", p) and ("ecosystem", e) the user may create events for (2 queries)."""
    if not user.is_authenticated:
        return []
    programmes = (
        Programme.objects.all()
        if user.is_superuser
        else Programme.objects.filter(organisation_id__in=staff_organisations(user))
    )
    ecosystems = (
        Ecosystem.objects.all()
        if user.is_superuser
        else Ecosystem.objects.filter(leader_id__in=staff_organisations(user))
    )
    return [("programme", p) for p in programmes.order_by("name")] + [
        ("ecosystem", e) for e in ecosystems.order_by("name")
    ]


def current_session(sessions: list, now: dt.datetime | None = None):
    """The session to check in by default: today's, else the latest started, else the first."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    todays = [s for s in sessions if timezone.localtime(s.starts_at).date() == today]
    started = [s for s in sessions if s.starts_at <= now]
    return (todays or started[-1:] or sessions[:1] or [None])[0]

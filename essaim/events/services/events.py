"""Writes on events: create (with its first session), edit, sessions, moves of the workflow."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.audit import diff, record, snapshot
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service
from essaim.events import rules
from essaim.events.models import (
    MAX_DESCRIPTION,
    MAX_SESSION_HOURS,
    Audience,
    Event,
    EventState,
    PlaceKind,
    Session,
)
from essaim.events.tokens import WAITING_LIST
from essaim.events.waitlist import lock_event, offer_freed_places, seated_count
from essaim.events.workflows import EVENT

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "place_kind",
    "address",
    "commune",
    "online_url",
    "capacity",
    "audience",
    "registration_opens_at",
    "registration_closes_at",
)
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
HORIZON_YEARS = 10


def _person(by):
    return by if getattr(by, "is_authenticated", False) and getattr(by, "pk", None) else None


def _check_session(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    """A session starts after 1900, ends within ten years from today, after its start, within a day."""
    latest = timezone.now() + dt.timedelta(days=365 * HORIZON_YEARS + 3)
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": _("Indiquez le début et la fin de la séance.")})
    if starts_at < EARLIEST or ends_at > latest:
        raise ValidationError(
            {"starts_at": _("Date invraisemblable : une séance a lieu entre 1900 et dans dix ans au plus.")}
        )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("La fin de la séance doit suivre son début.")})
    if ends_at - starts_at > dt.timedelta(hours=MAX_SESSION_HOURS):
        raise ValidationError(
            {"ends_at": _("Une séance dure au plus 24 heures : ajoutez une séance par journée.")}
        )


def _check_event(event: Event) -> None:
    errors = {}
    event.title = (event.title or "").strip()
    if event.programme_id and event.audience == Audience.MEMBERS:
        errors["audience"] = _(
            "Le public « membres de l'écosystème » est réservé aux événements d'un écosystème."
        )
    if event.ecosystem_id and event.audience == Audience.CARRIERS:
        errors["audience"] = _(
            "Le public « porteurs du dispositif » est réservé aux événements d'un dispositif."
        )
    if len(event.description or "") > MAX_DESCRIPTION:
        errors["description"] = _("La description dépasse 5 000 caractères.")
    if event.place_kind == PlaceKind.ADDRESS:
        event.online_url = ""
        if event.commune_id is None:
            errors["commune"] = _("Indiquez la commune où a lieu l'événement.")
    elif event.place_kind == PlaceKind.ONLINE:
        event.address, event.commune = "", None
        if not event.online_url:
            errors["online_url"] = _("Indiquez le lien de connexion de l'événement en ligne.")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _("La clôture des inscriptions doit suivre leur ouverture.")
    for value in (opens, closes):
        if value is not None and not (EARLIEST <= value <= timezone.now() + dt.timedelta(days=3653)):
            errors["registration_opens_at"] = _("Date d'inscription invraisemblable.")
    if errors:
        raise ValidationError(errors)
    event.full_clean(exclude=["programme", "ecosystem", "organisation", "commune", "created_by"])


def _refresh_span(event: Event) -> None:
    sessions = list(event.sessions.values_list("starts_at", "ends_at"))
    event.starts_at = min((s for s, _e in sessions), default=None)
    event.ends_at = max((e for _s, e in sessions), default=None)
    event.save(update_fields=["starts_at", "ends_at"])


@service
def event_create(
    *, by, programme=None, ecosystem=None, starts_at: dt.datetime, ends_at: dt.datetime, **fields
) -> Event:
    """Draft an event of a programme or of an ecosystem, with its first session.

    Side effects: one Event and one Session row, one activity-log event.
    """
    if (programme is None) == (ecosystem is None):
        raise ValidationError(_("Un événement appartient à un dispositif ou à un écosystème."))
    owner = programme or ecosystem
    ensure(
        rules.can_manage_event,
        by,
        owner,
        _("Seule l'équipe du dispositif ou de l'écosystème crée ses événements."),
    )
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_session(starts_at, ends_at)
    organisation_id = programme.organisation_id if programme else ecosystem.leader_id
    event = Event(
        programme=programme, ecosystem=ecosystem, organisation_id=organisation_id, created_by=_person(by)
    )
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(event)
    event.save()
    Session.objects.create(event=event, starts_at=starts_at, ends_at=ends_at)
    _refresh_span(event)
    record(actor=by, obj=event, action="create", changes=snapshot(event, list(EVENT_FIELDS)))
    return event


@service(permission=rules.can_manage_event, on="event")
def event_update(*, event: Event, by, **fields) -> Event:
    """Edit a draft or published event. A capacity below the places taken is refused; a larger
    one offers the new places to the waiting list.

    Side effects: saves the event, one event with the changes, places offered (e-mails).
    """
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    event = lock_event(event)
    if event.state not in (EventState.DRAFT, EventState.PUBLISHED):
        raise TransitionNotAllowed(_("Un événement annulé ou clos ne se modifie plus."))
    before = snapshot(event, list(fields))
    for name, value in fields.items():
        setattr(event, name, value)
    seated = seated_count(event)
    if event.capacity is not None and event.capacity < seated:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s personnes ont déjà une place : la capacité ne peut pas être inférieure."
                )
                % {"count": seated}
            }
        )
    _check_event(event)
    event.save()
    record(actor=by, obj=event, action="update", changes=diff(before, snapshot(event, list(fields))))
    offer_freed_places(event, by=WAITING_LIST)
    return event


@service(permission=rules.can_manage_event, on="event")
def session_add(*, event: Event, by, starts_at: dt.datetime, ends_at: dt.datetime) -> Session:
    """Add a session to a draft or published event. Side effects: one Session, the event's span, one event."""
    if event.state not in (EventState.DRAFT, EventState.PUBLISHED):
        raise TransitionNotAllowed(_("Un événement annulé ou clos ne change plus de séances."))
    _check_session(starts_at, ends_at)
    if event.sessions.count() >= 50:
        raise ValidationError(_("Un événement compte au plus 50 séances."))
    session = Session.objects.create(event=event, starts_at=starts_at, ends_at=ends_at)
    _refresh_span(event)
    record(actor=by, obj=session, action="create", changes=snapshot(session, ["starts_at", "ends_at"]))
    return session


@service(permission=rules.can_manage_event, on="session")
def session_remove(*, session: Session, by) -> Event:
    """Remove a session with no attendance recorded; an event keeps at least one.

    Side effects: the Session row, the event's span, one event.
    """
    event = session.event
    if event.sessions.count() <= 1:
        raise ValidationError(_("Un événement garde au moins une séance."))
    if session.attendances.exists():
        raise ValidationError(_("Des présences sont pointées pour cette séance : elle ne se supprime plus."))
    record(actor=by, obj=session, action="delete", changes=snapshot(session, ["starts_at", "ends_at"]))
    session.delete()
    _refresh_span(event)
    return event


@service(permission=rules.can_manage_event, on="event")
def event_transition(*, event: Event, by, action: str, comment: str = "") -> Event:
    """Publish, close or cancel (with a reason sent to every registrant). Side effects: the
    workflow's (the state, one logged move, e-mails on cancellation)."""
    return EVENT.apply(event, action, by=by, comment=comment)

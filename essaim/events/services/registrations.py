"""Writes on registrations: register (signed in, or the public by e-mail), confirm the e-mail,
cancel, accept or decline an offered place, and the waiting list moving on by itself.

Every write that counts seats first locks the event's row (`waitlist.lock_event`), so that
concurrent registrations are served one after the other and never overbook.
"""

import datetime as dt

from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.audit import record
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service
from essaim.events import rules, tokens
from essaim.events.models import ACTIVE_STATES, Event, EventState, Registration, RegistrationState
from essaim.events.notices import confirm_email_notice, offer_expired_notice, registered_notice
from essaim.events.selectors import registration_window_error
from essaim.events.waitlist import has_room, lock_event, offer_freed_places
from essaim.events.workflows import REGISTRATION

R = RegistrationState


def _clean_person(name: str, email: str) -> tuple[str, str]:
    name, email = " ".join((name or "").split()), (email or "").strip().lower()
    errors = {}
    if not name or len(name) > 200:
        errors["name"] = _("Indiquez votre nom (200 caractères au plus).")
    try:
        validate_email(email)
        if len(email) > 254:
            raise ValueError
    except (ValidationError, ValueError):
        errors["email"] = _("Indiquez une adresse électronique valide.")
    if errors:
        raise ValidationError(errors)
    return name, email


def _create(event: Event, *, user, name: str, email: str, state: str, now) -> Registration:
    if event.registrations.filter(email=email, state__in=ACTIVE_STATES).exists():
        raise ValidationError({"email": _("Cette adresse est déjà inscrite à cet événement.")})
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event, user=user, name=name, email=email, state=state, queued_at=now
            )
    except IntegrityError as exc:  # the same person twice at the same instant
        raise ValidationError({"email": _("Cette adresse est déjà inscrite à cet événement.")}) from exc
    registration.event = event
    return registration


@service
def registration_create(*, event: Event, by, now: dt.datetime | None = None) -> Registration:
    """Register the signed-in `by`: a seat if one is free and nobody waits, else the waiting list.

    Side effects: one Registration, one event, an e-mail (place with its ticket, or waiting list).
    """
    now = now or timezone.now()
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied(_("Connectez-vous, ou inscrivez-vous avec votre adresse électronique."))
    event = lock_event(event)
    error = registration_window_error(event, now)
    if error:
        raise ValidationError(error)
    ensure(rules.is_in_audience, by, event, _("Cet événement est réservé à un autre public."))
    name, email = _clean_person(by.get_full_name() or by.email, by.email)
    state = R.CONFIRMED if has_room(event) else R.WAITING
    registration = _create(event, user=by, name=name, email=email, state=state, now=now)
    record(actor=by, obj=registration, action="create", changes={"state": [None, state]})
    registered_notice(registration)
    return registration


@service
def registration_request(
    *, event: Event, by, name: str, email: str, now: dt.datetime | None = None
) -> Registration:
    """A registration by a person of the public: pending until they open the link sent to
    `email` (a pending registration holds no seat). Only for public events.

    Side effects: one Registration, one event, the confirmation e-mail.
    """
    now = now or timezone.now()
    if event.audience != "public":
        raise PermissionDenied(_("Cet événement est réservé à un autre public : connectez-vous."))
    event = lock_event(event)
    error = registration_window_error(event, now)
    if error:
        raise ValidationError(error)
    name, email = _clean_person(name, email)
    registration = _create(event, user=None, name=name, email=email, state=R.PENDING, now=now)
    record(actor=by, obj=registration, action="create", changes={"state": [None, R.PENDING]})
    confirm_email_notice(registration)
    return registration


@service(permission=rules.is_registrant, on="registration")
def registration_confirm(*, registration: Registration, by, now: dt.datetime | None = None) -> Registration:
    """The person opened the confirmation link: a seat if one is free, else the waiting list
    (its place in the list is the moment of confirmation). A second click changes nothing.

    Side effects: the move (logged), an e-mail.
    """
    now = now or timezone.now()
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state != R.PENDING:
        return registration
    if event.state != EventState.PUBLISHED:
        raise TransitionNotAllowed(_("Cet événement n'accepte plus d'inscription."))
    registration.queued_at = now
    registration.event = event
    move = "confirm" if has_room(event) else "queue"
    registration = REGISTRATION.apply(registration, move, by=by, lock=False)
    registration.event = event
    registered_notice(registration)
    return registration


@service(permission=rules.can_act_on_registration, on="registration")
def registration_cancel(*, registration: Registration, by, now: dt.datetime | None = None) -> Registration:
    """Cancel (the person, or the event's staff). A seat freed goes to the next person waiting.

    Side effects: the move (logged), places offered (e-mails with a deadline).
    """
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration = REGISTRATION.apply(registration, "cancel", by=by, lock=False)
    offer_freed_places(event, by=tokens.WAITING_LIST, now=now)
    return registration


@service(permission=rules.is_registrant, on="registration")
def registration_accept(*, registration: Registration, by, now: dt.datetime | None = None) -> Registration:
    """Accept the place offered, before its deadline. Side effects: the move (logged), an e-mail."""
    now = now or timezone.now()
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration = REGISTRATION.apply(registration, "accept", by=by, lock=False, now=now)
    registration.event = event
    registered_notice(registration)
    return registration


@service(permission=rules.is_registrant, on="registration")
def registration_decline(*, registration: Registration, by, now: dt.datetime | None = None) -> Registration:
    """Decline the place offered: it goes to the next person. Side effects: moves, e-mails."""
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration = REGISTRATION.apply(registration, "decline", by=by, lock=False)
    offer_freed_places(event, by=tokens.WAITING_LIST, now=now)
    return registration


@service
def holds_expire(*, by, now: dt.datetime | None = None) -> int:
    """The list moves on by itself: offers past their deadline expire and their places go to the
    next people waiting, event by event, each under its lock. Returns the offers expired.

    Side effects: moves (logged), e-mails (offer expired; new offers).
    """
    ensure(rules.is_scheduler, by, message=_("Réservé aux tâches planifiées."))
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(state=R.OFFERED, hold_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
        .order_by("event_id")
    )
    expired = 0
    for event in Event.objects.filter(pk__in=list(event_ids)).order_by("pk"):
        event = lock_event(event)
        due = event.registrations.select_for_update().filter(state=R.OFFERED, hold_expires_at__lte=now)
        for registration in due.order_by("hold_expires_at", "pk"):
            registration.event = event
            REGISTRATION.apply(registration, "expire", by=by, lock=False)
            offer_expired_notice(registration)
            expired += 1
        offer_freed_places(event, by=by, now=now)
    return expired


@service
def pending_registrations_drop(*, by, now: dt.datetime | None = None) -> int:
    """Unconfirmed public registrations whose link has expired are deleted (they held no seat).

    Side effects: rows deleted, one event.
    """
    ensure(rules.is_scheduler, by, message=_("Réservé aux tâches planifiées."))
    now = now or timezone.now()
    stale = Registration.objects.filter(
        state=R.PENDING, created_at__lt=now - dt.timedelta(seconds=tokens.CONFIRM_MAX_AGE)
    )
    count = stale.count()
    if count:
        stale.delete()
    record(actor=by, obj=None, action="delete", changes={"pending_registrations": count})
    return count

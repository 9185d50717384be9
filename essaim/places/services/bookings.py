"""Writes of shared places: resources (with their opening hours and rules), members and their
allowances, bookings (single or weekly, all or nothing) and their cancellation.

No double booking: every booking write first locks the resource's row (`SELECT … FOR UPDATE`
on PostgreSQL; on SQLite every transaction is `BEGIN IMMEDIATE`, so writers already queue one
behind the other), then checks the periods against the confirmed bookings, then inserts. On
PostgreSQL the exclusion constraint `booking_no_overlap` is the last word: a violation is
turned into the same French message, and the service's transaction leaves nothing written.
"""

import datetime as dt
import secrets
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.audit import record
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import ProgrammeKind
from essaim.places import allowances, periods, rules
from essaim.places.models import (
    MAX_ALLOWANCE_MINUTES,
    MAX_CAPACITY,
    MAX_DAYS_AHEAD,
    MAX_DURATION_MINUTES,
    MAX_NOTE,
    MAX_OCCURRENCES,
    Booking,
    BookingPolicy,
    BookingState,
    MembershipKind,
    OpeningHours,
    PlaceMembership,
    Resource,
    ResourceKind,
)
from essaim.places.workflows import BOOKING

RESOURCE_FIELDS = (
    "kind",
    "name",
    "description",
    "capacity",
    "policy",
    "max_duration_minutes",
    "max_days_ahead",
)
TAKEN = _("déjà réservé")


def _bounded(errors: dict, name: str, value, low: int, high: int, message: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        errors[name] = message


def _clean_resource(fields: dict) -> dict:
    errors = {}
    name = " ".join(str(fields.get("name") or "").split())
    if not name or len(name) > 120:
        errors["name"] = _("Indiquez un nom (120 caractères au plus).")
    if fields.get("kind") not in ResourceKind.values:
        errors["kind"] = _("Choisissez le type de ressource.")
    if fields.get("policy") not in BookingPolicy.values:
        errors["policy"] = _("Choisissez qui peut réserver.")
    if len(fields.get("description") or "") > 500:
        errors["description"] = _("La description fait 500 caractères au plus.")
    _bounded(
        errors,
        "capacity",
        fields.get("capacity"),
        1,
        MAX_CAPACITY,
        _("La capacité va de 1 à %(max)s personnes.") % {"max": MAX_CAPACITY},
    )
    _bounded(
        errors,
        "max_duration_minutes",
        fields.get("max_duration_minutes"),
        15,
        MAX_DURATION_MINUTES,
        _("La durée maximale va de 15 minutes à 24 heures."),
    )
    _bounded(
        errors,
        "max_days_ahead",
        fields.get("max_days_ahead"),
        1,
        MAX_DAYS_AHEAD,
        _("On réserve de 1 à %(max)s jours à l'avance.") % {"max": MAX_DAYS_AHEAD},
    )
    if errors:
        raise ValidationError(errors)
    return {
        **{k: fields[k] for k in RESOURCE_FIELDS if k in fields},
        "name": name,
        "description": (fields.get("description") or "").strip(),
    }


def _set_hours(resource: Resource, hours: dict) -> None:
    """`hours`: weekday (0–6) → (opens, closes) or None for closed; replaces every row."""
    rows = []
    for weekday, span in sorted(hours.items()):
        if span is None:
            continue
        opens, closes = span
        if weekday not in range(7) or not isinstance(opens, dt.time) or not isinstance(closes, dt.time):
            raise ValidationError({"hours": _("Horaires d'ouverture illisibles.")})
        if closes <= opens:
            raise ValidationError({"hours": _("Chaque jour, la fermeture doit suivre l'ouverture.")})
        rows.append(OpeningHours(resource=resource, weekday=weekday, opens_at=opens, closes_at=closes))
    resource.hours.all().delete()
    OpeningHours.objects.bulk_create(rows)


@service
def resource_create(*, programme, by, hours: dict | None = None, **fields) -> Resource:
    """A resource of a shared place (a programme of kind « lieu partagé »), by the place's staff.

    Side effects: one Resource, its opening hours, one event.
    """
    ensure(rules.can_manage_place, by, programme, _("Seule l'équipe du lieu peut ajouter une ressource."))
    if programme.kind != ProgrammeKind.SHARED_PLACE:
        raise ValidationError(_("Seul un lieu partagé a des ressources à réserver."))
    clean = _clean_resource(fields)
    resource = Resource.objects.create(
        programme=programme, organisation_id=programme.organisation_id, **clean
    )
    _set_hours(resource, hours or {})
    record(actor=by, obj=resource, action="create", changes={"name": [None, resource.name]})
    return resource


@service(permission=rules.can_manage_place, on="resource")
def resource_update(*, resource: Resource, by, hours: dict | None = None, **fields) -> Resource:
    """Change a resource's rules (bookings already made stay). Side effects: the row, its hours, one event."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    clean = _clean_resource({**{k: getattr(resource, k) for k in RESOURCE_FIELDS}, **fields})
    changes = {k: [getattr(resource, k), v] for k, v in clean.items() if getattr(resource, k) != v}
    for key, value in clean.items():
        setattr(resource, key, value)
    if "is_active" in fields:
        changes["is_active"] = [resource.is_active, bool(fields["is_active"])]
        resource.is_active = bool(fields["is_active"])
    resource.save()
    if hours is not None:
        _set_hours(resource, hours)
    record(actor=by, obj=resource, action="update", changes=changes)
    return resource


@service
def membership_set(
    *,
    programme,
    user,
    by,
    kind: str = MembershipKind.MEMBER,
    monthly_allowance_minutes: int | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> PlaceMembership:
    """Make `user` a member (or resident) of the place, or change their allowance and dates.

    Side effects: one PlaceMembership created or updated, one event.
    """
    ensure(rules.can_manage_place, by, programme, _("Seule l'équipe du lieu gère ses membres."))
    errors = {}
    if kind not in MembershipKind.values:
        errors["kind"] = _("Choisissez le statut du membre.")
    if monthly_allowance_minutes is not None:
        _bounded(
            errors,
            "monthly_allowance_minutes",
            monthly_allowance_minutes,
            0,
            MAX_ALLOWANCE_MINUTES,
            _("Le crédit mensuel va de 0 à 744 heures."),
        )
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("La fin doit suivre le début.")
    if errors:
        raise ValidationError(errors)
    membership, created = PlaceMembership.objects.update_or_create(
        programme=programme,
        user=user,
        defaults={
            "kind": kind,
            "monthly_allowance_minutes": monthly_allowance_minutes,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    record(
        actor=by,
        obj=membership,
        action="create" if created else "update",
        changes={"monthly_allowance_minutes": [None, monthly_allowance_minutes]},
    )
    return membership


def _clean_request(resource: Resource, starts_at, ends_at, weeks, note: str, now) -> list:
    if not resource.is_active:
        raise ValidationError(_("Cette ressource n'est pas réservable pour le moment."))
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_OCCURRENCES:
        raise ValidationError(
            {"weeks": _("Une série compte de 1 à %(max)s semaines.") % {"max": MAX_OCCURRENCES}}
        )
    if len(note or "") > MAX_NOTE:
        raise ValidationError({"note": _("L'objet fait %(max)s caractères au plus.") % {"max": MAX_NOTE}})
    if not isinstance(starts_at, dt.datetime) or not isinstance(ends_at, dt.datetime):
        raise ValidationError(_("Indiquez le début et la fin."))
    first = (starts_at, ends_at)
    error = periods.rule_error(resource, first, now)
    if error:  # the first occurrence's rule fails: the whole series would, say it once
        raise ValidationError(error)
    return periods.weekly(starts_at, ends_at, weeks)


def _conflicts(resource: Resource, wanted: list, now) -> list[str]:
    """Each occurrence that breaks a rule or meets a confirmed booking, in words (one query)."""
    overlap = Q()
    for start, end in wanted:
        overlap |= Q(starts_at__lt=end, ends_at__gt=start)
    taken = list(
        resource.bookings.filter(overlap, state=BookingState.CONFIRMED).values_list("starts_at", "ends_at")
    )
    found = []
    for period in wanted:
        reason = periods.rule_error(resource, period, now)
        if reason is None and any(s < period[1] and e > period[0] for s, e in taken):
            reason = TAKEN
        if reason:
            found.append(f"{periods.describe(period)} ({reason.rstrip('.')})")
    return found


def _check_allowance(resource: Resource, user, wanted: list) -> None:
    """Rooms booked within a month stay within the person's monthly allowance (essaim/places/allowances.py)."""
    if resource.kind != ResourceKind.ROOM or rules.can_manage_place(user, resource):
        return
    cap = allowances.monthly_cap(user, resource.programme_id)
    if cap is None:
        return
    asked = defaultdict(int)
    for start, end in wanted:
        asked[(periods.local(start).year, periods.local(start).month)] += int(
            (end - start).total_seconds() // 60
        )
    for (year, month), minutes in sorted(asked.items()):
        used = allowances.minutes_used(user, resource.programme_id, year, month)
        if used + minutes > cap:
            raise ValidationError(
                _(
                    "Votre crédit de salles pour %(month)s est dépassé : il vous reste %(left)s, "
                    "vous demandez %(asked)s."
                )
                % {
                    "month": formats.date_format(dt.date(year, month, 1), "F Y"),
                    "left": periods.duration_words(max(0, cap - used)),
                    "asked": periods.duration_words(minutes),
                }
            )


@service
def booking_create(
    *,
    resource: Resource,
    by,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    weeks: int = 1,
    note: str = "",
    now: dt.datetime | None = None,
) -> list[Booking]:
    """Book `resource` for `by`, once or every week for `weeks` weeks: all the occurrences or none
    (the refusal lists every occurrence that is not free, and why).

    Side effects: the Bookings (one series key), one event each.
    """
    now = now or timezone.now()
    resource = Resource.objects.select_for_update(of=("self",)).prefetch_related("hours").get(pk=resource.pk)
    ensure(rules.may_book, by, resource, _("Cette ressource est réservée à d'autres personnes."))
    wanted = _clean_request(resource, starts_at, ends_at, weeks, note, now)
    conflicts = _conflicts(resource, wanted, now)
    if conflicts:
        if len(wanted) == 1:
            raise ValidationError(_("Ce créneau n'est pas libre : %(what)s.") % {"what": conflicts[0]})
        raise ValidationError(
            _("Rien n'a été réservé : %(count)s sur %(total)s ne sont pas possibles : %(list)s.")
            % {"count": len(conflicts), "total": len(wanted), "list": " ; ".join(conflicts)}
        )
    _check_allowance(resource, by, wanted)
    series = secrets.token_hex(8) if len(wanted) > 1 else ""
    try:
        with transaction.atomic():
            made = [
                Booking.objects.create(
                    resource=resource,
                    user=by,
                    starts_at=s,
                    ends_at=e,
                    series=series,
                    note=(note or "").strip(),
                )
                for s, e in wanted
            ]
    except IntegrityError as exc:  # the exclusion constraint (PostgreSQL): a booking slipped in
        raise ValidationError(_("Ce créneau vient d'être réservé par quelqu'un d'autre.")) from exc
    for booking in made:
        booking.resource = resource
        record(
            actor=by,
            obj=booking,
            action="create",
            changes={"starts_at": [None, booking.starts_at.isoformat()]},
        )
    return made


@service(permission=rules.can_cancel_booking, on="booking")
def booking_cancel(*, booking: Booking, by, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking (its booker, or the place's staff) before it ends: the period is free again.

    Side effects: the move (logged).
    """
    resource = Resource.objects.select_for_update().get(pk=booking.resource_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    booking.resource = resource
    return BOOKING.apply(booking, "cancel", by=by, lock=False, now=now or timezone.now())

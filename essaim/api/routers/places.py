"""Shared places (docs/places.md): the resources a signed-in person may book, a resource's
bookings over a period, booking (once or weekly, all or nothing) and cancelling, one's own
bookings and memberships (with the month's allowance), and the members of a place for its staff;
read only: the entitlements and domiciliations of the projects one carries, and a place's
entitlements and domiciliations (with their mail) for its staff.

Reads go through `essaim.places.selectors` (a resource one may not book is a 404, a place one does
not run is a 404), writes through `essaim.places.services`: a refusal of the domain (a period
taken, outside the opening hours, beyond the allowance) is a 422 naming what is wrong.
"""

import datetime as dt
import re
from typing import Annotated

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from essaim.accounts.models import User
from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, not_found, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.places import (
    PlaceDomiciliationDetailOut,
    PlaceDomiciliationOut,
    PlaceEntitlementOut,
    domiciliation_out,
    entitlement_out,
)
from essaim.api.schemas.types import ID_MAX, Body, Date, bounded_int, one_of, people_error, text
from essaim.core.dates import DATE_PATTERN, is_plausible, out_of_range_message
from essaim.places import allowances, rules, selectors, services
from essaim.places.models import (
    MAX_ALLOWANCE_MINUTES,
    MAX_NOTE,
    MAX_OCCURRENCES,
    Booking,
    MembershipKind,
    PlaceMembership,
    Resource,
)
from essaim.places.workflows import BOOKING

router = Router(tags=["lieux partagés"], auth=required_auth)

MAX_SPAN_DAYS = 62


# A plausible day (core.dates), a time of day, an optional UTC offset: what the server reads, said
# exactly in the document (a bare "date-time" format lets through strings it refuses).
TIME_PATTERN = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9])?$"
BOOKING_DATETIME = DATE_PATTERN[:-1] + TIME_PATTERN


def _datetime_text(value):
    if not isinstance(value, str) or not re.fullmatch(BOOKING_DATETIME, value):
        raise people_error(_("Une date et heure ISO 8601 est attendue (2027-03-01T10:00:00+01:00)."))
    return value


def _aware(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)  # a wall-clock time of the site (Europe/Paris)
    if not is_plausible(value):
        raise people_error(out_of_range_message())
    return value


DateTime = Annotated[
    dt.datetime,
    BeforeValidator(_datetime_text),
    AfterValidator(_aware),
    WithJsonSchema({"type": "string", "pattern": BOOKING_DATETIME, "examples": ["2027-03-01T10:00"]}),
]


class HoursOut(Schema):
    weekday: int
    opens_at: str
    closes_at: str


class PlaceResourceOut(Schema):
    id: int
    place_id: int
    place_name: str
    kind: str
    kind_label: str
    name: str
    description: str
    capacity: int
    policy: str
    max_duration_minutes: int
    max_days_ahead: int
    is_active: bool
    hours: list[HoursOut]


class BookingOut(Schema):
    id: int
    resource_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: str
    mine: bool
    note: str
    actions: list[str]


class BookingPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[BookingOut]


class BookingIn(Body):
    starts_at: DateTime
    ends_at: DateTime
    weeks: bounded_int(1, MAX_OCCURRENCES, gettext_lazy("Une série compte de 1 à 52 semaines.")) = 1
    note: text(max_length=MAX_NOTE) = ""


class PeriodQuery(Schema):
    start: Date | None = None
    end: Date | None = None


class AllowanceOut(Schema):
    month: dt.date
    cap_minutes: int
    used_minutes: int
    left_minutes: int


class MembershipOut(Schema):
    id: int
    place_id: int
    place_name: str
    user_email: str
    kind: str
    kind_label: str
    monthly_allowance_minutes: int | None
    starts_on: dt.date
    ends_on: dt.date | None
    allowance: AllowanceOut | None


class MembershipIn(Body):
    email: text(max_length=254, required=True)
    kind: one_of(MembershipKind.values, gettext_lazy("Choisissez le statut du membre.")) = (
        MembershipKind.MEMBER
    )
    monthly_allowance_minutes: (
        bounded_int(0, MAX_ALLOWANCE_MINUTES, gettext_lazy("Le crédit mensuel va de 0 à 744 heures.")) | None
    ) = None
    starts_on: Date | None = None
    ends_on: Date | None = None


def _resource(resource: Resource) -> dict:
    return {
        "id": resource.pk,
        "place_id": resource.programme_id,
        "place_name": resource.programme.name,
        "kind": resource.kind,
        "kind_label": resource.get_kind_display(),
        "name": resource.name,
        "description": resource.description,
        "capacity": resource.capacity,
        "policy": resource.policy,
        "max_duration_minutes": resource.max_duration_minutes,
        "max_days_ahead": resource.max_days_ahead,
        "is_active": resource.is_active,
        "hours": [
            {"weekday": h.weekday, "opens_at": f"{h.opens_at:%H:%M}", "closes_at": f"{h.closes_at:%H:%M}"}
            for h in resource.hours.all()
        ],
    }


def _booking(booking: Booking, user, *, managing: bool = False) -> dict:
    mine = booking.user_id == user.pk
    return {
        "id": booking.pk,
        "resource_id": booking.resource_id,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "state": booking.state,
        "mine": mine,
        "note": booking.note if mine or managing else "",
        "actions": [t.name for t in BOOKING.available(booking, user)] if mine else [],
    }


def _membership(membership: PlaceMembership, today: dt.date) -> dict:
    status = allowances.status(membership.user, membership.programme_id, today)
    return {
        "id": membership.pk,
        "place_id": membership.programme_id,
        "place_name": membership.programme.name,
        "user_email": membership.user.email,
        "kind": membership.kind,
        "kind_label": membership.get_kind_display(),
        "monthly_allowance_minutes": membership.monthly_allowance_minutes,
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
        "allowance": status
        and {
            "month": status["month"],
            "cap_minutes": status["cap"],
            "used_minutes": status["used"],
            "left_minutes": status["left"],
        },
    }


def _id(value: int, message: str) -> None:
    if not 1 <= value <= ID_MAX:
        raise not_found(message)


def _get_resource(request, resource_id: int) -> Resource:
    _id(resource_id, _("Ressource introuvable."))
    try:
        return selectors.resource_for(request.user, resource_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None


def _page(request):
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    return page


@router.get(
    "/resources",
    response={200: list[PlaceResourceOut], **ERRORS},
    url_name="resource-list",
    summary="Ressources",
)
def resource_list(request):
    """Les ressources actives que la personne connectée peut réserver, par lieu puis par nom."""
    resources = selectors.bookable_resources(request.user)
    prefetch_related_objects(resources, "hours")
    return [_resource(r) for r in resources]


@router.get(
    "/resources/{resource_id}",
    response={200: PlaceResourceOut, **ERRORS},
    url_name="resource-detail",
    summary="Une ressource",
)
def resource_detail(request, resource_id: int):
    """Une ressource réservable (ou d'un lieu que l'on gère) : capacité, règles, horaires."""
    return _resource(_get_resource(request, resource_id))


@router.get(
    "/resources/{resource_id}/bookings",
    response={200: list[BookingOut], **ERRORS},
    url_name="resource-bookings",
    summary="Réservations d'une ressource sur une période",
)
def resource_bookings(request, resource_id: int, period: Query[PeriodQuery]):
    """Les réservations confirmées entre deux jours (inclus ; par défaut la semaine en cours, 62 jours
    au plus). Les réservations des autres n'en disent que la période."""
    resource = _get_resource(request, resource_id)
    first = period.start or timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    last = period.end or first + dt.timedelta(days=6)
    if last < first:
        raise bad_request({"end": _("La fin doit suivre le début.")})
    if (last - first).days > MAX_SPAN_DAYS:
        raise bad_request({"end": _("Une période compte 62 jours au plus.")})
    managing = rules.can_manage_place(request.user, resource)
    return [
        _booking(b, request.user, managing=managing)
        for b in selectors.resource_bookings(resource, first, last)
    ]


@router.post(
    "/resources/{resource_id}/bookings",
    response={201: list[BookingOut], **ERRORS},
    url_name="booking-create",
    summary="Réserver",
)
def booking_create(request, resource_id: int, payload: BookingIn):
    """Réserve une fois, ou chaque semaine pendant `weeks` semaines : tout ou rien. Un créneau pris,
    hors des horaires, trop long, trop lointain ou au-delà du crédit mensuel : 422, rien n'est écrit."""
    resource = _get_resource(request, resource_id)
    made = services.booking_create(resource=resource, by=request.user, **payload.dict())
    return 201, [_booking(b, request.user) for b in made]


@router.get(
    "/bookings/mine",
    response={200: BookingPage, **ERRORS},
    url_name="booking-list",
    summary="Mes réservations",
)
def booking_list(request):
    """Les réservations confirmées à venir de la personne connectée, les plus proches d'abord."""
    page = _page(request)
    body = paginate(request, selectors.person_bookings(request.user, now=timezone.now()), page)
    body["results"] = [_booking(b, request.user) for b in body["results"]]
    return body


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: BookingOut, **ERRORS},
    url_name="booking-cancel",
    summary="Annuler",
)
def booking_cancel(request, booking_id: int):
    """Annule l'une de ses réservations avant qu'elle ne se termine : le créneau redevient libre."""
    _id(booking_id, _("Réservation introuvable."))
    try:
        booking = selectors.own_booking_for(request.user, booking_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None
    return _booking(services.booking_cancel(booking=booking, by=request.user), request.user)


@router.get(
    "/memberships/mine",
    response={200: list[MembershipOut], **ERRORS},
    url_name="membership-mine",
    summary="Mes adhésions",
)
def membership_mine(request):
    """Les lieux dont la personne est membre, avec le crédit de salles du mois en cours."""
    today = timezone.localdate()
    rows = (
        PlaceMembership.objects.filter(user=request.user).select_related("programme", "user").order_by("pk")
    )
    return [_membership(m, today) for m in rows]


def _get_place(request, place_id: int):
    _id(place_id, _("Lieu introuvable."))
    try:
        return selectors.place_for(request.user, place_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None


@router.get(
    "/{place_id}/members",
    response={200: list[MembershipOut], **ERRORS},
    url_name="member-list",
    summary="Membres",
)
def member_list(request, place_id: int):
    """Les membres d'un lieu que l'on gère (404 pour un autre lieu)."""
    place = _get_place(request, place_id)
    today = timezone.localdate()
    return [_membership(m, today) for m in selectors.place_memberships(place).select_related("programme")]


@router.post(
    "/{place_id}/members",
    response={200: MembershipOut, **ERRORS},
    url_name="member-set",
    summary="Inscrire un membre",
)
def member_set(request, place_id: int, payload: MembershipIn):
    """Fait d'une personne (par l'adresse de son compte) un membre ou un résident du lieu, ou change
    son crédit mensuel de salles (en minutes ; absent : sans plafond) et ses dates."""
    place = _get_place(request, place_id)
    data = payload.dict()
    user = User.objects.filter(email__iexact=data.pop("email").strip(), is_active=True).first()
    if user is None:
        raise unprocessable({"email": _("Aucun compte actif ne porte cette adresse.")})
    membership = services.membership_set(programme=place, user=user, by=request.user, **data)
    membership = PlaceMembership.objects.select_related("programme", "user").get(pk=membership.pk)
    return _membership(membership, timezone.localdate())


@router.get(
    "/entitlements/mine",
    response={200: list[PlaceEntitlementOut], **ERRORS},
    url_name="entitlement-mine",
    summary="Mes droits accordés",
)
def entitlement_mine(request):
    """Les droits en vigueur (poste de travail, crédit de salles) accordés aux projets que la
    personne porte, dans tous les lieux ; en lecture seule."""
    return [entitlement_out(e) for e in selectors.person_entitlements(request.user, on=timezone.localdate())]


@router.get(
    "/domiciliations/mine",
    response={200: list[PlaceDomiciliationOut], **ERRORS},
    url_name="domiciliation-mine",
    summary="Mes domiciliations",
)
def domiciliation_mine(request):
    """Les domiciliations des entreprises des projets que la personne porte, avec le nombre de
    courriers à retirer ; en lecture seule."""
    return [domiciliation_out(d) for d in selectors.person_domiciliations(request.user)]


@router.get(
    "/{place_id}/entitlements",
    response={200: list[PlaceEntitlementOut], **ERRORS},
    url_name="entitlement-list",
    summary="Droits accordés",
)
def entitlement_list(request, place_id: int):
    """Les droits accordés aux projets accompagnés dans un lieu que l'on gère (404 pour un autre lieu)."""
    place = _get_place(request, place_id)
    return [entitlement_out(e) for e in selectors.place_entitlements(place).select_related("place")]


@router.get(
    "/{place_id}/domiciliations",
    response={200: list[PlaceDomiciliationOut], **ERRORS},
    url_name="domiciliation-list",
    summary="Domiciliations",
)
def domiciliation_list(request, place_id: int):
    """Le registre des domiciliations d'un lieu que l'on gère, en cours d'abord, avec le nombre
    de courriers à remettre (404 pour un autre lieu)."""
    place = _get_place(request, place_id)
    return [domiciliation_out(d) for d in selectors.place_domiciliations(place).select_related("place")]


@router.get(
    "/{place_id}/domiciliations/{domiciliation_id}",
    response={200: PlaceDomiciliationDetailOut, **ERRORS},
    url_name="domiciliation-detail",
    summary="Une domiciliation",
)
def domiciliation_detail(request, place_id: int, domiciliation_id: int):
    """Une domiciliation d'un lieu que l'on gère et son courrier, le plus récent d'abord (404 pour
    une domiciliation d'un autre lieu)."""
    _id(place_id, _("Lieu introuvable."))
    _id(domiciliation_id, _("Domiciliation introuvable."))
    try:
        domiciliation = selectors.domiciliation_for(request.user, domiciliation_id, place_pk=place_id)
    except Http404 as exc:
        raise not_found(str(exc)) from None
    mail = list(domiciliation.mail.order_by("-received_on", "-pk"))
    domiciliation.waiting = sum(1 for m in mail if m.handed_over_on is None)
    return domiciliation_out(domiciliation, mail=mail)

"""Reads of shared places shared by the pages (and, later, the API).

`resource_for(user, pk, *, manage=False)`: an active resource the user may book, or any resource
of a place their organisation runs; 404 otherwise, 403 when they may see it but `manage` asks
more. Bookings are read through their resource's rows (`booking_for(user, pk, resource_pk=)`),
or a person's own (`own_booking_for`).
"""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accounts.selectors import staff_organisations
from essaim.core.errors import PermissionDenied
from essaim.directory.enums import ProgrammeKind
from essaim.directory.models import Programme
from essaim.places import periods, rules
from essaim.places.models import (
    Booking,
    BookingState,
    Domiciliation,
    Entitlement,
    MailItem,
    PlaceMembership,
    Resource,
)


def managed_places(user) -> QuerySet[Programme]:
    """The shared places the user's organisations run (all for a platform admin)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    places = Programme.objects.filter(kind=ProgrammeKind.SHARED_PLACE)
    if user.is_superuser:
        return places
    return places.filter(organisation_id__in=staff_organisations(user))


def managed_resources(user) -> QuerySet[Resource]:
    if not user.is_authenticated:
        return Resource.objects.none()
    if user.is_superuser:
        return Resource.objects.all()
    return Resource.objects.filter(organisation_id__in=staff_organisations(user))


def bookable_resources(user) -> list[Resource]:
    """The active resources the user may book, by place then name (the rule is read per place)."""
    if not user.is_authenticated:
        return []
    resources = (
        Resource.objects.filter(is_active=True)
        .select_related("programme")
        .order_by("programme__name", "kind", "name", "pk")
    )
    allowed = {}
    found = []
    for resource in resources:
        key = (resource.programme_id, resource.policy)
        if key not in allowed:
            allowed[key] = rules.may_book(user, resource)
        if allowed[key]:
            found.append(resource)
    return found


def resource_for(user, pk: int, *, manage: bool = False) -> Resource:
    resource = Resource.objects.select_related("programme").prefetch_related("hours").filter(pk=pk).first()
    if resource is None:
        raise Http404(_("Ressource introuvable."))
    managing = rules.can_manage_place(user, resource)
    if not managing and not (resource.is_active and rules.may_book(user, resource)):
        raise Http404(_("Ressource introuvable."))
    if manage and not managing:
        raise PermissionDenied(_("Seule l'équipe du lieu peut faire cela."))
    return resource


def booking_for(user, pk: int, *, resource_pk: int) -> Booking:
    """A booking of a resource the user manages, read through the resource's rows."""
    resource = resource_for(user, resource_pk, manage=True)
    booking = resource.bookings.select_related("user").filter(pk=pk).first()
    if booking is None:
        raise Http404(_("Réservation introuvable."))
    booking.resource = resource
    return booking


def own_booking_for(user, pk: int) -> Booking:
    """One of the person's own bookings (404 for anyone else's)."""
    if not user.is_authenticated:
        raise Http404(_("Réservation introuvable."))
    booking = Booking.objects.select_related("resource__programme").filter(pk=pk, user=user).first()
    if booking is None:
        raise Http404(_("Réservation introuvable."))
    return booking


def person_bookings(user, *, now: dt.datetime) -> QuerySet[Booking]:
    """A person's confirmed bookings not over yet, soonest first."""
    if not user.is_authenticated:
        return Booking.objects.none()
    return (
        Booking.objects.filter(user=user, state=BookingState.CONFIRMED, ends_at__gt=now)
        .select_related("resource__programme")
        .order_by("starts_at", "pk")
    )


def resource_bookings(resource: Resource, first: dt.date, last: dt.date) -> QuerySet[Booking]:
    """The confirmed bookings of a resource between two local days (inclusive), with their booker."""
    start, end = periods.day_bounds(first, last)
    return (
        resource.bookings.filter(state=BookingState.CONFIRMED, starts_at__lt=end, ends_at__gt=start)
        .select_related("user")
        .order_by("starts_at", "pk")
    )


def calendar(resource: Resource, days: list[dt.date]) -> list[dict]:
    """Each day with its opening hours and its bookings (one query for the bookings)."""
    bookings = list(resource_bookings(resource, days[0], days[-1]))
    result = []
    for day in days:
        start, end = periods.day_bounds(day, day)
        result.append(
            {
                "day": day,
                "hours": periods.opening_for(resource, day),
                "bookings": [b for b in bookings if b.starts_at < end and b.ends_at > start],
            }
        )
    return result


def resources_with_hours(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    return queryset.select_related("programme").prefetch_related(Prefetch("hours"))


def place_for(user, pk: int) -> Programme:
    """A shared place the user's organisation runs (404 for any other programme)."""
    place = managed_places(user).select_related("organisation").filter(pk=pk).first()
    if place is None:
        raise Http404(_("Lieu introuvable."))
    return place


def place_memberships(place) -> QuerySet[PlaceMembership]:
    return place.place_members.select_related("user").order_by("user__full_name", "pk")


def place_membership_for(user, pk: int, *, place_pk: int) -> PlaceMembership:
    place = place_for(user, place_pk)
    membership = place_memberships(place).filter(pk=pk).first()
    if membership is None:
        raise Http404(_("Membre introuvable."))
    membership.programme = place
    return membership


def place_entitlements(place) -> QuerySet[Entitlement]:
    return place.entitlements.select_related("project", "resource").order_by("-starts_on", "pk")


def entitlement_for(user, pk: int, *, place_pk: int) -> Entitlement:
    place = place_for(user, place_pk)
    entitlement = place_entitlements(place).filter(pk=pk).first()
    if entitlement is None:
        raise Http404(_("Droit introuvable."))
    entitlement.place = place
    return entitlement


def person_entitlements(user, *, on: dt.date) -> QuerySet[Entitlement]:
    """The entitlements in force for the projects a person carries, at every place (read only)."""
    if not user.is_authenticated:
        return Entitlement.objects.none()
    return (
        rules.current_entitlements(user, None, on=on)
        .select_related("place", "project", "resource")
        .order_by("place__name", "-starts_on", "pk")
    )


def grantable_projects(user, place) -> QuerySet[Project]:
    """Active projects of the place's organisation, whose staff (the place's) may manage them."""
    if not rules.can_manage_place(user, place):
        return Project.objects.none()
    return (
        Project.objects.filter(programme__organisation_id=place.organisation_id, status=ProjectStatus.ACTIVE)
        .select_related("programme")
        .order_by("name", "pk")
    )


def place_domiciliations(place) -> QuerySet[Domiciliation]:
    return (
        place.domiciliations.select_related("project")
        .annotate(waiting=Count("mail", filter=Q(mail__handed_over_on__isnull=True)))
        .order_by("state", "name", "pk")
    )


def person_domiciliations(user) -> QuerySet[Domiciliation]:
    """The domiciliations of the projects a person carries, at every place (read only), with the
    count of mail waiting to be handed over."""
    if not user.is_authenticated:
        return Domiciliation.objects.none()
    ids = Domiciliation.objects.filter(project__carriers=user).values("pk")
    return (
        Domiciliation.objects.filter(pk__in=ids)
        .select_related("place", "project")
        .annotate(waiting=Count("mail", filter=Q(mail__handed_over_on__isnull=True)))
        .order_by("state", "place__name", "name", "pk")
    )


def domiciliation_for(user, pk: int, *, place_pk: int) -> Domiciliation:
    place = place_for(user, place_pk)
    domiciliation = place.domiciliations.select_related("project").filter(pk=pk).first()
    if domiciliation is None:
        raise Http404(_("Domiciliation introuvable."))
    domiciliation.place = place
    return domiciliation


def mail_for(user, pk: int, *, domiciliation_pk: int, place_pk: int) -> MailItem:
    domiciliation = domiciliation_for(user, domiciliation_pk, place_pk=place_pk)
    item = domiciliation.mail.filter(pk=pk).first()
    if item is None:
        raise Http404(_("Courrier introuvable."))
    item.domiciliation = domiciliation
    return item

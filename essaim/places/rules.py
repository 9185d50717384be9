"""Who may do what with shared places: named predicates (django-rules), called as
`predicate(user, obj)` by the services, the selectors and the pages.

A place's resources, hours, members and bookings are managed by the staff of the place's
organisation (and platform admins). Who may book a resource follows its policy: the place's
members (a current `PlaceMembership`), also the carriers of active projects accompanied by a
programme of the same organisation, or anyone signed in. The staff may always book. A booking
is cancelled by its booker or by the staff.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from essaim.accompaniment.enums import ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accompaniment.rules import can_manage_project
from essaim.accounts.rules import is_org_staff, is_platform_admin
from essaim.directory.models import Programme
from essaim.places.models import (
    Booking,
    BookingPolicy,
    Domiciliation,
    Entitlement,
    EntitlementKind,
    MailItem,
    PlaceMembership,
    Resource,
    ResourceKind,
)


def _organisation_id(obj):
    if isinstance(obj, Booking):
        return obj.resource.organisation_id
    if isinstance(obj, Resource | Programme):
        return obj.organisation_id
    if isinstance(obj, PlaceMembership):
        return obj.programme.organisation_id
    if isinstance(obj, Entitlement | Domiciliation):
        return obj.place.organisation_id
    if isinstance(obj, MailItem):
        return obj.domiciliation.place.organisation_id
    return None


@rules.predicate
def is_place_staff(user, obj=None) -> bool:
    """Staff of the organisation running the place (a place, a resource, a booking, a member)."""
    organisation_id = _organisation_id(obj)
    if organisation_id is None or not user.is_authenticated:
        return False
    return is_org_staff(user, Programme(organisation_id=organisation_id))


can_manage_place = is_platform_admin | is_place_staff


def is_member(user, programme_id: int, *, on=None) -> bool:
    today = on or timezone.localdate()
    return (
        PlaceMembership.objects.filter(programme_id=programme_id, user=user, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .exists()
    )


@rules.predicate
def may_book(user, resource=None) -> bool:
    """May book this resource, by its policy (the place's staff always may)."""
    if resource is None or not user.is_authenticated or not getattr(user, "is_active", True):
        return False
    if can_manage_place(user, resource) or resource.policy == BookingPolicy.SIGNED_IN:
        return True
    if is_member(user, resource.programme_id) or has_entitlement(user, resource):
        return True
    if resource.policy != BookingPolicy.MEMBERS_AND_PROJECTS:
        return False
    return Project.objects.filter(
        programme__organisation_id=resource.organisation_id, carriers=user, status=ProjectStatus.ACTIVE
    ).exists()


def current_entitlements(user, place_id: int | None, *, on=None):
    """The entitlements in force today at this place (`None`: at every place) for the projects
    `user` carries."""
    today = on or timezone.localdate()
    granted = Entitlement.objects.filter(
        project__carriers=user, project__status=ProjectStatus.ACTIVE, starts_on__lte=today
    )
    if place_id is not None:
        granted = granted.filter(place_id=place_id)
    return granted.exclude(ends_on__lt=today).distinct()


def has_entitlement(user, resource) -> bool:
    """A desk granted on this very resource, or room credits when it is a room."""
    granted = current_entitlements(user, resource.programme_id)
    if resource.kind == ResourceKind.ROOM:
        return granted.filter(Q(kind=EntitlementKind.CREDITS) | Q(resource=resource)).exists()
    return granted.filter(kind=EntitlementKind.DESK, resource=resource).exists()


def may_grant_entitlement(user, project, place) -> bool:
    """Runs the project's programme and the place (a platform admin too)."""
    return bool(can_manage_project(user, project) and can_manage_place(user, place))


@rules.predicate
def is_booker(user, booking=None) -> bool:
    return bool(booking is not None and user.is_authenticated and booking.user_id == user.pk)


can_cancel_booking = is_booker | can_manage_place

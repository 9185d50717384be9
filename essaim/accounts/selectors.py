"""Reads about accounts shared by every app: which organisations a person works for; a person's
pending second-factor device."""

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import Membership, User


def staff_organisations(user: User, *, admin_only: bool = False) -> QuerySet:
    """Organisation ids the user is on the staff of, as a sub-query (no query of its own)."""
    memberships = Membership.objects.filter(user=user)
    if admin_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return memberships.values("organisation_id")


def staff_organisation_ids(user: User, *, admin_only: bool = False) -> list[int]:
    """The same ids, fetched (one query), for callers that use them several times."""
    return list(staff_organisations(user, admin_only=admin_only).values_list("organisation_id", flat=True))


def totp_device_pending(*, by: User) -> TOTPDevice | None:
    """`by`'s TOTP device waiting for its first code (enrolment under way), if any."""
    return TOTPDevice.objects.filter(user=by, confirmed=False).first()

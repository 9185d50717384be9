"""Reads about accounts shared by every app: which organisations a person works for; a person's
pending second-factor device; an organisation's team and its invitations."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import Invitation, Membership, User
from essaim.accounts.rules import can_manage_invitations, is_org_staff, is_platform_admin


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


def team_for(user: User, slug: str, *, manage: bool = False):
    """The organisation `slug` if the user is on its staff (or a platform admin), else 404;
    `manage=True`: 403 for staff who may not invite (members who are not admins)."""
    # accounts imports no directory module (directory depends on accounts): the model is
    # reached through the membership's relation.
    organisation_model = Membership._meta.get_field("organisation").related_model
    organisation = organisation_model.objects.filter(slug=slug).first()
    if organisation is None or not (is_platform_admin(user) or is_org_staff(user, organisation)):
        raise Http404(_("Équipe introuvable."))
    if manage and not can_manage_invitations(user, organisation):
        raise PermissionDenied(_("Seuls les administrateurs de l'équipe invitent des personnes."))
    return organisation


def invitations_of(organisation) -> QuerySet[Invitation]:
    """An organisation's invitations, newest first, with who sent and who accepted them."""
    return organisation.invitations.select_related("invited_by", "accepted_by").order_by("-created_at", "-pk")


def invitation_for(organisation, pk: int) -> Invitation:
    """One invitation of the organisation (fetched through it: 404 for another team's)."""
    invitation = invitations_of(organisation).filter(pk=pk).first()
    if invitation is None:
        raise Http404(_("Invitation introuvable."))
    return invitation

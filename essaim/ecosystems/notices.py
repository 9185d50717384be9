"""The e-mails of ecosystem memberships (templates under templates/notifications/ecosystems/)."""

from essaim.accounts.models import Membership as Staff
from essaim.accounts.models import User
from essaim.ecosystems.enums import MembershipState
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url


def _admins(organisation_id) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation_id=organisation_id, memberships__role=Staff.Role.ADMIN, is_active=True
        ).order_by("pk")
    )


def invitation_sent(membership) -> int:
    """To the invited organisation's admins: who invites them, with which role, where to answer."""
    return notify(
        "ecosystems/invitation",
        to=_admins(membership.organisation_id),
        context={
            "membership": membership,
            "ecosystem": membership.ecosystem,
            "url": site_url("ecosystems:invitations"),
        },
    )


def invitation_answered(membership) -> int:
    """To the leader's admins: the invited organisation accepted or declined."""
    leader_id = membership.ecosystem.leader_id
    if leader_id is None:
        return 0
    return notify(
        "ecosystems/answered",
        to=_admins(leader_id),
        context={
            "membership": membership,
            "ecosystem": membership.ecosystem,
            "accepted": membership.state == MembershipState.ACTIVE,
            "url": site_url("ecosystems:workspace", membership.ecosystem.slug),
        },
    )

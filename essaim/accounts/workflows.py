"""An invitation to join an organisation's staff, as a workflow of the kernel (essaim/core/workflow.py).

Pending until the invited person accepts it (which makes them a member with the invitation's role)
or an admin of the organisation revokes it. "Expired" is not stored: a pending invitation past its
date shows as expired and can no longer be accepted (a guard says so); it can still be revoked.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import InvitationState as S
from essaim.accounts.models import Membership
from essaim.accounts.rules import can_manage_invitations, is_invitee
from essaim.audit import recorder
from essaim.core.workflow import Transition, Workflow


def _not_expired(invitation, ctx) -> str | None:
    if invitation.is_expired:
        return str(_("Cette invitation a expiré : demandez à l'équipe de vous inviter à nouveau."))
    return None


def _note_acceptance(invitation, ctx) -> None:
    invitation.accepted_by = ctx.by
    invitation.decided_at = timezone.now()


def _note_revocation(invitation, ctx) -> None:
    invitation.decided_at = timezone.now()


def _join(invitation, ctx) -> None:
    """The invited person joins the staff; an existing membership takes the invitation's role."""
    membership, created = Membership.objects.get_or_create(
        user=ctx.by, organisation_id=invitation.organisation_id, defaults={"role": invitation.role}
    )
    if created:
        recorder.record(
            actor=ctx.by, obj=membership, action="create", changes={"role": [None, membership.role]}
        )
    elif membership.role != invitation.role:
        before, membership.role = membership.role, invitation.role
        membership.save(update_fields=["role"])
        recorder.record(
            actor=ctx.by, obj=membership, action="update", changes={"role": [before, membership.role]}
        )


INVITATION = Workflow(
    "invitation",
    states=S,
    transitions=[
        Transition(
            "accept",
            sources=(S.PENDING,),
            target=S.ACCEPTED,
            label=_("Accepter l'invitation"),
            permission=is_invitee,
            guards=(_not_expired,),
            prepare=(_note_acceptance,),
            effects=(_join,),
            denied_message=_(
                "Cette invitation est adressée à une autre adresse électronique que celle de votre compte."
            ),
            state_message=_("Cette invitation n'est plus valable (%(state)s)."),
        ),
        Transition(
            "revoke",
            sources=(S.PENDING,),
            target=S.REVOKED,
            label=_("Révoquer"),
            permission=can_manage_invitations,
            prepare=(_note_revocation,),
            is_negative=True,
            denied_message=_("Seuls les administrateurs de l'équipe révoquent ses invitations."),
            state_message=_("Cette invitation ne peut plus être révoquée (%(state)s)."),
        ),
    ],
)

"""An organisation's membership of an ecosystem, as a workflow of the kernel (essaim/core/workflow.py).

The leader's staff invite an organisation (`services.membership_invite`); its admins accept or
decline. The leader's staff withdraw an invitation, remove a member, invite again an
organisation that declined or left; a member's admins may leave. Accepting adds the programmes
the organisation brings to the ecosystem's member programmes (`Ecosystem.members`, which the
events, orientation and directory read); removal and leaving take all its programmes out.
Every move is logged once in the activity log.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.ecosystems.enums import MembershipState as S
from essaim.ecosystems.rules import can_answer_invitation, can_manage_ecosystem

LEADER_ONLY = _("Seule l'équipe de la structure qui anime l'écosystème fait cette action.")
INVITED_ONLY = _("Seuls les administrateurs de l'organisation invitée répondent à l'invitation.")
CLOSED = (S.DECLINED, S.WITHDRAWN, S.REMOVED, S.LEFT)


def _stamp(membership, ctx) -> None:
    membership.state_changed_at = timezone.now()


def _contact_is_who_accepts(membership, ctx) -> None:
    if membership.contact_id is None and getattr(ctx.by, "is_authenticated", False):
        membership.contact = ctx.by


def _join_programmes(membership, ctx) -> None:
    membership.ecosystem.members.add(*membership.programmes.all())


def _leave_programmes(membership, ctx) -> None:
    ecosystem = membership.ecosystem
    ecosystem.members.remove(*ecosystem.members.filter(organisation_id=membership.organisation_id))


MEMBERSHIP = Workflow(
    "ecosystem_membership",
    states=S,
    transitions=[
        Transition(
            "accept",
            sources=(S.INVITED,),
            target=S.ACTIVE,
            label=_("Accepter l'invitation"),
            permission=can_answer_invitation,
            prepare=(_stamp, _contact_is_who_accepts),
            effects=(_join_programmes,),
            denied_message=INVITED_ONLY,
        ),
        Transition(
            "decline",
            sources=(S.INVITED,),
            target=S.DECLINED,
            label=_("Décliner l'invitation"),
            permission=can_answer_invitation,
            prepare=(_stamp,),
            is_negative=True,
            denied_message=INVITED_ONLY,
        ),
        Transition(
            "withdraw",
            sources=(S.INVITED,),
            target=S.WITHDRAWN,
            label=_("Retirer l'invitation"),
            permission=can_manage_ecosystem,
            prepare=(_stamp,),
            is_negative=True,
            denied_message=LEADER_ONLY,
        ),
        Transition(
            "remove",
            sources=(S.ACTIVE,),
            target=S.REMOVED,
            label=_("Retirer de l'écosystème"),
            permission=can_manage_ecosystem,
            prepare=(_stamp,),
            effects=(_leave_programmes,),
            is_negative=True,
            denied_message=LEADER_ONLY,
        ),
        Transition(
            "leave",
            sources=(S.ACTIVE,),
            target=S.LEFT,
            label=_("Quitter l'écosystème"),
            permission=can_answer_invitation,
            prepare=(_stamp,),
            effects=(_leave_programmes,),
            is_negative=True,
            denied_message=_(
                "Seuls les administrateurs de l'organisation membre la font quitter l'écosystème."
            ),
        ),
        Transition(
            "reinvite",
            sources=CLOSED,
            target=S.INVITED,
            label=_("Inviter à nouveau"),
            permission=can_manage_ecosystem,
            prepare=(_stamp,),
            denied_message=LEADER_ONLY,
        ),
    ],
)

"""The state machine of a registry conflict, on the kernel (essaim/core/workflow.py): staff of
the programme say which side is right, once, with an optional remark."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.registry import rules
from essaim.registry.enums import ConflictState

S = ConflictState


def _stamp(conflict, ctx):
    conflict.resolved_at = ctx.params.get("now") or timezone.now()
    conflict.resolved_by = ctx.by if getattr(ctx.by, "is_authenticated", False) else None
    conflict.note = ctx.comment


DENIED = _("Seule l'équipe du dispositif qui accompagne l'entreprise tranche cet écart.")
DONE = _("Cet écart est déjà tranché.")

CONFLICT = Workflow(
    "registry.conflict",
    states=ConflictState,
    transitions=[
        Transition(
            "accept_registry",
            (S.OPEN,),
            S.REGISTRY_RIGHT,
            _("Le registre a raison"),
            permission=rules.can_resolve_conflict,
            prepare=(_stamp,),
            denied_message=DENIED,
            state_message=DONE,
        ),
        Transition(
            "keep_declared",
            (S.OPEN,),
            S.DECLARED_RIGHT,
            _("La déclaration a raison"),
            permission=rules.can_resolve_conflict,
            prepare=(_stamp,),
            is_negative=True,
            denied_message=DENIED,
            state_message=DONE,
        ),
    ],
)

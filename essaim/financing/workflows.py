"""The status of a financing resource, as a workflow of the kernel (essaim/core/workflow.py).

A resource is planned, asked of a funder, granted or refused, then paid. Granted and paid
resources are the secured ones that close a plan, and a closed plan opens the creation stage
of the accompaniment pipeline: every move is made by the staff of the project's programme
(`rules.can_move_resource`) and logged once in the activity log. The date given with a move
is the date of the request, of the funder's decision or of the payment.
"""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.financing.enums import ResourceStatus as S
from essaim.financing.rules import can_move_resource

# Which date a move records, by the status it reaches.
DATE_FIELD = {
    S.REQUESTED: "requested_on",
    S.GRANTED: "decided_on",
    S.REFUSED: "decided_on",
    S.PAID: "paid_on",
}


def _record_date(resource, ctx) -> None:
    """The request, decision or payment date given with the move (checked by the service)."""
    day = ctx.params.get("on")
    field = DATE_FIELD.get(resource.status)
    if day is not None and field:
        setattr(resource, field, day)


def _move(name: str, sources, target, label, *, negative: bool = False) -> Transition:
    return Transition(
        name,
        sources=tuple(sources),
        target=target,
        label=label,
        permission=can_move_resource,
        prepare=(_record_date,),
        is_negative=negative,
        denied_message=_(
            "Seule l'équipe du dispositif qui accompagne le projet modifie son plan de financement."
        ),
        state_message=_("Ce changement de statut n'est pas possible pour cette ressource."),
    )


RESOURCE = Workflow(
    "financing_resource",
    states=S,
    state_field="status",
    transitions=[
        _move("request", [S.PLANNED], S.REQUESTED, _("Demandée")),
        _move("grant", [S.PLANNED, S.REQUESTED], S.GRANTED, _("Accordée")),
        _move("refuse", [S.PLANNED, S.REQUESTED, S.GRANTED], S.REFUSED, _("Refusée"), negative=True),
        # Founders' money and earned revenue are paid without being asked of anyone.
        _move("pay", [S.PLANNED, S.REQUESTED, S.GRANTED], S.PAID, _("Versée")),
        _move("withdraw", [S.REQUESTED], S.PLANNED, _("Prévue (demande retirée)"), negative=True),
        _move("reopen", [S.GRANTED, S.REFUSED], S.REQUESTED, _("Demandée (décision annulée)"), negative=True),
    ],
)


def transition_to(resource, status: str) -> Transition | None:
    """The move that takes `resource` from its status to `status` (one at most), or None."""
    current = RESOURCE.state_of(resource)
    for transition in RESOURCE.transitions.values():
        if transition.target == status and current in transition.sources:
            return transition
    return None

"""The two state machines of the business flows (essaim/core/workflow.py, decision 0019).

`REQUEST`, a buyer's request: written as a draft, submitted for moderation, approved (then
routed to the first batch of matching suppliers: `routing.route_batch`) or refused with a
reason; closed by the buyer, or by the task worker once the deadline has passed (the survey
follows, `reminders.due_surveys`).

`ROUTING`, one supplier's path through one request, as le marché de l'inclusion records it:
notified → viewed → interested → responded, or not interested (with a reason) at any point
before responding; a supplier who declined may change its mind while the request is open.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.business import notices
from essaim.business.enums import DeclineReason, RequestState, RoutingState
from essaim.business.routing import route_batch
from essaim.business.rules import can_answer_routing, can_manage_request, can_moderate_request
from essaim.core.workflow import Transition, Workflow, anyone

R = RequestState
S = RoutingState


def _published(request, ctx) -> None:
    request.published_at = timezone.now()


def _route_first_batch(request, ctx) -> None:
    route_batch(request, by=ctx.by)


def _notify_buyer_moderated(request, ctx) -> None:
    notices.request_moderated(request, approved=ctx.transition.name == "approve", comment=ctx.comment)


def _notify_moderators(request, ctx) -> None:
    notices.request_submitted(request)


def _request_is_open(routing, ctx) -> str | None:
    if routing.request.state != R.OPEN:
        return _("Cette demande n'est plus ouverte.")
    return None


def _reason_given(routing, ctx) -> str | None:
    reason = ctx.params.get("reason", "")
    if reason not in DeclineReason.values:
        return _("Choisissez la raison pour laquelle vous n'êtes pas intéressé.")
    return None


def _stamp(routing, ctx) -> None:
    routing.state_changed_at = timezone.now()
    routing.reason = ctx.params.get("reason", "") if routing.state == S.NOT_INTERESTED else ""
    if routing.viewed_at is None:
        routing.viewed_at = routing.state_changed_at


REQUEST = Workflow(
    "business_request",
    states=R,
    transitions=[
        Transition(
            "submit",
            sources=(R.DRAFT, R.REJECTED),
            target=R.PENDING,
            label=gettext_lazy("Envoyer en modération"),
            permission=can_manage_request,
            effects=(_notify_moderators,),
        ),
        Transition(
            "approve",
            sources=(R.PENDING,),
            target=R.OPEN,
            label=gettext_lazy("Valider et diffuser"),
            permission=can_moderate_request,
            prepare=(_published,),
            effects=(_route_first_batch, _notify_buyer_moderated),
            denied_message=gettext_lazy("Seule l'équipe qui modère cette demande la valide."),
        ),
        Transition(
            "reject",
            sources=(R.PENDING,),
            target=R.REJECTED,
            label=gettext_lazy("Refuser"),
            permission=can_moderate_request,
            effects=(_notify_buyer_moderated,),
            needs_comment=True,
            is_negative=True,
            comment_message=gettext_lazy("Dites à l'acheteur pourquoi la demande est refusée."),
            denied_message=gettext_lazy("Seule l'équipe qui modère cette demande la refuse."),
        ),
        Transition(
            "close",
            sources=(R.OPEN,),
            target=R.CLOSED,
            label=gettext_lazy("Clôturer la demande"),
            permission=can_manage_request,
            is_negative=True,
        ),
        Transition(
            "expire",  # the task worker, once the deadline has passed
            sources=(R.OPEN,),
            target=R.CLOSED,
            label=gettext_lazy("Clôturer à la date limite"),
            permission=anyone,
        ),
    ],
)

OPEN_STEPS = (S.NOTIFIED, S.VIEWED, S.INTERESTED)

ROUTING = Workflow(
    "business_routing",
    states=S,
    transitions=[
        Transition(
            "view",
            sources=(S.NOTIFIED,),
            target=S.VIEWED,
            label=gettext_lazy("Marquer comme vue"),
            permission=can_answer_routing,
            prepare=(_stamp,),
        ),
        Transition(
            "interest",
            sources=(S.NOTIFIED, S.VIEWED, S.NOT_INTERESTED),
            target=S.INTERESTED,
            label=gettext_lazy("Nous sommes intéressés"),
            permission=can_answer_routing,
            guards=(_request_is_open,),
            prepare=(_stamp,),
        ),
        Transition(
            "decline",
            sources=OPEN_STEPS,
            target=S.NOT_INTERESTED,
            label=gettext_lazy("Pas intéressés"),
            permission=can_answer_routing,
            guards=(_reason_given,),
            prepare=(_stamp,),
            is_negative=True,
        ),
        Transition(
            "respond",  # made by `services.response_create`, with the response itself
            sources=OPEN_STEPS,
            target=S.RESPONDED,
            label=gettext_lazy("Répondre"),
            permission=can_answer_routing,
            guards=(_request_is_open,),
            prepare=(_stamp,),
        ),
    ],
)

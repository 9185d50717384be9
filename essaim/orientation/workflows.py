"""What became of a contact request, as a workflow of the kernel (essaim/core/workflow.py).

A request arrives new; its recipients (the staff of the programme's organisation, of the
ecosystem's leader organisation, or the local-authority viewers of the carrier's commune:
`rules.can_handle_contact_request`) mark it answered, turn it into a project, or close it
with a reason. Every move is logged once in the activity log, the reason as its comment (read
by the recipients only); a move may carry a `carrier_note`, the words the carrier reads in their
space. "Turn into a project" is made by `services.contact_request_turn_into_project`, which
creates the project and passes it (`project=`): the move links both.
"""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.orientation.models import ContactState as S
from essaim.orientation.rules import can_handle_contact_request

DENIED = _("Seuls les destinataires d'une demande de contact en changent l'état.")


def _stamp(request, ctx) -> None:
    request.state_changed_at = timezone.now()
    note = (ctx.params.get("carrier_note") or "").strip()
    if note:
        request.carrier_note = note[:2000]


def _link_project(request, ctx) -> None:
    request.project = ctx.params["project"]


def _project_given(request, ctx) -> str | None:
    if ctx.params.get("project") is None:
        return _t("Créez le projet depuis la demande : « Transformer en projet ».")
    return None


CONTACT = Workflow(
    "contact_request",
    states=S,
    transitions=[
        Transition(
            "answer",
            sources=(S.NEW,),
            target=S.ANSWERED,
            label=_("Marquer comme répondue"),
            prepare=(_stamp,),
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
        Transition(
            "turn_into_project",
            sources=(S.NEW, S.ANSWERED),
            target=S.PROJECT,
            label=_("Transformer en projet"),
            guards=(_project_given,),
            prepare=(_stamp, _link_project),
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
        Transition(
            "close",
            sources=(S.NEW, S.ANSWERED),
            target=S.CLOSED,
            label=_("Clore"),
            prepare=(_stamp,),
            permission=can_handle_contact_request,
            needs_comment=True,
            is_negative=True,
            denied_message=DENIED,
            comment_message=_("Indiquez pourquoi la demande est close."),
        ),
        Transition(
            "reopen",
            sources=(S.CLOSED,),
            target=S.NEW,
            label=_("Rouvrir"),
            prepare=(_stamp,),
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
    ],
)

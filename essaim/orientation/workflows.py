"""What became of a contact request, as a workflow of the kernel (essaim/core/workflow.py).

A request arrives new; its recipients (the staff of the programme's organisation, of the
ecosystem's leader organisation, or the local-authority viewers of the carrier's commune:
`rules.can_handle_contact_request`) mark it answered, turn it into a project, or close it
with a reason. Every move is logged once in the activity log, the reason as its comment.
"""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.orientation.models import ContactState as S
from essaim.orientation.rules import can_handle_contact_request

DENIED = _("Seuls les destinataires d'une demande de contact en changent l'état.")

CONTACT = Workflow(
    "contact_request",
    states=S,
    transitions=[
        Transition(
            "answer",
            sources=(S.NEW,),
            target=S.ANSWERED,
            label=_("Marquer comme répondue"),
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
        Transition(
            "turn_into_project",
            sources=(S.NEW, S.ANSWERED),
            target=S.PROJECT,
            label=_("Devenue un projet"),
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
        Transition(
            "close",
            sources=(S.NEW, S.ANSWERED),
            target=S.CLOSED,
            label=_("Clore"),
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
            permission=can_handle_contact_request,
            denied_message=DENIED,
        ),
    ],
)

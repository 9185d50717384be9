"""Moderation of the help board as workflows of the kernel (essaim/core/workflow.py, decision
0019): a post or an answer is visible, hidden by the board's moderators, shown again."""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.peers.enums import Visibility as V
from essaim.peers.rules import can_moderate

MODERATORS_ONLY = _("Seule l'équipe qui anime ce tableau d'entraide modère ses messages.")


def _moves() -> list[Transition]:
    return [
        Transition(
            "hide",
            sources=(V.VISIBLE,),
            target=V.HIDDEN,
            label=_("Masquer"),
            permission=can_moderate,
            is_negative=True,
            denied_message=MODERATORS_ONLY,
        ),
        Transition(
            "show",
            sources=(V.HIDDEN,),
            target=V.VISIBLE,
            label=_("Rendre visible"),
            permission=can_moderate,
            denied_message=MODERATORS_ONLY,
        ),
    ]


POST = Workflow("peers_post", states=V, transitions=_moves())
ANSWER = Workflow("peers_answer", states=V, transitions=_moves())

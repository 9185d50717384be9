"""A kit's life, as a workflow of the kernel (essaim/core/workflow.py): drafted by its owners,
published (others read and copy it), retired (no new copy; existing ones keep their link)."""

from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.replication.enums import KitState as S
from essaim.replication.rules import can_manage_kit

OWNERS_ONLY = _("Seule l'équipe du dispositif porteur du modèle fait cette action.")

KIT = Workflow(
    "replication_kit",
    states=S,
    transitions=[
        Transition(
            "publish",
            sources=(S.DRAFT, S.RETIRED),
            target=S.PUBLISHED,
            label=_("Publier le kit"),
            permission=can_manage_kit,
            denied_message=OWNERS_ONLY,
        ),
        Transition(
            "retire",
            sources=(S.PUBLISHED,),
            target=S.RETIRED,
            label=_("Retirer le kit"),
            permission=can_manage_kit,
            is_negative=True,
            denied_message=OWNERS_ONLY,
        ),
    ],
)

"""A resource's life, as a workflow of the kernel (essaim/core/workflow.py): drafted by its author
programme's staff, published (everyone reads it, others reuse it), archived (no longer listed;
reuses keep their origin), published again."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.library.enums import ResourceState as S
from essaim.library.rules import can_manage_resource

AUTHORS_ONLY = _("Seule l'équipe du dispositif auteur fait cette action.")


def _stamp_version(resource, ctx) -> None:
    """The first publication is version 1; publishing an edit makes a new version."""
    if resource.version == 0 or resource.changed:
        resource.version += 1
    resource.changed = False
    resource.published_at = timezone.now()


RESOURCE = Workflow(
    "library_resource",
    states=S,
    transitions=[
        Transition(
            "publish",
            sources=(S.DRAFT, S.ARCHIVED),
            target=S.PUBLISHED,
            label=_("Publier"),
            permission=can_manage_resource,
            prepare=(_stamp_version,),
            denied_message=AUTHORS_ONLY,
        ),
        Transition(
            "archive",
            sources=(S.DRAFT, S.PUBLISHED),
            target=S.ARCHIVED,
            label=_("Archiver"),
            permission=can_manage_resource,
            is_negative=True,
            denied_message=AUTHORS_ONLY,
        ),
    ],
)

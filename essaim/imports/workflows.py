"""An applied import, as a workflow of the kernel (essaim/core/workflow.py, decision 0019).

A staged file is ready once read; its author asks for the import ("queue": the mapping is kept
and the task worker is asked), the worker starts it ("start"), then the file is applied in one
transaction with its "finish" (done, the report kept) — or nothing is written and it "fail"s
with the problems. A failed import may be asked for again (another mapping, the rights back).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.workflow import Transition, Workflow
from essaim.imports.models import ImportState as S
from essaim.imports.rules import may_apply_staged_import, runs_imports


def _note_queued(staged, ctx) -> None:
    staged.mapping = list(ctx.params["mapping"])
    staged.problems = []
    staged.queued_at, staged.started_at = timezone.now(), None


def _note_started(staged, ctx) -> None:
    staged.started_at = timezone.now()


def _note_done(staged, ctx) -> None:
    # The rows are written into Essaim now: the staged copy is forgotten, the report stays.
    staged.report, staged.rows, staged.applied_at = ctx.params["report"], [], timezone.now()


def _note_failed(staged, ctx) -> None:
    staged.problems = [str(p) for p in ctx.params["problems"]]


IMPORT_RUN = Workflow(
    "import",
    states=S,
    transitions=[
        Transition(
            "queue",
            sources=(S.READY, S.FAILED),
            target=S.QUEUED,
            label=_("Importer"),
            permission=may_apply_staged_import,
            prepare=(_note_queued,),
            state_message=_("Ce fichier a déjà été importé ou est en cours d'import (%(state)s)."),
        ),
        Transition(
            "start",
            sources=(S.QUEUED,),
            target=S.RUNNING,
            label=_("Commencer l'import"),
            permission=runs_imports,
            prepare=(_note_started,),
        ),
        Transition(
            "finish",
            sources=(S.RUNNING,),
            target=S.DONE,
            label=_("Terminer l'import"),
            permission=runs_imports,
            prepare=(_note_done,),
        ),
        Transition(
            "fail",
            sources=(S.QUEUED, S.RUNNING),
            target=S.FAILED,
            label=_("Constater l'échec"),
            permission=runs_imports,
            prepare=(_note_failed,),
            is_negative=True,
        ),
    ],
)

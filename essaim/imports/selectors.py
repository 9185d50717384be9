"""Reads of imports: a staged file the user may work on, and what applying it would do."""

from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accompaniment import rules
from essaim.core.services import ensure
from essaim.imports import plan_budget, plan_carriers, plan_experts, plan_meetings, plan_projects
from essaim.imports.checking import Plan, rows_from
from essaim.imports.models import ImportKind, ImportRun, StagedImport

PLANNERS = {
    ImportKind.PROJECTS: plan_projects.plan,
    ImportKind.CARRIERS: plan_carriers.plan,
    ImportKind.MEETINGS: plan_meetings.plan,
    ImportKind.EXPERTS: plan_experts.plan,
    ImportKind.BUDGET: plan_budget.plan,
}
# Planners that check each row against what the file's author may do (rows naming programmes)
BY_AUTHOR = {ImportKind.BUDGET}
PREVIEW_ROWS = 8


def staged_import_for(user, programme, pk: int) -> StagedImport:
    """A file the user uploaded for `programme` (fetched through the programme: 404 otherwise)."""
    ensure(rules.can_import_into_programme, user, programme)
    staged = StagedImport.objects.filter(programme=programme, created_by=user, pk=pk).first()
    if staged is None:
        raise Http404(_("Fichier introuvable : il a peut-être été effacé après un jour."))
    staged.programme = programme
    return staged


def plan_for(staged: StagedImport, mapping: list[str]) -> Plan:
    """What applying the staged file with `mapping` would do (reads only)."""
    rows, columns = rows_from(staged, mapping)
    extra = {"by": staged.created_by} if staged.kind in BY_AUTHOR else {}
    return PLANNERS[staged.kind](programme=staged.programme, rows=rows, columns=columns, **extra)


def recent_imports(programme, limit: int = 10):
    return ImportRun.objects.filter(programme=programme).select_related("by")[:limit]

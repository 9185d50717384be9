"""A person's data in imports: the files they uploaded and have not applied yet (and the reports
of those they applied), kept a day (retention `staged_imports`). The rows of a file name other
people too (carriers, experts): they go with the file, at the latest a day after the upload.
Import runs keep counts only (declared in apps.py)."""

from django.utils.translation import gettext_lazy as _

from essaim.core.retention import purger
from essaim.imports.models import ImportRun, StagedImport


def export_for(*, user) -> dict:
    return {
        "staged_imports": [
            {
                "programme": s.programme.slug,
                "kind": s.kind,
                "filename": s.filename,
                "rows": len(s.rows),
                "state": s.state,
                "uploaded_at": s.created_at.isoformat(),
                "applied_at": s.applied_at.isoformat() if s.applied_at else None,
            }
            for s in StagedImport.objects.filter(created_by=user).select_related("programme")
        ],
        "imports": [
            {"kind": kind, "filename": filename, "counts": counts, "at": at.isoformat()}
            for kind, filename, counts, at in ImportRun.objects.filter(by=user).values_list(
                "kind", "filename", "counts", "created_at"
            )
        ],
    }


def erase_for(*, user) -> int:
    deleted, _per_model = StagedImport.objects.filter(created_by=user).delete()
    return deleted


@purger("staged_imports", _("fichiers déposés pour un import"), _("après leur dépôt"))
def _staged_imports(cutoff):
    return [StagedImport.objects.filter(created_at__lt=cutoff)]

"""The task worker applies staged files (docs/imports.md): 5,000 rows take about 12 seconds,
too long for a request. Tasks receive ids, never objects."""

from django.utils.translation import gettext as _
from django_tasks import task

from essaim.core.actors import IMPORT
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.imports import services
from essaim.imports.models import ImportState, StagedImport


@task()
def apply_staged_import(staged_id: int) -> str:
    """Start the file, apply it (all or nothing), and say how it ended: done with its report, or
    failed with the problems (an unexpected error fails it too, then reaches the worker's log).
    A file that is no longer queued (deleted, taken by another worker) is left alone."""
    staged = StagedImport.objects.filter(pk=staged_id, state=ImportState.QUEUED).first()
    if staged is None:
        return "not queued"
    staged = services.import_start_run(by=IMPORT, staged=staged)
    try:
        services.import_apply(by=IMPORT, staged=staged)
    except (ValidationError, PermissionDenied) as exc:
        services.import_fail(by=IMPORT, staged=staged, problems=_messages(exc))
        return ImportState.FAILED.value
    except Exception:
        services.import_fail(by=IMPORT, staged=staged, problems=[_unexpected()])
        raise
    return ImportState.DONE.value


def _messages(exc) -> list[str]:
    messages = getattr(exc, "messages", None)
    return [str(m) for m in messages] if messages else [str(exc)]


def _unexpected() -> str:
    return _(
        "L'import s'est interrompu sur une erreur inattendue ; rien n'a été enregistré. "
        "Réessayez, ou écrivez à l'équipe d'Essaim si cela se reproduit."
    )

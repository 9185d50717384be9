"""Who may move an import (essaim/imports/workflows.py): the file's author, while they may import
into its programme, asks for it; the task worker (a system actor) runs it."""

import rules

from essaim.accompaniment.rules import can_import_into_programme, is_system_actor


@rules.predicate
def may_apply_staged_import(user, staged) -> bool:
    """The author of the staged file, still allowed to import into its programme."""
    if staged is None or not user.is_authenticated or staged.created_by_id != user.pk:
        return False
    return can_import_into_programme(user, staged.programme)


# The task worker's moves (start, finish, fail) are a system actor's (`essaim.core.actors.IMPORT`).
runs_imports = is_system_actor

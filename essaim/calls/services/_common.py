"""What the services of this app share: a workflow move that keeps the caller's object current."""

from essaim.core.workflow import Workflow


def _move(workflow: Workflow, obj, name: str, *, by, comment: str = "", **params):
    """Make the move through the kernel (which locks and re-reads the row), then copy the new
    values onto the caller's instance so that it stays current. Returns the caller's instance."""
    moved = workflow.apply(obj, name, by=by, comment=comment, **params)
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(moved, field.attname))
    obj.last_move = moved.last_move
    return obj


def _person(by):
    """The user behind `by`, for `created_by` columns (None for a system actor or anonymous)."""
    return by if getattr(by, "is_authenticated", False) and getattr(by, "pk", None) else None

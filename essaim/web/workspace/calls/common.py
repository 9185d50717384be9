"""What the calls pages share: the outcome of a service in a flash message, a workflow's
history in words, the staff-only gate of the lists and creation forms."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages

from essaim.calls import rules
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.core.workflow import Workflow


def require_staff(user) -> None:
    if not rules.can_run_calls(user):
        raise PermissionDenied


def flash_error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def run_service(request, form, action, success: str | None) -> bool:
    """Validate the form, call the service, put the outcome in a flash message (the caller
    writes the success message itself when `success` is None)."""
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        flash_error(request, exc)
        return False
    if success:
        messages.success(request, success)
    return True


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    actor: str
    from_label: str
    to_state: str
    to_label: str
    comment: str


def history(workflow: Workflow, obj) -> list[LogEntry]:
    """The moves of `obj`, oldest first, in words (one query)."""
    return [
        LogEntry(
            at=event.at,
            actor=event.actor_label,
            from_label=workflow.state_label(event.from_state) if event.from_state else "—",
            to_state=event.to_state,
            to_label=workflow.state_label(event.to_state),
            comment=event.comment,
        )
        for event in workflow.log(obj)
    ]

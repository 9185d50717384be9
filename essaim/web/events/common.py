"""What the events pages share: the staff gate, the outcome of a service in a flash message."""

from django.contrib import messages

from essaim.core.errors import PermissionDenied, ValidationError
from essaim.events import selectors


def require_organiser(user) -> list:
    """The owners the user may create events for; 403 for everyone else."""
    owners = selectors.creatable_owners(user)
    if not owners:
        raise PermissionDenied
    return owners


def run(request, action, success: str) -> bool:
    """Call `action()`; a refusal of the domain becomes an error message, never a 500."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True

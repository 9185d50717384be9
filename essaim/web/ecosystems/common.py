"""What the ecosystem workspace pages share: the outcome of a service in a flash message."""

from django.contrib import messages

from essaim.core.errors import ValidationError


def run(request, action, success: str) -> bool:
    """Call `action()`; a refusal of the domain becomes an error message, never a 500."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True

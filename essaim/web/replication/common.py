"""What the replication pages share: a service call whose refusal becomes the form's errors."""

from essaim.core.errors import ValidationError
from essaim.web.events.forms import add_service_errors


def attempt(form, action):
    """`action()`'s result, or None with the service's ValidationError attached to the form."""
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None

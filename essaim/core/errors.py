"""The one pair of exceptions that every write service raises.

`PermissionDenied` (the actor may not do this) and `ValidationError` (the data or the state
refuse it, with a French message) are Django's own, so that forms, `full_clean` and the
services speak the same language. They are mapped once for the web
(`essaim.core.middleware.ServiceErrorMiddleware`: a 403 or 400 page) and once for the API
(`essaim.api.errors.install`: a JSON 403 or 400). `TransitionNotAllowed` is the
`ValidationError` of a workflow move that the current state does not allow.
"""

from django.core.exceptions import PermissionDenied, ValidationError


class TransitionNotAllowed(ValidationError):
    """A workflow move that the current state (or a guard) refuses; its message is for people."""


def messages_of(exc: ValidationError) -> list[str]:
    """The messages of a ValidationError, flattened, as strings."""
    return [str(message) for message in exc.messages]


def field_errors(exc: ValidationError) -> dict[str, str]:
    """{field: first message}; errors without a field come under `__all__`."""
    if hasattr(exc, "error_dict"):
        return {field: str(ValidationError(errors).messages[0]) for field, errors in exc.error_dict.items()}
    return {}


__all__ = ["PermissionDenied", "ValidationError", "TransitionNotAllowed", "messages_of", "field_errors"]

"""What the business pages share: a service's refusal as a message, form errors from a service."""

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


def add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def saved(form, call) -> object | None:
    """`call()` when the form is valid; its result, or None with the service's errors on the form."""
    if not form.is_valid():
        return None
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None

"""essaim.core.errors: the exceptions of the write services and how their messages are read."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError

from essaim.core.errors import (
    PermissionDenied,
    TransitionNotAllowed,
    ValidationError,
    field_errors,
    messages_of,
)


def test_the_exceptions_are_djangos():
    assert PermissionDenied is DjangoPermissionDenied
    assert ValidationError is DjangoValidationError
    assert issubclass(TransitionNotAllowed, DjangoValidationError)
    exc = TransitionNotAllowed("Ce projet est déjà clos.")
    assert exc.messages == ["Ce projet est déjà clos."]


def test_messages_of_flattens_a_message_a_list_and_a_dict():
    assert messages_of(ValidationError("Un seul.")) == ["Un seul."]
    assert messages_of(ValidationError(["Premier.", "Second."])) == ["Premier.", "Second."]
    assert sorted(messages_of(ValidationError({"name": ["Vide."], "year": ["Trop tôt.", "Invalide."]}))) == [
        "Invalide.",
        "Trop tôt.",
        "Vide.",
    ]
    assert messages_of(ValidationError("%(n)s jours", params={"n": 3})) == ["3 jours"]


def test_field_errors_keeps_the_first_message_of_each_field():
    exc = ValidationError({"name": ["Vide.", "Trop court."], "__all__": ["Refusé."]})
    assert field_errors(exc) == {"name": "Vide.", "__all__": "Refusé."}


def test_field_errors_of_an_error_without_fields_is_empty():
    assert field_errors(ValidationError("Refusé.")) == {}
    assert field_errors(ValidationError(["Un.", "Deux."])) == {}
    assert field_errors(TransitionNotAllowed("Déjà clos.")) == {}

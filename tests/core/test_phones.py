"""Telephone numbers as French people type them: normalised, or refused with a French message."""

import pytest
from django.core.exceptions import ValidationError

from essaim.core.forms import PhoneField
from essaim.core.phones import e164, normalise, normalised, validate_phone

MESSAGE = (
    "Numéro de téléphone non reconnu. Écrivez-le comme « 04 67 12 34 56 », ou avec "
    "l'indicatif pour l'outre-mer et l'étranger (« +262 262 21 23 45 »)."
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    sorted(
        {
            "04 67 12 34 56": "04 67 12 34 56",
            "0467123456": "04 67 12 34 56",
            "04.67.12.34.56": "04 67 12 34 56",
            "+33 4 67 12 34 56": "04 67 12 34 56",
            "+33 (0)4 67 12 34 56": "04 67 12 34 56",
            "0033 4 67 12 34 56": "04 67 12 34 56",
            " 06-12-34-56-78 ": "06 12 34 56 78",
            "0262 21 23 45": "0262 21 23 45",  # La Réunion, typed nationally
            "+262 262 21 23 45": "0262 21 23 45",
            "0692 12 34 56": "0692 12 34 56",
            "0269 61 12 34": "0269 61 12 34",  # Mayotte
            "+590 590 27 12 34": "0590 27 12 34",  # Guadeloupe
            "0694 20 12 34": "0694 20 12 34",  # Guyane
            "+508 41 19 73": "+508 41 19 73",  # Saint-Pierre-et-Miquelon
            "+687 25 23 84": "+687 25 23 84",  # Nouvelle-Calédonie
            "+689 87 12 34 56": "+689 87 12 34 56",  # Polynésie française
            "+44 20 7946 0958": "+44 20 7946 0958",
            "3949": "3949",  # a short service number
        }.items()
    ),
)
def test_what_people_type_is_normalised(typed, stored):
    assert normalised(typed) == stored
    assert normalise(typed) == stored
    validate_phone(stored)


@pytest.mark.parametrize(
    "typed",
    sorted(
        ["pas un numéro !!", "12", "04 67 12", "0467123456789", "+33 9 99", "04 67 12 34 56 / 06 12 34 56 78"]
    ),
)
def test_what_is_not_a_number_is_refused_in_french(typed):
    assert normalised(typed) is None
    with pytest.raises(ValidationError) as exc:
        normalise(typed, field="phone")
    assert exc.value.message_dict == {"phone": [MESSAGE]}
    with pytest.raises(ValidationError) as exc:
        validate_phone(typed)
    assert exc.value.messages == [MESSAGE]


def test_e164_and_blank():
    assert e164("04 67 12 34 56") == "+33467123456"
    assert e164("0262 21 23 45") == "+262262212345"
    assert e164("pas un numéro") is None
    assert normalise("  ") == ""
    validate_phone("")


def test_phone_form_field():
    field = PhoneField(required=False)
    assert field.clean("0467123456") == "04 67 12 34 56"
    assert field.clean("") == ""
    assert (field.widget.input_type, field.widget.attrs) == (
        "tel",
        {"autocomplete": "tel", "maxlength": "60"},
    )
    with pytest.raises(ValidationError) as exc:
        field.clean("pas un numéro !!")
    assert exc.value.messages == [MESSAGE]

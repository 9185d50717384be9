"""Telephone numbers as French people type them, checked with `phonenumbers` (libphonenumber).

Accepted: "04 67 12 34 56", "0467123456", "+33 4 67 12 34 56", "0033 4 67…", overseas numbers
typed nationally ("0262 21 23 45", "0690 12 34 56") or with their code ("+262 …", "+508 …",
"+590 …", "+687 …", "+689 …"), and foreign numbers with their "+" code.

Stored in the form it is shown (so every template, e-mail and export stays right without a
filter): the French national format for the French numbering plan, metropolitan and overseas
departments alike ("04 67 12 34 56", "0262 21 23 45"), dialable from anywhere in France; the
international format otherwise ("+687 28 12 34"); French four-digit service numbers ("3949") as
they are. `tel:` links drop the spaces.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LENGTH = 30
# Typed without a "+": the overseas departments first, since their national prefixes
# (0262, 0590, 0694…) are not valid metropolitan numbers; metropolitan France last.
NATIONAL_REGIONS = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF", "FR")
# Country codes dialled from France with a 0 like a metropolitan number.
FRENCH_PLAN = {33, 262, 590, 594, 596}
# French short service numbers ("3949" for France Travail, "3430"…): kept as they are.
SHORT_NUMBER = re.compile(r"3[0-9]{3}")


def invalid_message() -> str:
    return _(
        "Numéro de téléphone non reconnu. Écrivez-le comme « 04 67 12 34 56 », ou avec "
        "l'indicatif pour l'outre-mer et l'étranger (« +262 262 21 23 45 »)."
    )


def _parse(text: str) -> phonenumbers.PhoneNumber | None:
    text = text.strip()
    if not text or len(text) > MAX_LENGTH * 2:
        return None
    regions = ("FR",) if text.startswith(("+", "00")) else NATIONAL_REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return number
    return None


def formatted(number: phonenumbers.PhoneNumber) -> str:
    if number.country_code in FRENCH_PLAN:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return text.replace(".", " ").replace("-", " ")


def normalised(text: str) -> str | None:
    """The number in its stored form, or None when it is not a telephone number."""
    if SHORT_NUMBER.fullmatch(text.strip()):
        return text.strip()
    number = _parse(text)
    return formatted(number) if number is not None else None


def normalise(text: str, *, field: str | None = None) -> str:
    """For forms and services: "" for an empty value, the stored form, or a ValidationError
    (on `field` when given) with a French message."""
    if not (text or "").strip():
        return ""
    result = normalised(text)
    if result is None:
        raise ValidationError(
            {field: invalid_message()} if field else invalid_message(), code="invalid_phone"
        )
    return result


def e164(text: str) -> str | None:
    """The number as +33467123456 (for links and exchanges), or None."""
    number = _parse(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None


def validate_phone(value: str) -> None:
    """A model validator: `validators=[validate_phone]`; blank values are not validated."""
    if value and normalised(value) is None:
        raise ValidationError(invalid_message(), code="invalid_phone")

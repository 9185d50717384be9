"""Decimal numbers read from people: never an exception other than ValidationError.

`Decimal.quantize` raises `decimal.InvalidOperation` once the result needs more than the
context's 28 digits, so a 27-digit amount typed in a form used to end in a 500. Check the
magnitude first (`fits`), then quantize: a number that fits a column always quantizes.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def fits(number: Decimal, *, max_digits: int, decimal_places: int) -> bool:
    """Whether `number`, rounded to `decimal_places`, fits a DecimalField(max_digits, decimal_places)."""
    return abs(number) < Decimal(10) ** (max_digits - decimal_places) - Decimal("0.5").scaleb(-decimal_places)


def too_large_message(*, max_digits: int, decimal_places: int) -> str:
    return _("Nombre trop grand. Au plus %(digits)s chiffres avant la virgule.") % {
        "digits": max_digits - decimal_places
    }


def bounded(number: Decimal, *, field: str, max_digits: int, decimal_places: int) -> Decimal:
    """`number` rounded to the column's decimals; ValidationError on `field` when it does not fit."""
    if not fits(number, max_digits=max_digits, decimal_places=decimal_places):
        raise ValidationError(
            {field: too_large_message(max_digits=max_digits, decimal_places=decimal_places)}
        )
    return number.quantize(Decimal(1).scaleb(-decimal_places))

"""Euro amounts typed by people ("12 500,50 €"), read into Decimals or refused in French."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from essaim.core.numbers import fits, too_large_message

_SPACES = re.compile(r"[\s\u00a0\u202f€]")


def parse_amount(value, *, field: str = "amount") -> Decimal:
    """A euro amount from a number or French text ("12 500,50 €"); ValidationError otherwise."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = _SPACES.sub("", str(value or "")).replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(
            {
                field: _("« %(value)s » n'est pas un montant : saisissez un nombre, ex. 12 500,50.")
                % {"value": value}
            }
        )
    if amount < 0:
        raise ValidationError({field: _("Le montant doit être positif ou nul.")})
    if not fits(amount, max_digits=12, decimal_places=2):  # FinancingNeed/Resource.amount
        raise ValidationError({field: too_large_message(max_digits=12, decimal_places=2)})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Le montant a au plus deux décimales (centimes).")})
    return amount.quantize(Decimal("0.01"))

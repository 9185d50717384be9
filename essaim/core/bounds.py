"""The bounds every number typed by people keeps to, shared by models, forms and API schemas.

Issue 10 §6: jobs 0 … 10,000; amounts above 0 and below 10^12 with at most two decimals; years
and dates within `essaim.core.dates` (1900 … ten years from today); hours, minutes, days and
percentages within what a week, a month or a programme can hold. Model fields take `validators=bounds.JOBS` (and so on); forms
built from models show them (`essaim.core.forms.ShowBounds`); API schemas use the same numbers
(`essaim.api.schemas.types.bounded_int`). `tests/test_bounds.py` fails on a number without one.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from essaim.core.dates import EARLIEST, latest_year, validate_plausible

JOBS_MAX = 10_000
AMOUNT_MIN = Decimal("0.01")
AMOUNT_MAX = Decimal("999999999999.99")  # below 10^12, two decimals
HOURS_MAX = 2_000  # a year of full-time work
MINUTES_PER_DAY = 24 * 60
# Texts typed in a text area: forms show the limit (`essaim.core.forms.LongTextField`), the API
# schemas declare it (`maxLength`).
LONG_TEXT = 5_000
COMMENT = 2_000


def between(low, high) -> list:
    """Validators keeping a value within [low, high], with French messages."""
    return [
        MinValueValidator(low, message=_("La valeur doit être au moins %(limit_value)s.")),
        MaxValueValidator(high, message=_("La valeur doit être au plus %(limit_value)s.")),
    ]


JOBS = between(0, JOBS_MAX)  # a headcount or full-time equivalents
PERCENT = between(0, 100)
YEAR = between(EARLIEST.year, latest_year)  # the upper bound moves with the calendar
HOURS = between(0, HOURS_MAX)
DAYS = between(1, 365)
LATITUDE = between(-90, 90)
LONGITUDE = between(-180, 180)
DATE = [validate_plausible]
AMOUNT = [
    MinValueValidator(AMOUNT_MIN, message=_("Le montant doit être supérieur à 0.")),
    MaxValueValidator(AMOUNT_MAX, message=_("Le montant doit être inférieur à 1 000 milliards.")),
]


def limits(validators) -> tuple:
    """(minimum, maximum) given by a field's Min/MaxValueValidators (None when absent); a
    callable limit (`latest_year`) is read now."""
    low = next((v.limit_value for v in validators if isinstance(v, MinValueValidator)), None)
    high = next((v.limit_value for v in validators if isinstance(v, MaxValueValidator)), None)
    return tuple(limit() if callable(limit) else limit for limit in (low, high))

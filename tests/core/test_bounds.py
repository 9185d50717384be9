"""essaim.core.bounds: the shared validators and the limits read from them.

That every model field has bounds is checked by tests/test_bounds.py; this module tests the
bounds themselves.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from essaim.core import bounds
from essaim.core.dates import latest_year


def _run(validators, value) -> list[str]:
    """The messages the validators give for `value` ([] when it passes)."""
    messages = []
    for validator in validators:
        try:
            validator(value)
        except ValidationError as exc:
            messages.extend(exc.messages)
    return messages


def test_between_gives_a_minimum_and_a_maximum_with_french_messages():
    low, high = bounds.between(3, 8)
    assert isinstance(low, MinValueValidator) and low.limit_value == 3
    assert isinstance(high, MaxValueValidator) and high.limit_value == 8
    assert _run([low, high], 3) == []
    assert _run([low, high], 8) == []
    assert _run([low, high], 2) == ["La valeur doit être au moins 3."]
    assert _run([low, high], 9) == ["La valeur doit être au plus 8."]


@pytest.mark.parametrize(
    ("validators", "expected"),
    [
        (bounds.JOBS, (0, 10_000)),
        (bounds.PERCENT, (0, 100)),
        (bounds.HOURS, (0, 2_000)),
        (bounds.DAYS, (1, 365)),
        (bounds.LATITUDE, (-90, 90)),
        (bounds.LONGITUDE, (-180, 180)),
        (bounds.AMOUNT, (Decimal("0.01"), Decimal("999999999999.99"))),
        (bounds.DATE, (None, None)),
        ([], (None, None)),
        ([MaxValueValidator(5)], (None, 5)),
        ([MinValueValidator(-1)], (-1, None)),
    ],
)
def test_limits(validators, expected):
    assert bounds.limits(validators) == expected


def test_the_year_bound_is_read_when_asked():
    assert bounds.limits(bounds.YEAR) == (1900, latest_year())
    assert _run(bounds.YEAR, 1899) == ["La valeur doit être au moins 1900."]
    assert _run(bounds.YEAR, latest_year() + 1) == [f"La valeur doit être au plus {latest_year()}."]


def test_amounts_above_zero_and_below_a_thousand_billion():
    assert _run(bounds.AMOUNT, Decimal("0.01")) == []
    assert _run(bounds.AMOUNT, bounds.AMOUNT_MAX) == []
    assert _run(bounds.AMOUNT, Decimal("0")) == ["Le montant doit être supérieur à 0."]
    assert _run(bounds.AMOUNT, Decimal("1000000000000")) == [
        "Le montant doit être inférieur à 1 000 milliards."
    ]


def test_jobs_and_percentages():
    assert _run(bounds.JOBS, 10_001) == ["La valeur doit être au plus 10000."]
    assert _run(bounds.PERCENT, -1) == ["La valeur doit être au moins 0."]
    assert bounds.MINUTES_PER_DAY == 1440

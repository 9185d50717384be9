"""essaim.core.numbers: decimals typed by people fit their column or get a French message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from essaim.core.numbers import bounded, fits, too_large_message


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (Decimal("0"), True),
        (Decimal("999.99"), True),
        (Decimal("-999.99"), True),
        (Decimal("999.994"), True),  # rounds to 999.99
        (Decimal("999.995"), False),  # rounds to 1000.00: four digits before the comma
        (Decimal("1000"), False),
        (Decimal("-1000"), False),
        (Decimal("1e30"), False),
    ],
)
def test_fits_a_column_of_five_digits_two_of_them_decimals(number, expected):
    assert fits(number, max_digits=5, decimal_places=2) is expected


def test_fits_without_decimals():
    assert fits(Decimal("99.4"), max_digits=2, decimal_places=0) is True
    assert fits(Decimal("99.5"), max_digits=2, decimal_places=0) is False


def test_too_large_message_counts_the_digits_before_the_comma():
    assert too_large_message(max_digits=5, decimal_places=2) == (
        "Nombre trop grand. Au plus 3 chiffres avant la virgule."
    )
    with translation.override("en"):
        assert too_large_message(max_digits=14, decimal_places=2) == (
            "Number too large. At most 12 digits before the decimal point."
        )


def test_bounded_rounds_to_the_column_decimals():
    assert bounded(Decimal("1.005"), field="v", max_digits=5, decimal_places=2) == Decimal("1.00")
    assert bounded(Decimal("1.015"), field="v", max_digits=5, decimal_places=2) == Decimal("1.02")
    assert bounded(Decimal("7"), field="v", max_digits=5, decimal_places=2) == Decimal("7.00")
    assert str(bounded(Decimal("7"), field="v", max_digits=5, decimal_places=2)) == "7.00"
    assert bounded(Decimal("12.6"), field="v", max_digits=3, decimal_places=0) == Decimal("13")
    assert bounded(Decimal("-999.99"), field="v", max_digits=5, decimal_places=2) == Decimal("-999.99")


@pytest.mark.parametrize("number", [Decimal("999.995"), Decimal("1" + "0" * 40), Decimal("-1e5")])
def test_bounded_refuses_what_does_not_fit_on_its_field(number):
    with pytest.raises(ValidationError) as exc:
        bounded(number, field="amount", max_digits=5, decimal_places=2)
    assert exc.value.message_dict == {"amount": ["Nombre trop grand. Au plus 3 chiffres avant la virgule."]}

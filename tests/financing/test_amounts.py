from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from essaim.financing.amounts import parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 500,50", Decimal("12500.50")),
        ("1\u202f000 €", Decimal("1000.00")),
        (3, Decimal("3.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_parse_amount_reads_french_numbers(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["douze", "", "1e400x", "NaN", "Infinity", None])
def test_parse_amount_refuses_non_numbers(text):
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert "n'est pas un montant" in exc.value.message_dict["amount"][0]


def test_parse_amount_refuses_negative_and_sub_cent():
    with pytest.raises(ValidationError) as exc:
        parse_amount("-5")
    assert exc.value.message_dict == {"amount": ["Le montant doit être positif ou nul."]}
    with pytest.raises(ValidationError):
        parse_amount("1,234")

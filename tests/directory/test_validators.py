import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from essaim.directory.validators import is_fictitious_siret, validate_rna, validate_siren, validate_siret

digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(digits)
def test_siren_with_luhn_check_digit_is_valid(body):
    validate_siren(body + luhn.calc_check_digit(body))


@given(digits, st.integers(min_value=1, max_value=9))
def test_siren_with_wrong_check_digit_is_refused(body, shift):
    wrong = (int(luhn.calc_check_digit(body)) + shift) % 10
    with pytest.raises(ValidationError) as caught:
        validate_siren(f"{body}{wrong}")
    assert caught.value.messages == [
        f"« {body}{wrong} » n'est pas un numéro SIREN valide (9 chiffres, clé de Luhn)."
    ]


def test_siren_accepts_spaces_and_refuses_wrong_length():
    validate_siren("732 829 320")
    with pytest.raises(ValidationError):
        validate_siren("73282932")


@given(digits, st.text(alphabet="0123456789", min_size=4, max_size=4))
def test_siret_with_luhn_check_digits_is_valid(siren_body, nic):
    # A SIRET is a valid SIREN, a 4-digit establishment number, and its own Luhn check digit.
    siren = siren_body + luhn.calc_check_digit(siren_body)
    body = siren + nic
    validate_siret(body + luhn.calc_check_digit(body))


def test_siret_refused_with_french_message():
    validate_siret("732 829 320 00074")
    with pytest.raises(ValidationError) as caught:
        validate_siret("73282932000075")
    assert caught.value.messages == [
        "« 73282932000075 » n'est pas un numéro SIRET valide (14 chiffres, clé de Luhn)."
    ]


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_rna_w_and_nine_digits_is_valid(number):
    validate_rna(f"W{number}")


@pytest.mark.parametrize("value", ["", "W12345678", "W1234567890", "w123456789", "X123456789", "W12345678A"])
def test_rna_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_rna(value)
    assert caught.value.messages == [f"« {value} » n'est pas un numéro RNA valide (W suivi de 9 chiffres)."]


def test_fictitious_range_is_the_000_prefix():
    assert [is_fictitious_siret(v) for v in ["000 012 345 00012", "00001234500012", "732829320", ""]] == [
        True,
        True,
        False,
        False,
    ]

"""Identifiers of French organisations: SIREN, SIRET (Luhn, via python-stdnum) and RNA."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

RNA_RE = re.compile(r"^W\d{9}$")
# SIRENs beginning with 000 are the demo's (docs/demo.md): INSEE publishes no test range, and
# we know of no unit registered with this prefix. Pages mark them "fictif".
FICTITIOUS_SIREN_PREFIX = "000"


def clean_digits(value: str) -> str:
    return re.sub(r"[\s.]", "", value or "")


def is_fictitious_siret(value: str) -> bool:
    """True for a SIREN or SIRET of the demo's fictitious range."""
    return clean_digits(value).startswith(FICTITIOUS_SIREN_PREFIX)


def validate_siren(value: str) -> None:
    try:
        siren.validate(clean_digits(value))
    except StdnumError as exc:
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro SIREN valide (9 chiffres, clé de Luhn)."),
            code="invalid_siren",
            params={"value": value},
        ) from exc


def validate_siret(value: str) -> None:
    try:
        siret.validate(clean_digits(value))
    except StdnumError as exc:
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro SIRET valide (14 chiffres, clé de Luhn)."),
            code="invalid_siret",
            params={"value": value},
        ) from exc


def validate_rna(value: str) -> None:
    if not RNA_RE.match(value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro RNA valide (W suivi de 9 chiffres)."),
            code="invalid_rna",
            params={"value": value},
        )

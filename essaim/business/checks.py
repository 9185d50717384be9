"""Checks shared by the services of offers and requests."""

from django.utils.translation import gettext as _

from essaim.business.enums import Sector
from essaim.core.errors import ValidationError


def check_sectors(sectors, field: str = "sectors") -> list[str]:
    sectors = list(dict.fromkeys(sectors or ()))
    if not sectors:
        raise ValidationError({field: _("Choisissez au moins un secteur.")})
    unknown = [s for s in sectors if s not in Sector.values]
    if unknown:
        raise ValidationError(
            {field: _("Secteur inconnu : %(keys)s.") % {"keys": ", ".join(map(str, unknown))}}
        )
    return sectors

"""Plausible dates: the range every date typed in a form or sent to the API must fall in.

Python accepts years 1 to 9999; a meeting in year 1 or a check-in in 9999 is a typing slip
that would then skew durations, survival curves and reminders. Forms (`essaim.core.forms`)
and API schemas (`essaim.api.schemas.types`) share these bounds.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
# The same range as a JSON Schema pattern, for the OpenAPI document.
DATE_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DATETIME_PATTERN = DATE_PATTERN[:-1] + r"T.*$"


def out_of_range_message() -> str:
    return _("Date invraisemblable : elle doit être comprise entre le %(earliest)s et le %(latest)s.") % {
        "earliest": EARLIEST.strftime("%d/%m/%Y"),
        "latest": LATEST.strftime("%d/%m/%Y"),
    }


def is_plausible(value: dt.date | dt.datetime | None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST <= day <= LATEST


def validate_plausible(value) -> None:
    """A Django validator: `validators=[validate_plausible]`."""
    if not is_plausible(value):
        raise ValidationError(out_of_range_message(), code="implausible_date")

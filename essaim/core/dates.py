"""Plausible dates: the range every date typed in a form or sent to the API must fall in.

Python accepts years 1 to 9999; a meeting in year 1 or a check-in in 9999 is a typing slip
that would then skew durations, survival curves and reminders. Issue 10 §6: a date lies between
1 January 1900 and ten years from today. The upper bound moves with the calendar, so it is
computed when a value is checked, never frozen in a migration: model fields take
`validators=[validate_plausible]` (an instance of the deconstructible `PlausibleDate`, written
in migrations as `essaim.core.dates.PlausibleDate()`), year fields `MaxValueValidator(latest_year)`
(a callable limit). Forms (`essaim.core.forms`: `min`/`max` attributes) and API schemas
(`essaim.api.schemas.types`) share these bounds.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

EARLIEST = dt.date(1900, 1, 1)
HORIZON_YEARS = 10


def _today() -> dt.date:
    return timezone.localdate()


def latest(today: dt.date | None = None) -> dt.date:
    """The last plausible date: today ten years on (28 February for a 29 February)."""
    today = today or _today()
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def latest_year() -> int:
    """The last plausible year (a callable limit for `MaxValueValidator`, safe in migrations)."""
    return latest().year


def out_of_range_message(today: dt.date | None = None) -> str:
    return _("Date invraisemblable : elle doit être comprise entre le %(earliest)s et le %(latest)s.") % {
        "earliest": EARLIEST.strftime("%d/%m/%Y"),
        "latest": latest(today).strftime("%d/%m/%Y"),
    }


def is_plausible(value: dt.date | dt.datetime | None, today: dt.date | None = None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST <= day <= latest(today)


@deconstructible(path="essaim.core.dates.PlausibleDate")
class PlausibleDate:
    """A Django validator keeping a date (or date-time) within EARLIEST … `latest()`, the upper
    bound computed at each check. All instances are equal, so migrations see no change as the
    calendar moves."""

    code = "implausible_date"

    def __call__(self, value) -> None:
        if not is_plausible(value):
            raise ValidationError(out_of_range_message(), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PlausibleDate)

    def __hash__(self) -> int:
        return hash(PlausibleDate)


validate_plausible = PlausibleDate()


def _choice(numbers) -> str:
    return "(?:" + "|".join(f"{n:02d}" for n in numbers) + ")"


ANY_MONTH = "(?:0[1-9]|1[0-2])"
ANY_DAY = "(?:0[1-9]|[12][0-9]|3[01])"
# The days a month can have: 30 February or 31 April are never dates (29 February is in the
# pattern every year; a year that has none is refused by the server's check).
_DAYS = {29: "(?:0[1-9]|[12][0-9])", 30: "(?:0[1-9]|[12][0-9]|30)", 31: ANY_DAY}
_LENGTH = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


def _month_days(months) -> str:
    """MM-DD for these months, each with the days it can have."""
    return "(?:" + "|".join(f"{m:02d}-{_DAYS[_LENGTH.get(m, 31)]}" for m in months) + ")"


def date_pattern(today: dt.date | None = None) -> str:
    """The plausible range as a JSON Schema pattern (YYYY-MM-DD), for the OpenAPI document:
    every year from 1900 to the year before the last, then the last year up to its last day."""
    last = latest(today or dt.date.today())
    before = last.year - 1
    assert 2000 <= before <= 2099, "the pattern below writes years 1900 to 2099"
    tens, units = divmod(before - 2000, 10)
    years = ["19[0-9]{2}"] + ([f"20[0-{tens - 1}][0-9]"] if tens else []) + [f"20{tens}[0-{units}]"]
    alternatives = [f"(?:{'|'.join(years)})-{_month_days(range(1, 13))}"]
    if last.month > 1:
        alternatives.append(f"{last.year}-{_month_days(range(1, last.month))}")
    alternatives.append(f"{last.year}-{last.month:02d}-{_choice(range(1, last.day + 1))}")
    return "^(?:" + "|".join(alternatives) + ")$"


# Computed when the process starts: the OpenAPI document of a process running past midnight
# lags one day behind the check, which stays exact.
DATE_PATTERN = date_pattern()
DATETIME_PATTERN = DATE_PATTERN[:-1] + r"T.*$"

"""Plausible dates: 1900 … ten years from today, computed at each check (issue 10 §6)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.db.migrations.writer import MigrationWriter
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from essaim.api.schemas.types import Date
from essaim.core import bounds
from essaim.core.dates import (
    DATE_PATTERN,
    EARLIEST,
    PlausibleDate,
    date_pattern,
    is_plausible,
    latest,
    latest_year,
    out_of_range_message,
    validate_plausible,
)


def test_the_last_plausible_date_is_today_ten_years_on():
    assert latest(dt.date(2026, 12, 2)) == dt.date(2036, 12, 2)
    assert latest(dt.date(2024, 2, 29)) == dt.date(2034, 2, 28)


def test_the_bound_is_read_from_today_at_each_check():
    today = dt.date.today()
    assert latest() in (
        latest(today),
        latest(today - dt.timedelta(days=1)),
        latest(today + dt.timedelta(days=1)),
    )
    assert latest_year() == latest().year
    validate_plausible(latest())
    validate_plausible(EARLIEST)
    validate_plausible(None)
    for day in (latest() + dt.timedelta(days=1), dt.date(2100, 1, 1), EARLIEST - dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            validate_plausible(day)
        assert (exc.value.code, exc.value.messages) == ("implausible_date", [out_of_range_message()])


def test_a_datetime_is_judged_by_its_day():
    assert is_plausible(dt.datetime(1900, 1, 1, 0, 0)) is True
    assert is_plausible(dt.datetime(1899, 12, 31, 23, 59)) is False
    assert is_plausible(dt.date(2036, 12, 2), today=dt.date(2026, 12, 2)) is True
    assert is_plausible(dt.date(2036, 12, 3), today=dt.date(2026, 12, 2)) is False


def test_the_message_names_both_bounds():
    assert out_of_range_message(dt.date(2026, 12, 2)) == (
        "Date invraisemblable : elle doit être comprise entre le 01/01/1900 et le 02/12/2036."
    )


def test_the_validator_is_written_in_migrations_without_a_date():
    """A migration holds `PlausibleDate()` and `latest_year`, never this year's bound: models
    do not drift from their migrations as the calendar moves."""
    assert PlausibleDate() == validate_plausible
    assert validate_plausible.deconstruct() == ("essaim.core.dates.PlausibleDate", (), {})
    field = models.PositiveSmallIntegerField(validators=[validate_plausible, *bounds.YEAR])
    written, imports = MigrationWriter.serialize(field)
    assert "essaim.core.dates.PlausibleDate()" in written
    assert "essaim.core.dates.latest_year" in written
    assert str(latest_year()) not in written
    assert "import essaim.core.dates" in imports


def test_year_bounds_follow_the_calendar():
    low, high = bounds.limits(bounds.YEAR)
    assert (low, high) == (1900, latest().year)
    for validator in bounds.YEAR:
        validator(latest().year)
    with pytest.raises(ValidationError) as exc:
        for validator in bounds.YEAR:
            validator(latest().year + 1)
    assert exc.value.messages == [f"La valeur doit être au plus {latest().year}."]


@pytest.mark.parametrize(
    "today", [dt.date(2026, 12, 2), dt.date(2026, 1, 1), dt.date(2024, 2, 29), dt.date(2030, 10, 31)]
)
def test_the_openapi_pattern_accepts_exactly_the_plausible_days(today):
    pattern = re.compile(date_pattern(today))
    day, wrong = dt.date(1899, 12, 1), []
    while day < dt.date(2045, 1, 1):
        if bool(pattern.match(day.isoformat())) != is_plausible(day, today=today):
            wrong.append(day)
        day += dt.timedelta(days=1)
    assert wrong == []
    assert not pattern.match("0001-01-01")
    assert not pattern.match("2024-13-01")


def test_the_pattern_of_this_process_is_todays():
    assert date_pattern(dt.date.today()) == DATE_PATTERN


def test_the_api_date_type_keeps_to_the_same_bound():
    """essaim.api.schemas.types.Date: the check reads today, the OpenAPI pattern says so."""
    adapter = TypeAdapter(Date)
    assert adapter.validate_python(latest().isoformat()) == latest()
    with pytest.raises(PydanticError) as exc:
        adapter.validate_python((latest() + dt.timedelta(days=1)).isoformat())
    assert exc.value.errors()[0]["msg"] == out_of_range_message()
    assert adapter.json_schema()["pattern"] == DATE_PATTERN

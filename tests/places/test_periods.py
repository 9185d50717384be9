"""essaim.places.periods: weekly series, the words of a period, the booking rules of a resource."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.places import periods
from essaim.places.models import MAX_OCCURRENCES
from tests.places.factories import ResourceFactory

NBSP = "\u00a0"
UTC = dt.UTC


def at(*args) -> dt.datetime:
    """An aware datetime in the site's time zone (Europe/Paris)."""
    return timezone.make_aware(dt.datetime(*args))


def test_weekly_keeps_the_wall_clock_time_across_the_change_of_hour():
    series = periods.weekly(at(2026, 3, 23, 10), at(2026, 3, 23, 11, 30), 3)
    assert [(s.astimezone(UTC), e.astimezone(UTC)) for s, e in series] == [
        (dt.datetime(2026, 3, 23, 9, tzinfo=UTC), dt.datetime(2026, 3, 23, 10, 30, tzinfo=UTC)),
        (dt.datetime(2026, 3, 30, 8, tzinfo=UTC), dt.datetime(2026, 3, 30, 9, 30, tzinfo=UTC)),
        (dt.datetime(2026, 4, 6, 8, tzinfo=UTC), dt.datetime(2026, 4, 6, 9, 30, tzinfo=UTC)),
    ]
    assert [periods.local(s).time() for s, _e in series] == [dt.time(10)] * 3


@pytest.mark.parametrize(("weeks", "count"), [(0, 1), (-3, 1), (1, 1), ("4", 4), (52, 52), (500, 52)])
def test_weekly_gives_one_to_max_occurrences(weeks, count):
    series = periods.weekly(at(2026, 1, 5, 9), at(2026, 1, 5, 10), weeks)
    assert len(series) == count
    assert MAX_OCCURRENCES == 52
    assert series[-1][0] == at(2026, 1, 5, 9) + dt.timedelta(weeks=count - 1)


def test_describe():
    assert periods.describe((at(2026, 3, 2, 10), at(2026, 3, 2, 12))) == "lundi 2 mars 2026, de 10:00 à 12:00"
    # Read in the site's time zone whatever the zone of the datetimes.
    utc = (dt.datetime(2026, 7, 14, 7, 5, tzinfo=UTC), dt.datetime(2026, 7, 14, 8, tzinfo=UTC))
    assert periods.describe(utc) == "mardi 14 juillet 2026, de 09:05 à 10:00"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, f"0{NBSP}heure"),
        (15, f"15{NBSP}minutes"),
        (1, f"1{NBSP}minute"),
        (60, f"1{NBSP}heure"),
        (61, "1 h 01"),
        (90, "1 h 30"),
        (240, f"4{NBSP}heures"),
        (605, "10 h 05"),
    ],
)
def test_duration_words(minutes, words):
    assert periods.duration_words(minutes) == words


def test_week_days_run_from_monday_to_sunday():
    days = periods.week_days(dt.date(2026, 3, 5))  # a Thursday
    assert days == [dt.date(2026, 3, 2) + dt.timedelta(days=i) for i in range(7)]
    assert periods.week_days(dt.date(2026, 3, 2)) == days
    assert periods.week_days(dt.date(2026, 3, 8)) == days


def test_day_bounds_are_local_midnights():
    start, end = periods.day_bounds(dt.date(2026, 3, 28), dt.date(2026, 3, 29))
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 27, 23, tzinfo=UTC)
    assert end.astimezone(UTC) == dt.datetime(2026, 3, 29, 22, tzinfo=UTC)  # summer time from the 29th
    one = periods.day_bounds(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    assert one[1] - one[0] == dt.timedelta(days=1)


NOW = at(2026, 3, 2, 8)  # a Monday


@pytest.fixture
def room(db):
    """Open Monday to Saturday, 9:00 to 17:00; 4 hours at most, 60 days ahead."""
    return ResourceFactory(hours={d: (dt.time(9), dt.time(17)) for d in range(6)})


@pytest.mark.django_db
def test_opening_for(room):
    assert periods.opening_for(room, dt.date(2026, 3, 7)).opens_at == dt.time(9)  # a Saturday
    assert periods.opening_for(room, dt.date(2026, 3, 8)) is None  # a Sunday


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "error"),
    [
        ((at(2026, 3, 3, 10), at(2026, 3, 3, 14)), None),  # four hours exactly
        ((at(2026, 3, 3, 9), at(2026, 3, 3, 10)), None),  # from the opening
        ((at(2026, 3, 3, 16), at(2026, 3, 3, 17)), None),  # up to the closing
        ((at(2026, 5, 1, 10), at(2026, 5, 1, 11)), None),  # 60 days ahead
        ((at(2026, 3, 3, 10), at(2026, 3, 3, 10)), "La fin doit être après le début."),
        ((at(2026, 3, 3, 11), at(2026, 3, 3, 10)), "La fin doit être après le début."),
        ((at(2026, 3, 2, 7, 59), at(2026, 3, 2, 10)), "Ce créneau est déjà passé."),
        ((at(2026, 3, 3, 10), at(2026, 3, 3, 14, 1)), f"Une réservation dure au plus 4{NBSP}heures."),
        ((at(2026, 5, 2, 10), at(2026, 5, 2, 11)), f"On réserve au plus 60{NBSP}jours à l'avance."),
        ((at(2026, 3, 8, 10), at(2026, 3, 8, 11)), "La ressource est fermée le dimanche."),
        ((at(2026, 3, 3, 8, 30), at(2026, 3, 3, 10)), "En dehors des horaires d'ouverture (09:00 – 17:00)."),
        ((at(2026, 3, 3, 16), at(2026, 3, 3, 17, 15)), "En dehors des horaires d'ouverture (09:00 – 17:00)."),
        ((at(2026, 3, 3, 22), at(2026, 3, 4, 1)), "En dehors des horaires d'ouverture (09:00 – 17:00)."),
    ],
)
def test_rule_error(room, period, error):
    assert periods.rule_error(room, period, NOW) == error

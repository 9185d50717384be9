"""The SQL pieces of the attention score (essaim/accompaniment/attention.py `score_sql`), the
same on SQLite and PostgreSQL: whole days from a date to today, a capped lateness, hours
rounded as Python rounds, and a project's minutes since a date turned into a score."""

from collections.abc import Callable
from datetime import date

from django.db import connections
from django.db.models import Case, DateField, Func, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.lookups import Exact

from essaim.accompaniment.models import Meeting


class DaysSince(Func):
    """Whole days from a date (column or expression) to `today`, on SQLite and PostgreSQL."""

    output_field = IntegerField()

    def __init__(self, expression, today: date):
        super().__init__(Value(today, output_field=DateField()), expression)

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(julianday(%(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


def capped(days, cap: int = 60):
    """The days (or hours) late counted in a score: between 0 and `cap`."""
    return Greatest(Value(0), Least(days, Value(cap)))


def rounded_hours(minutes):
    """`round(minutes / 60)` as Python rounds (half to even), for minutes ≥ 0, in integers."""
    up = (minutes + Value(30)) / Value(60)
    half = Exact(minutes - minutes / Value(60) * Value(60), 30)
    odd = Exact(up - up / Value(2) * Value(2), 1)
    return Case(When(half, then=Case(When(odd, then=up - Value(1)), default=up)), default=up)


def minutes_score(start: date, weight: int, test, excess, *, none=0):
    """A sub-query: `weight` + the hours `excess` (in minutes, of `total`: the project's minutes
    since `start`) capped, when `test` holds, else 0; `none` when it has no meeting then."""
    score = Case(When(test, then=Value(weight) + capped(rounded_hours(excess))), default=0)
    rows = Meeting.objects.filter(project=OuterRef("pk"), date__gt=start).order_by().values("project")
    rows = rows.annotate(total=Sum("duration_minutes")).annotate(s=score).values("s")[:1]
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(none))


# Compiled SQL of the score query, by everything that goes into it (see `rows_of`).
_COMPILED: dict[tuple, tuple[str, tuple]] = {}
_COMPILED_MAX = 512


def rows_of(key: tuple, build: Callable[[], object], *, using: str = "default") -> list[tuple]:
    """The rows of `build()` (a `values_list` queryset), compiled once per `key`, which must hold
    every value the query is built from. Building and compiling the score expression costs
    more than running it (15 ms vs 8 ms for 2,000 projects, docs/performance.md); the SQL is
    run each time, so the rows are always the database's."""
    full_key = (using, connections[using].vendor, *key)
    compiled = _COMPILED.get(full_key)
    if compiled is None:
        sql, params = build().query.get_compiler(using).as_sql()
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        compiled = _COMPILED[full_key] = (sql, tuple(params))
    with connections[using].cursor() as cursor:
        cursor.execute(*compiled)
        return cursor.fetchall()

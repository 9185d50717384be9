"""Periods of bookings in the site's time zone: the weekly series, the rules of a resource
(opening hours, longest booking, how far ahead), the words that name a period. Pure functions
but `opening_for`, which reads the resource's hours (prefetched: no query)."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.core.french import count_words
from essaim.places.models import MAX_OCCURRENCES, Resource

Period = tuple[dt.datetime, dt.datetime]


def local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def weekly(starts_at: dt.datetime, ends_at: dt.datetime, weeks: int) -> list[Period]:
    """`weeks` occurrences, one a week at the same wall-clock time (across a change of hour)."""
    start, end = local(starts_at).replace(tzinfo=None), local(ends_at).replace(tzinfo=None)
    step = dt.timedelta(days=7)
    return [
        (timezone.make_aware(start + i * step), timezone.make_aware(end + i * step))
        for i in range(max(1, min(int(weeks), MAX_OCCURRENCES)))
    ]


def describe(period: Period) -> str:
    """« lundi 2 mars 2026, de 10:00 à 12:00 »."""
    start, end = local(period[0]), local(period[1])
    return _("%(day)s, de %(start)s à %(end)s") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "H:i"),
        "end": formats.time_format(end, "H:i"),
    }


def duration_words(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if rest == 0:
        return count_words(hours, _("heure"), _("heures"))
    if hours == 0:
        return count_words(rest, _("minute"), _("minutes"))
    return f"{hours} h {rest:02d}"


def opening_for(resource: Resource, day: dt.date):
    """The opening hours of `day` (an OpeningHours), or None when the resource is closed."""
    return next((h for h in resource.hours.all() if h.weekday == day.weekday()), None)


def rule_error(resource: Resource, period: Period, now: dt.datetime) -> str | None:
    """Why this period may not be booked under the resource's rules (None when it may)."""
    starts_at, ends_at = period
    if ends_at <= starts_at:
        return _("La fin doit être après le début.")
    if starts_at < now:
        return _("Ce créneau est déjà passé.")
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    if minutes > resource.max_duration_minutes:
        return _("Une réservation dure au plus %(duration)s.") % {
            "duration": duration_words(resource.max_duration_minutes)
        }
    start, end = local(starts_at), local(ends_at)
    if start.date() > local(now).date() + dt.timedelta(days=resource.max_days_ahead):
        return _("On réserve au plus %(days)s à l'avance.") % {
            "days": count_words(resource.max_days_ahead, _("jour"), _("jours"))
        }
    hours = opening_for(resource, start.date())
    if hours is None:
        return _("La ressource est fermée le %(weekday)s.") % {"weekday": formats.date_format(start, "l")}
    if end.date() != start.date() or start.time() < hours.opens_at or end.time() > hours.closes_at:
        return _("En dehors des horaires d'ouverture (%(opens)s – %(closes)s).") % {
            "opens": hours.opens_at.strftime("%H:%M"),
            "closes": hours.closes_at.strftime("%H:%M"),
        }
    return None


def week_days(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def day_bounds(first: dt.date, last: dt.date) -> Period:
    """From the start of `first` to the end of `last`, local days, as aware datetimes."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    return start, end

"""Calendar feeds (RFC 5545, iCalendar), written by hand: one VEVENT per session.

Text values are escaped (backslash, semicolon, comma, newline: RFC 5545 §3.3.11); content lines
are folded at 75 octets of UTF-8, never inside a character, the continuation starting with a
space (§3.1); lines end with CRLF. Times are in UTC (`…Z`), so no VTIMEZONE is needed.

The feed is written from plain rows (`rows()`: one query, no model instances): each event's
lines (summary, description, place, page, status) are escaped and folded once, however many of
its sessions the feed lists (docs/performance.md).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet

from essaim.events.models import EventState, PlaceKind

LIMIT = 75

# The columns of a session row, in the order `calendar()` reads them.
FIELDS = (
    "pk",
    "starts_at",
    "ends_at",
    "event_id",
    "event__title",
    "event__description",
    "event__place_kind",
    "event__online_url",
    "event__address",
    "event__commune__name",
    "event__state",
)


def rows(sessions: QuerySet) -> QuerySet:
    """These sessions as the tuples `calendar()` reads (one query; order and slice kept)."""
    return sessions.values_list(*FIELDS)


def escape(text: str) -> str:
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (the continuations after a space)."""
    if line.isascii():  # one octet a character: slices
        if len(line) <= LIMIT:
            return line
        rest = line[LIMIT:]
        step = LIMIT - 1
        return "\r\n ".join([line[:LIMIT], *(rest[i : i + step] for i in range(0, len(rest), step))])
    if len(line.encode("utf-8")) <= LIMIT:
        return line
    out, current, size = [], [], 0
    limit = LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LIMIT - 1  # a continuation line starts with one space
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _location(place_kind, online_url, address, commune) -> str:
    if place_kind == PlaceKind.ONLINE:
        return online_url
    return ", ".join(part for part in (address, commune) if part)


def calendar(name: str, sessions: Iterable[tuple], *, url_of: Callable[[int], str], now: dt.datetime) -> str:
    """A VCALENDAR of these session rows (`rows()`); `url_of(event_id)` gives the event's page."""
    host = urlsplit(settings.SITE_URL).hostname or "essaim"
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Essaim//Evenements//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    out = ["".join(fold(line) + "\r\n" for line in head)]
    stamp = fold(f"DTSTAMP:{_utc(now)}") + "\r\n"
    tails: dict[int, str] = {}  # event id → its lines after DTEND, folded, with END:VEVENT
    for (
        pk,
        starts_at,
        ends_at,
        event_id,
        title,
        description,
        kind,
        online,
        address,
        commune,
        state,
    ) in sessions:
        tail = tails.get(event_id)
        if tail is None:
            status = "CANCELLED" if state == EventState.CANCELLED else "CONFIRMED"
            tail = tails[event_id] = "".join(
                fold(line) + "\r\n"
                for line in (
                    f"SUMMARY:{escape(title)}",
                    f"DESCRIPTION:{escape(description)}",
                    f"LOCATION:{escape(_location(kind, online, address, commune))}",
                    f"URL:{url_of(event_id)}",
                    f"STATUS:{status}",
                    "END:VEVENT",
                )
            )
        out.append(
            f"BEGIN:VEVENT\r\n{fold(f'UID:session-{pk}@{host}')}\r\n{stamp}"
            f"DTSTART:{_utc(starts_at)}\r\nDTEND:{_utc(ends_at)}\r\n{tail}"
        )
    out.append("END:VCALENDAR\r\n")
    return "".join(out)

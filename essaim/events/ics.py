"""Calendar feeds (RFC 5545, iCalendar), written by hand: one VEVENT per session.

Text values are escaped (backslash, semicolon, comma, newline: RFC 5545 §3.3.11); content lines
are folded at 75 octets of UTF-8, never inside a character, the continuation starting with a
space (§3.1); lines end with CRLF. Times are in UTC (`…Z`), so no VTIMEZONE is needed.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings

from essaim.events.models import EventState, PlaceKind

LIMIT = 75


def escape(text: str) -> str:
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (the continuations after a space)."""
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


def _location(event) -> str:
    if event.place_kind == PlaceKind.ONLINE:
        return event.online_url
    commune = event.commune.name if event.commune_id else ""
    return ", ".join(part for part in (event.address, commune) if part)


def calendar(name: str, sessions: Iterable, *, url_of, now: dt.datetime) -> str:
    """A VCALENDAR of these sessions (each with its `event` loaded); `url_of(event)` gives its page."""
    host = urlsplit(settings.SITE_URL).hostname or "essaim"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Essaim//Evenements//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for session in sessions:
        event = session.event
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(event.title)}",
            f"DESCRIPTION:{escape(event.description)}",
            f"LOCATION:{escape(_location(event))}",
            f"URL:{url_of(event)}",
            "STATUS:" + ("CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

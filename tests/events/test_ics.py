"""The hand-written iCalendar: escaping, folding at 75 octets (never inside a character), CRLF."""

import datetime as dt

import pytest

from essaim.events import ics
from tests.events.factories import EventFactory

UTC = dt.UTC


def test_escape_text_values():
    assert ics.escape("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


@pytest.mark.parametrize("text", sorted(["é" * 80, "x" * 200, "a" + "€" * 60, "short"]))
def test_fold_keeps_every_line_within_75_octets_and_unfolds_back(text):
    line = f"DESCRIPTION:{text}"
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


@pytest.mark.django_db
def test_calendar_has_one_vevent_per_session_in_utc():
    start = dt.datetime(2030, 5, 12, 7, 30, tzinfo=UTC)
    event = EventFactory(
        published=True,
        title="Atelier ; modèle, économique",
        sessions=[
            (start, start + dt.timedelta(hours=3)),
            (start + dt.timedelta(days=7), start + dt.timedelta(days=7, hours=2)),
        ],
    )
    body = ics.calendar(
        "Dispositif", event.sessions.select_related("event"), url_of=lambda e: f"https://x/{e.pk}", now=start
    )
    lines = body.split("\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines.count("BEGIN:VEVENT") == 2 == lines.count("END:VEVENT")
    assert "DTSTART:20300512T073000Z" in lines
    assert "DTEND:20300512T103000Z" in lines
    assert "SUMMARY:Atelier \\; modèle\\, économique" in lines
    assert "STATUS:CONFIRMED" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "\n" not in body.replace("\r\n", "")

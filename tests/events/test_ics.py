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
        "Dispositif", ics.rows(event.sessions.all()), url_of=lambda pk: f"https://x/{pk}", now=start
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


def _fold_by_character(line: str) -> str:
    """The writer's first fold (one character at a time), the reference of the faster one."""
    out, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


@pytest.mark.parametrize("size", [0, 1, 62, 63, 64, 74, 75, 76, 137, 138, 139, 149, 150, 151, 400])
@pytest.mark.parametrize("char", ["x", "é", "€", "😀"])
def test_fold_is_the_character_by_character_fold(size, char):
    for line in (char * size, "DESCRIPTION:" + char * size, "D:" + "a" * size + char):
        assert ics.fold(line) == _fold_by_character(line)


@pytest.mark.django_db
def test_calendar_bytes_are_those_of_the_model_writer(settings):
    """The rows writer gives the bytes the first writer (from model instances) gave: escaping,
    folding of long and non-ASCII lines, address, cancelled status, one event's two sessions."""
    settings.SITE_URL = "https://essaim.example.org"
    start = dt.datetime(2030, 5, 12, 7, 30, tzinfo=UTC)
    event = EventFactory(
        state="cancelled",
        title="Atelier ; modèle, économique",
        description="Ligne 1\r\nLigne 2 \\ " + "é" * 50,
        place_kind="address",
        address="12, rue des Lilas",
        online_url="",
        sessions=[
            (start, start + dt.timedelta(hours=3)),
            (start + dt.timedelta(days=7), start + dt.timedelta(days=7, hours=2)),
        ],
    )
    first, second = event.sessions.order_by("starts_at").values_list("pk", flat=True)
    body = ics.calendar(
        "Dispositif, 2030",
        ics.rows(event.sessions.order_by("starts_at")),
        url_of=lambda pk: f"https://x/{pk}",
        now=start,
    )
    tail = (
        "SUMMARY:Atelier \\; modèle\\, économique\r\n"
        + _fold_by_character("DESCRIPTION:Ligne 1\\nLigne 2 \\\\ " + "é" * 50)
        + "\r\n"
        "LOCATION:12\\, rue des Lilas\r\n"
        f"URL:https://x/{event.pk}\r\n"
        "STATUS:CANCELLED\r\nEND:VEVENT\r\n"
    )
    assert body == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Essaim//Evenements//FR\r\nCALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\nX-WR-CALNAME:Dispositif\\, 2030\r\n"
        f"BEGIN:VEVENT\r\nUID:session-{first}@essaim.example.org\r\nDTSTAMP:20300512T073000Z\r\n"
        f"DTSTART:20300512T073000Z\r\nDTEND:20300512T103000Z\r\n{tail}"
        f"BEGIN:VEVENT\r\nUID:session-{second}@essaim.example.org\r\nDTSTAMP:20300512T073000Z\r\n"
        f"DTSTART:20300519T073000Z\r\nDTEND:20300519T093000Z\r\n{tail}"
        "END:VCALENDAR\r\n"
    )


@pytest.mark.django_db
def test_feed_is_one_query_for_its_sessions(client, django_assert_num_queries):
    from django.urls import reverse

    event = EventFactory(published=True)
    other = EventFactory(programme=event.programme, published=True)
    url = reverse("events:programme_feed", args=[event.programme.slug])
    with django_assert_num_queries(2):  # the programme, then the sessions' rows
        body = client.get(url).content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    from essaim.notifications.urls import site_url

    for pk in (event.pk, other.pk):
        assert f"URL:{site_url('events:event', pk)}\r\n" in body.replace("\r\n ", "")

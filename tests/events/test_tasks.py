"""The periodic task: day-before reminders once per session, the feedback survey once per event;
personal data exported and erased."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from essaim.accounts import privacy as account_privacy
from essaim.core import retention
from essaim.events import reminders, tasks
from essaim.events.models import Attendance, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _tomorrow_at(hour):
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def test_day_before_reminders_are_sent_once(django_capture_on_commit_callbacks):
    start = _tomorrow_at(10)
    event = EventFactory(published=True, sessions=[(start, start + dt.timedelta(hours=2))])
    confirmed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, state="waiting")
    EventFactory(published=True)  # in ten days: not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_tick()["reminders"] == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [([confirmed.email], f"C'est demain : {event.title}")]
    assert reminders.due_session_reminders() == []
    assert tasks.run_tick()["reminders"] == 0


def test_feedback_survey_after_the_event_to_attendees_only(django_capture_on_commit_callbacks):
    start = timezone.now() - dt.timedelta(days=1, hours=3)
    event = EventFactory(published=True, sessions=[(start, start + dt.timedelta(hours=2))])
    came, absent = RegistrationFactory(event=event), RegistrationFactory(event=event)
    Attendance.objects.create(registration=came, session=event.sessions.get())
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.run_tick()["feedback_requests"] == 1
    assert [m.to for m in mail.outbox] == [[came.email]]
    assert "/avis/" in mail.outbox[0].body
    assert absent.email not in str([m.to for m in mail.outbox])
    assert tasks.run_tick()["feedback_requests"] == 0


def test_the_task_runs_through_the_worker():
    result = tasks.events_tick.enqueue()
    assert result.return_value == {
        "holds_expired": 0,
        "reminders": 0,
        "feedback_requests": 0,
        "pending_dropped": 0,
    }


def test_export_and_erasure_of_a_persons_registrations():
    user = UserFactory(full_name="Léa Martin")
    mine = RegistrationFactory(user=user, name="Léa Martin", email=user.email)
    other = RegistrationFactory(name="Autre")
    data = account_privacy.personal_data_export(user=user)
    assert [(r["event"], r["name"]) for r in data["events"]["registrations"]] == [
        (mine.event.title, "Léa Martin")
    ]
    key = mine.key
    account_privacy.account_erase(user=user)
    mine.refresh_from_db()
    assert (mine.name, mine.user_id, mine.is_anonymised, mine.state) == (
        f"Inscription anonymisée n° {mine.pk}",
        None,
        True,
        "confirmed",
    )
    assert mine.key != key
    assert Registration.objects.get(pk=other.pk).name == "Autre"


def test_retention_anonymises_registrations_of_events_long_past():
    start = timezone.now() - dt.timedelta(days=800)
    old = RegistrationFactory(
        event=EventFactory(published=True, sessions=[(start, start + dt.timedelta(hours=2))])
    )
    recent = RegistrationFactory()
    assert retention.purge(kinds=["event_registrations"]) == {"event_registrations": 1}
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.is_anonymised, recent.is_anonymised) == (True, False)

"""Attendance at the door counts as collective hours in the attendee's project; feedback once;
the certificate of a training."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.accompaniment.enums import MeetingKind
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.events import services, tokens
from essaim.events.certificates import certificate_context, certificate_pdf
from essaim.events.models import EventKind, RegistrationState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today_event(**kwargs):
    start = timezone.now() - dt.timedelta(hours=2)
    return EventFactory(published=True, sessions=[(start, start + dt.timedelta(minutes=90))], **kwargs)


def _staff(event):
    return MembershipFactory(organisation=event.programme.organisation).user


def test_attendance_counts_collective_hours_in_the_carriers_project():
    event = _today_event()
    carrier = UserFactory(carrier=True)
    project = ProjectFactory(programme=event.programme, carriers=[carrier])
    other_programme_project = ProjectFactory(carriers=[carrier])
    registration = RegistrationFactory(event=event, user=carrier, email=carrier.email)
    staff = _staff(event)
    session = event.sessions.get()
    attendance = services.attendance_mark(registration=registration, session=session, by=staff)
    again = services.attendance_mark(registration=registration, session=session, by=staff)
    assert again.pk == attendance.pk
    project.refresh_from_db()
    other_programme_project.refresh_from_db()
    assert (project.meeting_minutes, other_programme_project.meeting_minutes) == (90, 0)
    assert list(project.meetings.values_list("kind", "duration_minutes")) == [(MeetingKind.WORKSHOP, 90)]
    services.attendance_unmark(attendance=attendance, by=staff)
    project.refresh_from_db()
    assert (project.meeting_minutes, project.meetings.count()) == (0, 0)


def test_attendance_refused_for_a_future_session_or_a_waiting_person_or_another_team():
    event = EventFactory(published=True)  # in ten days
    staff = _staff(event)
    registration = RegistrationFactory(event=event)
    with pytest.raises(TransitionNotAllowed):
        services.attendance_mark(registration=registration, session=event.sessions.get(), by=staff)
    today = _today_event()
    waiting = RegistrationFactory(event=today, state=RegistrationState.WAITING)
    with pytest.raises(TransitionNotAllowed):
        services.attendance_mark(registration=waiting, session=today.sessions.get(), by=_staff(today))
    with pytest.raises(PermissionDenied):
        services.attendance_mark(registration=waiting, session=today.sessions.get(), by=staff)


def test_feedback_once_per_attendee_after_they_came():
    event = _today_event()
    registration = RegistrationFactory(event=event)
    holder = tokens.holder_of(registration)
    with pytest.raises(TransitionNotAllowed):
        services.feedback_submit(registration=registration, by=holder, rating=4, usefulness=5)
    services.attendance_mark(registration=registration, session=event.sessions.get(), by=_staff(event))
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(registration=registration, by=holder, rating=9, usefulness=5)
    assert exc.value.message_dict == {"rating": ["Choisissez une note de 1 à 5."]}
    services.feedback_submit(registration=registration, by=holder, rating=4, usefulness=5, comment=" Bien ")
    with pytest.raises(ValidationError):
        services.feedback_submit(registration=registration, by=holder, rating=3, usefulness=3)
    assert (registration.feedback.rating, registration.feedback.comment) == (4, "Bien")


def test_certificate_of_a_training_names_the_sessions_attended():
    event = _today_event(kind=EventKind.TRAINING)
    registration = RegistrationFactory(event=event, name="Léa Martin")
    services.attendance_mark(registration=registration, session=event.sessions.get(), by=_staff(event))
    context = certificate_context(registration)
    assert (len(context["sessions"]), context["duration"]) == (1, "1\u00a0h\u00a030")
    assert certificate_pdf(registration).startswith(b"%PDF")

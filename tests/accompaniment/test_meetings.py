"""Meetings: correction (audited, dosage refreshed) and meetings held by a receiving programme."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.accompaniment import services
from essaim.accompaniment.enums import AuditAction, ReferralStatus
from essaim.accompaniment.models import AuditEvent, Meeting
from tests.factories.accompaniment import MeetingFactory, ReferralFactory


def test_meeting_update_refreshes_dosage_and_audits_the_diff(world):
    today = timezone.localdate()
    project = world.project_a
    meeting = services.meeting_create(
        project=project,
        by=world.member_a,
        date=today - timedelta(days=3),
        duration_minutes=60,
        kind="individual",
    )
    assert meeting.programme == world.programme_a
    services.meeting_update(meeting=meeting, by=world.admin_a, duration_minutes=90, topics="Prix de vente")
    project.refresh_from_db()
    assert (project.meeting_minutes, project.last_meeting_on) == (90, today - timedelta(days=3))
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=meeting.pk)
    assert (event.actor, event.project, event.programme_id, event.changes) == (
        world.admin_a,
        project,
        world.programme_a.pk,
        {"duration_minutes": [60, 90], "topics": ["", "Prix de vente"]},
    )
    services.meeting_update(meeting=meeting, by=world.admin_a, duration_minutes=90)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 1  # nothing changed, no event


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"duration_minutes": 0},
            {"duration_minutes": ["La durée doit être comprise entre 1 minute et 24 heures."]},
        ),
        ({"date": date(2999, 1, 1)}, {"date": ["On ne consigne que des rendez-vous qui ont eu lieu."]}),
        (
            {"next_meeting_on": date(2026, 1, 1)},
            {"next_meeting_on": ["Le prochain rendez-vous doit suivre celui-ci."]},
        ),
    ],
)
def test_meeting_update_bad_input_changes_nothing(world, fields, errors):
    meeting = MeetingFactory(project=world.project_a, date=date(2026, 2, 2), duration_minutes=90)
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(meeting=meeting, by=world.member_a, **fields)
    assert exc.value.message_dict == errors
    meeting.refresh_from_db()
    assert (meeting.date, meeting.duration_minutes, meeting.next_meeting_on) == (date(2026, 2, 2), 90, None)
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_meeting_update_refuses_unknown_fields(world):
    meeting = MeetingFactory(project=world.project_a)
    with pytest.raises(ValueError):
        services.meeting_update(meeting=meeting, by=world.member_a, project=world.project_b)


def test_receiving_programme_logs_meetings_only_after_acceptance(world):
    kwargs = {"date": date(2026, 2, 3), "duration_minutes": 45, "kind": "individual"}
    with pytest.raises(services.PermissionDenied):
        services.meeting_create(
            project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
        )
    referral = ReferralFactory(
        project=world.project_a, to_programme=world.programme_b, status=ReferralStatus.PROPOSED
    )
    with pytest.raises(services.PermissionDenied):
        services.meeting_create(
            project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
        )
    assert not Meeting.objects.exists()
    referral.status = ReferralStatus.ACCEPTED
    referral.save()
    meeting = services.meeting_create(
        project=world.project_a, programme=world.programme_b, by=world.staff_b, **kwargs
    )
    assert (meeting.project, meeting.programme, meeting.created_by) == (
        world.project_a,
        world.programme_b,
        world.staff_b,
    )
    world.project_a.refresh_from_db()
    assert world.project_a.meeting_minutes == 45  # the project's dosage counts every programme's meetings

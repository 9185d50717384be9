"""Who sees which project and which of its children: the models' `visible_to` querysets, and
the activity log files each event under its programme (`audit_scope`)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.accompaniment.models import Checkin, Meeting, Mobilisation, Project, Referral
from essaim.accompaniment.services import meeting_create, project_update
from essaim.audit.models import Event
from essaim.audit.selectors import events_visible_to
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, ReferralFactory


@pytest.fixture
def objects(world):
    MeetingFactory(project=world.project_a)
    MeetingFactory(project=world.project_b)
    CheckinFactory(project=world.project_a)
    CheckinFactory(project=world.project_b)
    return world


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("platform_admin", {"a", "b"}),
        ("admin_a", {"a"}),
        ("member_a", {"a"}),
        ("staff_b", {"b"}),
        ("carrier", {"a"}),
        ("other_carrier", {"b"}),
        ("expert", set()),
        ("viewer", set()),
    ],
)
def test_visible_to(objects, actor, expected):
    w = objects
    user = getattr(w, actor)
    names = {w.project_a.pk: "a", w.project_b.pk: "b"}
    assert {names[p.pk] for p in Project.objects.visible_to(user)} == expected
    assert {names[m.project_id] for m in Meeting.objects.visible_to(user)} == expected
    assert {names[c.project_id] for c in Checkin.objects.visible_to(user)} == expected


def test_anonymous_sees_nothing(objects):
    anonymous = AnonymousUser()
    assert Project.objects.visible_to(anonymous).count() == 0
    assert Meeting.objects.visible_to(anonymous).count() == 0
    assert Mobilisation.objects.visible_to(anonymous).count() == 0
    assert Referral.objects.visible_to(anonymous).count() == 0


def test_children_file_their_events_under_the_running_programme(world):
    meeting = MeetingFactory(project=world.project_a, programme=world.programme_b)
    checkin = CheckinFactory(project=world.project_a)
    referral = ReferralFactory(project=world.project_a, to_programme=world.programme_b)
    scope = {"project_id": world.project_a.pk, "programme_id": world.programme_a.pk}
    assert meeting.audit_scope() == scope
    assert checkin.audit_scope() == scope
    assert referral.audit_scope() == scope
    assert world.project_a.audit_scope() == scope


def test_audit_readable_by_programme_admins_only(world):
    project_update(project=world.project_a, by=world.member_a, sector="Réemploi")
    meeting_create(
        project=world.project_b,
        by=world.staff_b,
        date=world.project_b.started_on,
        duration_minutes=30,
        kind="individual",
    )
    a_events = set(Event.objects.filter(programme=world.programme_a).values_list("pk", flat=True))
    b_events = set(Event.objects.filter(programme=world.programme_b).values_list("pk", flat=True))
    assert len(a_events) == 1 and len(b_events) == 1
    assert set(events_visible_to(world.admin_a).values_list("pk", flat=True)) == a_events
    assert set(events_visible_to(world.member_a).values_list("pk", flat=True)) == set()
    assert set(events_visible_to(world.staff_b).values_list("pk", flat=True)) == b_events
    assert set(events_visible_to(world.carrier).values_list("pk", flat=True)) == set()

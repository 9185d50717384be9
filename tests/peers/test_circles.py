"""Peer circles and pooled resources: who runs and joins a circle, its meetings counted as
collective accompaniment in the attendees' projects (and removed with them); pooled resources
between the members of a place or an ecosystem."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from essaim.accompaniment.enums import MeetingKind
from essaim.accompaniment.models import Meeting
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.peers import selectors, services
from essaim.peers.models import Circle, PooledResource
from tests.peers.factories import person
from tests.places.factories import MembershipFactory

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def circle(w):
    circle = services.circle_create(
        programme=w.pa, by=w.a_staff, name="Cercle alimentation", purpose="Entraide"
    )
    services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca)
    services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca2)
    return circle


def test_staff_create_circles_others_do_not(w):
    for who in (w.ca, w.b_staff):
        with pytest.raises(PermissionDenied):
            services.circle_create(programme=w.pa, by=who, name="Cercle")
    with pytest.raises(ValidationError) as exc:
        services.circle_create(programme=w.pa, by=w.a_staff, name=" ")
    assert "name" in exc.value.message_dict
    assert not Circle.objects.exists()


def test_members_come_from_the_programmes_board(w, circle):
    with pytest.raises(ValidationError):
        services.circle_member_add(circle=circle, by=w.a_staff, member=w.cb)  # pb's carrier
    with pytest.raises(ValidationError):
        services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca)  # already in
    with pytest.raises(PermissionDenied):
        services.circle_member_add(circle=circle, by=w.ca, member=w.a_staff)
    assert set(circle.members.all()) == {w.ca, w.ca2}


def test_a_meeting_counts_as_collective_accompaniment_and_goes_with_its_removal(w, circle):
    meeting = services.circle_meeting_record(
        circle=circle,
        by=w.a_staff,
        date=YESTERDAY,
        duration_minutes=90,
        topic="Fournisseurs locaux",
        attendees=[w.ca],
    )
    counted = Meeting.objects.get(project=w.project_a)
    assert counted.kind == MeetingKind.WORKSHOP and counted.duration_minutes == 90
    assert "Cercle alimentation" in counted.topics
    assert not Meeting.objects.filter(project=w.project_a2).exists()  # ca2 did not come
    w.project_a.refresh_from_db()
    assert w.project_a.meeting_minutes == 90
    services.circle_meeting_delete(circle=circle, meeting=meeting, by=w.a_staff)
    assert not Meeting.objects.filter(project=w.project_a).exists()
    w.project_a.refresh_from_db()
    assert w.project_a.meeting_minutes == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"topic": ""}, "topic"),
        ({"date": timezone.localdate() + dt.timedelta(days=2)}, "date"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"attendees": []}, "attendees"),
    ],
)
def test_a_bad_meeting_is_refused(w, circle, change, field):
    data = {"date": YESTERDAY, "duration_minutes": 60, "topic": "Sujet", "attendees": [w.ca], **change}
    with pytest.raises(ValidationError) as exc:
        services.circle_meeting_record(circle=circle, by=w.a_staff, **data)
    assert field in exc.value.message_dict
    assert not Meeting.objects.exists() and not circle.meetings.exists()


def test_an_outsider_attendee_is_refused(w, circle):
    with pytest.raises(ValidationError):
        services.circle_meeting_record(
            circle=circle, by=w.a_staff, date=YESTERDAY, duration_minutes=60, topic="x", attendees=[w.cb]
        )


def test_circle_reads(w, circle):
    assert [c.pk for c in selectors.circles_for(w.ca)] == [circle.pk]
    assert [c.pk for c in selectors.circles_for(w.a_staff)] == [circle.pk]
    assert list(selectors.circles_for(w.cb)) == []
    with pytest.raises(Http404):
        selectors.circle_for(w.cb, circle.pk)
    with pytest.raises(PermissionDenied):
        selectors.circle_for(w.ca, circle.pk, manage=True)


def test_pooled_resources_of_an_ecosystem(w):
    resource = services.pooled_create(
        register=w.eco, by=w.cb, kind="equipment", title="Camion frigorifique", description="Le week-end."
    )
    assert {r.pk for r in selectors.pooled_for(w.ca)} == {resource.pk}
    assert list(selectors.pooled_for(w.co)) == []
    with pytest.raises(PermissionDenied):
        services.pooled_create(register=w.eco, by=w.co, kind="equipment", title="x", description="y")
    with pytest.raises(PermissionDenied):
        services.pooled_delete(resource=resource, by=w.ca)
    services.pooled_delete(resource=resource, by=w.a_staff)  # the leader's staff
    assert not PooledResource.objects.exists()


def test_pooled_resources_of_a_place_are_for_its_current_members(w):
    member = person("resident", carrier=True)
    MembershipFactory(programme=w.po, user=member)
    resource = services.pooled_create(
        register=w.po,
        by=member,
        kind="employer_group",
        title="Comptable à temps partagé",
        description="Deux jours.",
    )
    assert {r.pk for r in selectors.pooled_for(member)} == {resource.pk}
    assert {r.pk for r in selectors.pooled_for(w.o_staff)} == {resource.pk}  # the place's staff
    assert list(selectors.pooled_for(w.ca)) == []
    with pytest.raises(PermissionDenied):
        services.pooled_create(register=w.po, by=w.ca, kind="service", title="x", description="y")
    with pytest.raises(ValidationError) as exc:
        services.pooled_create(register=w.po, by=member, kind="car", title="x", description="")
    assert "kind" in exc.value.message_dict
    services.pooled_delete(resource=resource, by=member)

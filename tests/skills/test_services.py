"""Recruitment needs at check-ins: recorded and removed by the project's staff, bounded, audited."""

import pytest

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.skills import services
from essaim.skills.models import RecruitmentNeed
from tests.factories.accompaniment import CheckinFactory, ProjectFactory
from tests.replication.factories import build_world


@pytest.fixture
def world(db):
    w = build_world()
    w.checkin = CheckinFactory(project=ProjectFactory(programme=w.pc, commune=w.narbonne))
    return w


def test_staff_record_and_remove_a_need(world):
    w = world
    need = services.recruitment_need_add(
        checkin=w.checkin, by=w.c_staff, family="food", posts=3, note=" Deux  cuisiniers "
    )
    assert (need.family, need.posts, need.note, need.created_by) == ("food", 3, "Deux cuisiniers", w.c_staff)
    event = Event.objects.filter(action="create").latest("pk")
    assert event.project_id == w.checkin.project_id and event.programme_id == w.pc.pk
    services.recruitment_need_remove(checkin=w.checkin, need=need, by=w.c_staff)
    assert not RecruitmentNeed.objects.exists()
    assert Event.objects.filter(action="delete", project_id=w.checkin.project_id).count() == 1


@pytest.mark.parametrize("role", ["o_staff", "viewer", "carrier", "m_staff"])
def test_others_may_not(world, role):
    with pytest.raises(PermissionDenied):
        services.recruitment_need_add(checkin=world.checkin, by=getattr(world, role), family="food", posts=1)
    assert not RecruitmentNeed.objects.exists()


@pytest.mark.parametrize(
    ("family", "posts", "note", "field"),
    [
        ("cooking", 1, "", "family"),
        ("food", 0, "", "posts"),
        ("food", 501, "", "posts"),
        ("food", "x", "", "posts"),
        ("food", 1, "a" * 301, "note"),
    ],
)
def test_bad_input_is_refused_in_french(world, family, posts, note, field):
    with pytest.raises(ValidationError) as caught:
        services.recruitment_need_add(
            checkin=world.checkin, by=world.c_staff, family=family, posts=posts, note=note
        )
    assert field in caught.value.message_dict
    assert not RecruitmentNeed.objects.exists()


def test_a_need_of_another_checkin_is_not_removed(world):
    w = world
    other = CheckinFactory(project=w.checkin.project, months_after=12)
    need = services.recruitment_need_add(checkin=other, by=w.c_staff, family="food", posts=1)
    with pytest.raises(ValidationError):
        services.recruitment_need_remove(checkin=w.checkin, need=need, by=w.c_staff)
    assert RecruitmentNeed.objects.count() == 1

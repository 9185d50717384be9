"""The scoped fetches every caller uses: 404 for what the user may not know of, 403 for what they
may see but not change; children only through their parent."""

import pytest
from django.http import Http404

from essaim.accompaniment import selectors
from essaim.accompaniment.enums import CheckinStatus, ReferralStatus
from essaim.accompaniment.models import Mobilisation
from essaim.core.errors import PermissionDenied
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, ProjectFactory, ReferralFactory


def test_project_for_per_actor(world):
    assert selectors.project_for(world.member_a, world.project_a.pk).pk == world.project_a.pk
    assert selectors.project_for(world.carrier, world.project_a.pk).pk == world.project_a.pk
    assert selectors.project_for(world.platform_admin, world.project_b.pk).pk == world.project_b.pk
    for actor in ("staff_b", "other_carrier", "expert", "viewer"):
        with pytest.raises(Http404):
            selectors.project_for(getattr(world, actor), world.project_a.pk)
    with pytest.raises(PermissionDenied, match="Seule l'équipe du dispositif peut modifier ce projet."):
        selectors.project_for(world.carrier, world.project_a.pk, manage=True)
    assert selectors.project_for(world.member_a, world.project_a.pk, manage=True).pk == world.project_a.pk


def test_meeting_for_goes_through_the_project(world):
    meeting_a = MeetingFactory(project=world.project_a)
    meeting_b = MeetingFactory(project=world.project_b)
    assert (
        selectors.meeting_for(world.member_a, meeting_a.pk, project_pk=world.project_a.pk).pk == meeting_a.pk
    )
    # a platform admin sees both projects: only the parent filter keeps B's meeting out of A's address
    with pytest.raises(Http404):
        selectors.meeting_for(world.platform_admin, meeting_b.pk, project_pk=world.project_a.pk)
    with pytest.raises(PermissionDenied):
        selectors.meeting_for(world.carrier, meeting_a.pk, project_pk=world.project_a.pk)
    assert selectors.meeting_for(
        world.carrier, meeting_a.pk, project_pk=world.project_a.pk, manage=False
    ).pk == (meeting_a.pk)


def test_checkin_for_goes_through_the_project_and_skips_superseded(world):
    checkin_a = CheckinFactory(project=world.project_a)
    checkin_b = CheckinFactory(project=world.project_b)
    assert (
        selectors.checkin_for(world.admin_a, checkin_a.pk, project_pk=world.project_a.pk).pk == checkin_a.pk
    )
    with pytest.raises(Http404):
        selectors.checkin_for(world.platform_admin, checkin_b.pk, project_pk=world.project_a.pk)
    type(checkin_a).objects.filter(pk=checkin_a.pk).update(status=CheckinStatus.SUPERSEDED)
    with pytest.raises(Http404):
        selectors.checkin_for(world.admin_a, checkin_a.pk, project_pk=world.project_a.pk)


def test_mobilisation_for_goes_through_the_project(world):
    expert = world.expert.expert_profile
    mob_a = Mobilisation.objects.create(project=world.project_a, expert=expert, domain="legal", message="x")
    mob_b = Mobilisation.objects.create(project=world.project_b, expert=expert, domain="legal", message="x")
    assert selectors.mobilisation_for(world.member_a, mob_a.pk, project_pk=world.project_a.pk).pk == mob_a.pk
    with pytest.raises(Http404):
        selectors.mobilisation_for(world.platform_admin, mob_b.pk, project_pk=world.project_a.pk)
    assert selectors.expert_request_for(world.expert, mob_b.pk).pk == mob_b.pk
    with pytest.raises(Http404):
        selectors.expert_request_for(world.member_a, mob_a.pk)


def test_stage_for_goes_through_the_programme(world):
    stage_a = world.project_a.stage
    stage_b = world.project_b.stage
    assert selectors.stage_for(world.admin_a, stage_a.pk, programme_slug="incubateur-a").pk == stage_a.pk
    with pytest.raises(Http404):
        selectors.stage_for(world.platform_admin, stage_b.pk, programme_slug="incubateur-a")
    with pytest.raises(PermissionDenied):
        selectors.stage_for(world.member_a, stage_a.pk, programme_slug="incubateur-a")
    with pytest.raises(Http404):
        selectors.stage_for(world.staff_b, stage_a.pk, programme_slug="incubateur-a")


def test_programme_for(world):
    assert selectors.programme_for(world.member_a, "incubateur-a").pk == world.programme_a.pk
    with pytest.raises(Http404):
        selectors.programme_for(world.staff_b, "incubateur-a")
    with pytest.raises(Http404):
        selectors.programme_for(world.carrier, "incubateur-a")
    with pytest.raises(PermissionDenied):
        selectors.programme_for(world.member_a, "incubateur-a", admin=True)
    assert selectors.programme_for(world.admin_a, "incubateur-a", admin=True).pk == world.programme_a.pk


def test_referral_for_hides_what_the_carrier_has_not_consented_to(world):
    referral = ReferralFactory(project=world.project_a, to_programme=world.programme_b)
    assert selectors.referral_for(world.carrier, referral.pk).pk == referral.pk
    assert selectors.referral_for(world.member_a, referral.pk).pk == referral.pk
    with pytest.raises(Http404):
        selectors.referral_for(world.staff_b, referral.pk)
    referral.status = ReferralStatus.PROPOSED
    referral.save()
    assert selectors.referral_for(world.staff_b, referral.pk).pk == referral.pk
    with pytest.raises(Http404):
        selectors.referral_for(world.other_carrier, referral.pk)


def test_checklist_and_stages(world):
    project = ProjectFactory(programme=world.programme_a, checklist_done={"selection": ["interview"]})
    assert [(item["key"], done) for item, done in selectors.checklist(project)] == [
        ("application", False),
        ("interview", True),
        ("committee", False),
    ]
    assert [s.key for s in selectors.pipeline_stages(project)] == [
        "selection",
        "opportunite_faisabilite",
        "incubation",
        "creation",
        "suivi_post_creation",
    ]


def test_organisation_staff_are_its_active_members(world):
    world.member_a.is_active = False
    world.member_a.save()
    assert list(selectors.organisation_staff(world.org_a.pk)) == [world.admin_a]

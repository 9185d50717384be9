"""The predicates of accompaniment, per actor of the permission matrix."""

import pytest

from essaim.accompaniment import rules
from essaim.accompaniment.enums import ReferralStatus
from essaim.accounts.rules import can_delete_own_account
from essaim.core.actors import DEMO
from tests.factories.accompaniment import ReferralFactory

ACTORS = ["platform_admin", "admin_a", "member_a", "staff_b", "carrier", "other_carrier", "expert", "viewer"]


def who(world, predicate, obj=None):
    return {
        name
        for name in ACTORS
        if (predicate(getattr(world, name), obj) if obj is not None else predicate(getattr(world, name)))
    }


def test_project_predicates(world):
    project = world.project_a
    assert who(world, rules.can_manage_project, project) == {"platform_admin", "admin_a", "member_a"}
    assert who(world, rules.is_project_admin, project) == {"platform_admin", "admin_a"}
    assert who(world, rules.can_view_project, project) == {"platform_admin", "admin_a", "member_a", "carrier"}
    assert rules.can_manage_project(DEMO, project) is False


def test_referral_actors(world):
    referral = ReferralFactory(project=world.project_a, to_programme=world.programme_b)
    assert who(world, rules.is_referral_carrier, referral) == {"carrier"}
    assert who(world, rules.is_receiving_staff, referral) == {"staff_b"}
    assert who(world, rules.is_sending_staff, referral) == {"admin_a", "member_a"}
    assert who(world, rules.can_log_referred_meeting, referral) == {"platform_admin"}
    referral.status = ReferralStatus.ACCEPTED
    assert who(world, rules.can_log_referred_meeting, referral) == {"platform_admin", "staff_b"}


def test_programme_set_up(world):
    programme = world.programme_a
    assert who(world, rules.can_run_programme, programme) == {"platform_admin", "admin_a", "member_a"}
    assert who(world, rules.can_set_up_programme, programme) == {"platform_admin", "admin_a"}
    assert rules.can_set_up_programme(DEMO, programme) is True


def test_own_space(world):
    assert who(world, rules.can_browse_expert_pool) == {"platform_admin", "admin_a", "member_a", "staff_b"}
    assert who(world, can_delete_own_account) == {"carrier", "other_carrier", "expert", "viewer"}
    assert who(world, rules.can_edit_expert_profile, world.expert) == {"platform_admin", "expert"}
    mobilisation = world.expert.expert_profile.mobilisations.create(
        project=world.project_a, domain="legal", message="x"
    )
    assert who(world, rules.is_mobilised_expert, mobilisation) == {"expert"}
    assert who(world, rules.can_manage_project_child, mobilisation) == {
        "platform_admin",
        "admin_a",
        "member_a",
    }


@pytest.mark.parametrize("name", ["accompaniment.change_project", "accompaniment.override_pipeline"])
def test_permissions_are_registered(world, name):
    assert world.member_a.has_perm(name, world.project_a) is (name == "accompaniment.change_project")
    assert world.admin_a.has_perm(name, world.project_a) is True

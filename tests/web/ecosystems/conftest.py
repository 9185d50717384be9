import pytest

from essaim.ecosystems import services
from tests.ecosystems.factories import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def web(world):
    """A joined (Alpha a member), B invited and waiting, one joint project piloted by the leader's
    programme with Alpha financing it."""
    m = services.membership_invite(
        ecosystem=world.eco, organisation=world.org_a, programmes=[world.pa], by=world.leader_admin
    )
    services.membership_transition(membership=m, action="accept", by=world.a_admin)
    world.membership_a = m
    world.invitation_b = services.membership_invite(
        ecosystem=world.eco, organisation=world.org_b, programmes=[world.pb], by=world.leader_admin
    )
    world.joint = services.joint_project_create(
        ecosystem=world.eco, lead=world.pl, name="Recyclerie", model="generator", by=world.leader_admin
    )
    world.finances = services.contribution_add(
        joint_project=world.joint, programme=world.pa, role="finances", part="Prêt", by=world.leader_admin
    )
    return world

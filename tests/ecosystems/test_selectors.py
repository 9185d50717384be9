import pytest
from django.http import Http404

from essaim.core.errors import PermissionDenied
from essaim.ecosystems import selectors, services
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def join(w, organisation, programme, admin):
    m = services.membership_invite(
        ecosystem=w.eco, organisation=organisation, programmes=[programme], by=w.leader_admin
    )
    return services.membership_transition(membership=m, action="accept", by=admin)


@pytest.fixture
def joint(world):
    join(world, world.org_a, world.pa, world.a_admin)
    join(world, world.org_b, world.pb, world.b_admin)
    joint = services.joint_project_create(
        ecosystem=world.eco, lead=world.pl, name="Recyclerie", model="generator", by=world.leader_admin
    )
    services.contribution_add(
        joint_project=joint, programme=world.pa, role="finances", part="Prêt", by=world.leader_admin
    )
    services.contribution_add(
        joint_project=joint, programme=world.pb, role="hosts", part="Bureaux", by=world.leader_admin
    )
    return joint


def test_ecosystem_for_scopes_to_participants(world):
    join(world, world.org_a, world.pa, world.a_admin)
    for user in (world.leader_staff, world.a_staff, world.platform_admin):
        assert selectors.ecosystem_for(user, "eco-test").pk == world.eco.pk
        assert selectors.ecosystem_for(user, world.eco.pk).pk == world.eco.pk
    for user in (world.o_admin, world.b_admin, world.carrier, UserFactory()):
        with pytest.raises(Http404):
            selectors.ecosystem_for(user, "eco-test")
    with pytest.raises(PermissionDenied):
        selectors.ecosystem_for(world.a_admin, "eco-test", manage=True)
    assert selectors.ecosystem_for(world.leader_staff, "eco-test", manage=True) == world.eco
    with pytest.raises(Http404):
        selectors.ecosystem_for(world.leader_staff, "inconnu")


def _parts(view):
    return sorted((c.programme.slug, c.role) for c in view.contributions)


def test_each_contributor_sees_its_own_part(world, joint):
    everything = [("alpha", "finances"), ("beta", "hosts"), ("leader-reseau", "lead")]
    assert _parts(selectors.joint_project_for(world.leader_staff, world.eco, joint.pk)) == everything
    a_view = selectors.joint_project_for(world.a_staff, world.eco, joint.pk)
    assert (_parts(a_view), a_view.sees_all, a_view.lead.programme.slug) == (
        [("alpha", "finances")],
        False,
        "leader-reseau",
    )
    assert _parts(selectors.joint_project_for(world.b_admin, world.eco, joint.pk)) == [("beta", "hosts")]


def test_a_member_without_a_part_gets_a_404(world, joint):
    world.eco.members.add(world.po)  # Oméga is a member but contributes nothing
    assert selectors.joint_projects_for(world.o_admin, world.eco) == []
    with pytest.raises(Http404):
        selectors.joint_project_for(world.o_admin, world.eco, joint.pk)


def test_contribution_is_read_through_its_parents(world, joint):
    other = services.joint_project_create(
        ecosystem=world.eco, lead=world.pl, name="Autre", model="carrier", by=world.leader_admin
    )
    hosts = joint.contributions.get(role="hosts")
    assert selectors.contribution_for(world.eco, joint.pk, hosts.pk) == hosts
    with pytest.raises(Http404):
        selectors.contribution_for(world.eco, other.pk, hosts.pk)


def test_member_directory_merges_memberships_and_listed_programmes(world):
    join(world, world.org_a, world.pa, world.a_admin)
    world.eco.members.add(world.pb)
    rows = selectors.member_directory(world.eco)
    assert [(r.organisation.slug, r.role_label, [p.slug for p in r.programmes]) for r in rows] == [
        ("incubateur-alpha", "Membre", ["alpha"]),
        ("pepiniere-beta", "Membre", ["beta"]),
    ]
    assert (rows[0].contact, rows[1].contact) == (world.a_admin, None)


def test_ecosystems_of_a_programme_include_those_its_organisation_leads(world):
    world.eco.members.add(world.pa)
    assert selectors.ecosystems_of_programme(world.pl) == [world.eco]
    assert selectors.ecosystems_of_programme(world.pa) == [world.eco]
    assert selectors.ecosystems_of_programme(world.po) == []
    assert selectors.ecosystem_programme_ids("eco-test") == {world.pa.pk}


def test_invitations_of_my_organisations(world):
    invited = services.membership_invite(ecosystem=world.eco, organisation=world.org_a, by=world.leader_admin)
    assert list(selectors.pending_invitations(world.a_staff)) == [invited]
    assert list(selectors.pending_invitations(world.b_admin)) == []
    assert selectors.invitation_for(world.a_staff, invited.pk) == invited
    with pytest.raises(Http404):
        selectors.invitation_for(world.b_admin, invited.pk)

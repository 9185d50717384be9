"""Every list page of ecosystems: the number of queries does not grow with the items."""

import pytest
from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from essaim.ecosystems import services
from tests.factories.accompaniment import ReferralFactory
from tests.factories.accounts import MembershipFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory


def grow(w, n):
    """n more member organisations (each with a programme, a contact, a contribution, passerelles),
    n more ecosystems, n invitations to organisation A."""
    for i in range(n):
        organisation = OrganisationFactory()
        programme = ProgrammeFactory(organisation=organisation)
        admin = MembershipFactory(organisation=organisation, role="admin").user
        m = services.membership_invite(
            ecosystem=w.eco, organisation=organisation, programmes=[programme], by=w.leader_admin
        )
        services.membership_transition(membership=m, action="accept", by=admin)
        services.contribution_add(joint_project=w.joint, programme=programme, role="hosts", by=w.leader_admin)
        joint = services.joint_project_create(
            ecosystem=w.eco, lead=w.pl, name=f"Projet {i}", model="carrier", by=w.leader_admin
        )
        services.contribution_add(joint_project=joint, programme=w.pa, role="finances", by=w.leader_admin)
        for _ in range(2):
            ReferralFactory(project__programme=w.pa, to_programme=programme, status=ReferralStatus.ACCEPTED)
        other = EcosystemFactory(leader=OrganisationFactory())
        other.members.add(programme)
        services.membership_invite(ecosystem=other, organisation=w.org_a, by=w.platform_admin)


PAGES = [
    ("list", [], "anonymous", 4),
    ("detail", ["eco-test"], "anonymous", 7),
    ("home", [], "a_admin", 11),
    ("invitations", [], "a_admin", 10),
    ("workspace", ["eco-test"], "leader_admin", 20),
    ("workspace", ["eco-test"], "a_staff", 19),
    ("joint", ["eco-test", "joint"], "leader_admin", 14),
    ("joint", ["eco-test", "joint"], "a_staff", 14),
]


@pytest.mark.parametrize("n", [1, 6])
@pytest.mark.parametrize(("name", "args", "actor", "queries"), PAGES, ids=[f"{p[0]}-{p[2]}" for p in PAGES])
def test_list_pages_query_count(client, web, django_assert_max_num_queries, n, name, args, actor, queries):
    grow(web, n)
    if actor != "anonymous":
        client.force_login(getattr(web, actor))
    url = reverse(f"ecosystems:{name}", args=[web.joint.pk if a == "joint" else a for a in args])
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200

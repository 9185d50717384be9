import pytest
from django.urls import reverse

from essaim.directory.models import Ecosystem
from essaim.ecosystems import services
from essaim.ecosystems.models import Contribution, EcosystemMembership, JointProject
from tests.factories.directory import EcosystemFactory
from tests.web.ecosystems.text import text_of

pytestmark = pytest.mark.django_db


def test_invite_by_name_then_accept(client, world):
    client.force_login(world.leader_admin)
    url = reverse("ecosystems:invite", args=["eco-test"])
    response = client.post(
        url, {"organisation": "incubateur alpha", "role": "member", "message": "Bienvenue"}
    )
    assert response.status_code == 302
    membership = EcosystemMembership.objects.get(ecosystem=world.eco, organisation=world.org_a)
    assert (membership.state, list(membership.programmes.values_list("slug", flat=True))) == (
        "invited",
        ["alpha"],
    )

    client.force_login(world.a_admin)
    assert "Accepter l'invitation" in text_of(client.get(reverse("ecosystems:invitations")))
    answer = reverse("ecosystems:invitation_answer", args=[membership.pk])
    assert client.post(answer, {"action": "accept"}).status_code == 302
    assert list(world.eco.members.values_list("slug", flat=True)) == ["alpha"]
    text = text_of(client.get(reverse("ecosystems:workspace", args=["eco-test"])))
    assert "Incubateur Alpha Membre Alpha A Admin a-admin@example.org" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"organisation": "Nulle Part", "role": "member"},
            "Aucune organisation ne porte ce nom ou cet identifiant.",
        ),
        ({"organisation": "incubateur-alpha", "role": "conductor"}, "Ce rôle est celui d'une collectivité"),
        ({"organisation": "reseau-leader", "role": "member"}, "Cette organisation anime déjà l'écosystème."),
        ({"organisation": "incubateur-alpha", "role": "inconnu"}, "Sélectionnez un choix valide."),
        ({"organisation": "x" * 300, "role": "member"}, "au plus 200 caractères"),
    ],
    ids=["unknown", "authority-role", "leader", "bad-role", "too-long"],
)
def test_invite_bad_input(client, world, data, message):
    client.force_login(world.leader_admin)
    response = client.post(reverse("ecosystems:invite", args=["eco-test"]), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'").replace("&#39;", "'")
    assert EcosystemMembership.objects.count() == 0


def test_unknown_move_is_a_400(client, web):
    client.force_login(web.b_admin)
    response = client.post(
        reverse("ecosystems:invitation_answer", args=[web.invitation_b.pk]), {"action": "remove"}
    )
    assert response.status_code == 400
    web.invitation_b.refresh_from_db()
    assert web.invitation_b.state == "invited"


def test_remove_a_member(client, web):
    client.force_login(web.leader_staff)
    response = client.post(reverse("ecosystems:member_remove", args=["eco-test", web.org_a.pk]))
    assert response.status_code == 302
    assert list(web.eco.members.all()) == []
    assert (
        client.post(reverse("ecosystems:member_remove", args=["eco-test", web.org_o.pk])).status_code == 404
    )


def test_create_a_joint_project_and_add_a_contributor(client, web):
    client.force_login(web.leader_admin)
    response = client.post(
        reverse("ecosystems:joint_create", args=["eco-test"]),
        {"lead": web.pl.pk, "name": "Conserverie", "model": "carrier", "summary": "", "part": "Pilote"},
    )
    joint = JointProject.objects.get(project__name="Conserverie")
    assert response["Location"] == reverse("ecosystems:joint", args=["eco-test", joint.pk])
    add = reverse("ecosystems:contribution_add", args=["eco-test", joint.pk])
    assert client.post(add, {"programme": web.pa.pk, "role": "hosts", "part": "Atelier"}).status_code == 302
    assert sorted(joint.contributions.values_list("programme__slug", "role")) == [
        ("alpha", "hosts"),
        ("leader-reseau", "lead"),
    ]
    # A lead the creator does not run is refused in words.
    response = client.post(
        reverse("ecosystems:joint_create", args=["eco-test"]),
        {"lead": web.pa.pk, "name": "X", "model": "carrier"},
    )
    assert response.status_code == 400
    assert JointProject.objects.filter(project__name="X").count() == 0


def test_a_contributor_sees_its_part_only(client, web):
    services.membership_invite(
        ecosystem=web.eco, organisation=web.org_o, programmes=[web.po], by=web.leader_admin
    )
    membership = EcosystemMembership.objects.get(organisation=web.org_o)
    services.membership_transition(membership=membership, action="accept", by=web.o_admin)
    services.contribution_add(
        joint_project=web.joint, programme=web.po, role="hosts", part="Hangar", by=web.leader_admin
    )
    url = reverse("ecosystems:joint", args=["eco-test", web.joint.pk])
    client.force_login(web.a_staff)
    text = text_of(client.get(url))
    assert "Alpha Finance Prêt" in text and "Hangar" not in text and "Votre contribution" in text
    client.force_login(web.o_admin)
    text = text_of(client.get(url))
    assert "Oméga Héberge Hangar" in text and "Prêt" not in text
    client.force_login(web.leader_staff)
    text = text_of(client.get(url))
    assert "Prêt" in text and "Hangar" in text


def test_children_of_another_ecosystem_are_404(client, web):
    other = EcosystemFactory(slug="autre-eco", leader=web.org_l)
    other_joint = services.joint_project_create(
        ecosystem=other, lead=web.pl, name="Ailleurs", model="carrier", by=web.leader_admin
    )
    lead = Contribution.objects.get(joint_project=other_joint)
    client.force_login(web.leader_admin)
    assert client.get(reverse("ecosystems:joint", args=["eco-test", other_joint.pk])).status_code == 404
    remove = reverse("ecosystems:contribution_remove", args=["eco-test", web.joint.pk, lead.pk])
    assert client.post(remove).status_code == 404
    transition = reverse("ecosystems:membership_transition", args=["autre-eco", web.invitation_b.pk])
    assert client.post(transition, {"action": "withdraw"}).status_code == 404
    assert Ecosystem.objects.get(slug="autre-eco").memberships.count() == 0

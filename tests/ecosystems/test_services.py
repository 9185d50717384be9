import pytest
from django.core import mail

from essaim.accompaniment.models import Project
from essaim.audit.models import Event
from essaim.core.actors import DEMO
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.ecosystems import services
from essaim.ecosystems.models import Contribution, EcosystemMembership

pytestmark = pytest.mark.django_db


def invite(w, organisation=None, **kwargs):
    organisation = organisation or w.org_a
    programmes = kwargs.pop("programmes", [w.pa] if organisation == w.org_a else [])
    return services.membership_invite(
        ecosystem=w.eco, organisation=organisation, programmes=programmes, by=w.leader_staff, **kwargs
    )


def test_invite_then_accept_adds_the_programmes(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = invite(world, message="Rejoignez-nous")
    assert (membership.state, membership.role) == ("invited", "member")
    assert list(world.eco.members.all()) == []
    assert [m.to for m in mail.outbox] == [["a-admin@example.org"]]
    assert mail.outbox[0].subject == "Invitation à rejoindre l'écosystème Éco Test"
    assert "Rejoignez-nous" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.membership_transition(membership=membership, action="accept", by=world.a_admin)
    assert accepted.state == "active"
    assert accepted.contact == world.a_admin
    assert list(world.eco.members.values_list("slug", flat=True)) == ["alpha"]
    assert mail.outbox[-1].to == ["leader-admin@example.org"]
    moves = Event.objects.filter(object_type="ecosystems.ecosystemmembership", action="transition")
    assert list(moves.values_list("from_state", "to_state")) == [("invited", "active")]


def test_only_the_invited_admins_answer(world):
    membership = invite(world)
    for user in (world.a_staff, world.leader_admin, world.b_admin, world.platform_admin):
        with pytest.raises(PermissionDenied):
            services.membership_transition(membership=membership, action="accept", by=user)
    membership.refresh_from_db()
    assert membership.state == "invited"


def test_decline_then_reinvite(world):
    membership = invite(world)
    services.membership_transition(
        membership=membership, action="decline", by=world.a_admin, comment="Pas maintenant"
    )
    assert EcosystemMembership.objects.get(pk=membership.pk).state == "declined"
    again = invite(world, message="Deuxième essai")
    assert (again.pk, again.state, again.message) == (membership.pk, "invited", "Deuxième essai")


def test_invite_refusals(world):
    with pytest.raises(PermissionDenied):
        services.membership_invite(ecosystem=world.eco, organisation=world.org_a, by=world.a_admin)
    with pytest.raises(ValidationError) as caught:
        services.membership_invite(ecosystem=world.eco, organisation=world.org_l, by=world.leader_staff)
    assert caught.value.message_dict == {"organisation": ["Cette organisation anime déjà l'écosystème."]}
    with pytest.raises(ValidationError) as caught:
        invite(world, programmes=[world.pb])
    assert caught.value.message_dict == {
        "programmes": ["Choisissez des dispositifs de l'organisation invitée."]
    }
    invite(world)
    with pytest.raises(ValidationError) as caught:
        invite(world)
    assert caught.value.message_dict == {
        "organisation": ["Cette organisation est déjà membre ou déjà invitée."]
    }
    with pytest.raises(ValidationError):
        invite(world, organisation=world.org_b, message="x" * 1001)


def test_a_local_authority_is_a_member_with_its_role(world):
    membership = invite(world, organisation=world.org_c, role="conductor")
    services.membership_transition(membership=membership, action="accept", by=world.c_admin)
    membership.refresh_from_db()
    assert (membership.state, membership.get_role_display()) == ("active", "Chef d'orchestre")


def test_an_authority_role_is_refused_to_an_ess_organisation(world):
    with pytest.raises(ValidationError) as caught:
        invite(world, role="conductor")
    assert caught.value.message_dict == {
        "role": ["Ce rôle est celui d'une collectivité ; choisissez « Membre » pour cette organisation."]
    }
    with pytest.raises(ValidationError):
        invite(world, role="inconnu")


def test_remove_takes_the_programmes_out(world):
    membership = invite(world)
    services.membership_transition(membership=membership, action="accept", by=world.a_admin)
    removed = services.member_remove(ecosystem=world.eco, organisation=world.org_a, by=world.leader_staff)
    assert removed.state == "removed"
    assert list(world.eco.members.all()) == []
    with pytest.raises(TransitionNotAllowed):
        services.membership_transition(membership=removed, action="remove", by=world.leader_staff)


def test_remove_a_member_listed_by_the_data(world):
    world.eco.members.add(world.pb)
    removed = services.member_remove(ecosystem=world.eco, organisation=world.org_b, by=world.leader_admin)
    assert (removed.organisation, removed.state) == (world.org_b, "removed")
    assert list(world.eco.members.all()) == []
    with pytest.raises(ValidationError):
        services.member_remove(ecosystem=world.eco, organisation=world.org_o, by=world.leader_admin)


def test_member_leaves(world):
    membership = invite(world)
    services.membership_transition(membership=membership, action="accept", by=world.a_admin)
    with pytest.raises(PermissionDenied):
        services.membership_transition(membership=membership, action="leave", by=world.leader_admin)
    left = services.membership_transition(membership=membership, action="leave", by=world.a_admin)
    assert left.state == "left"
    assert list(world.eco.members.all()) == []


def test_reinvite_is_not_a_move_of_its_own(world):
    membership = invite(world)
    with pytest.raises(ValidationError):
        services.membership_transition(membership=membership, action="reinvite", by=world.leader_admin)


def test_contact_is_one_of_the_members_staff(world):
    membership = invite(world)
    services.membership_transition(membership=membership, action="accept", by=world.a_admin)
    services.membership_contact_set(membership=membership, contact=world.a_staff, by=world.a_admin)
    assert EcosystemMembership.objects.get(pk=membership.pk).contact == world.a_staff
    with pytest.raises(ValidationError):
        services.membership_contact_set(membership=membership, contact=world.b_admin, by=world.a_admin)
    with pytest.raises(PermissionDenied):
        services.membership_contact_set(membership=membership, contact=None, by=world.leader_admin)


def test_membership_record_is_idempotent(world):
    first = services.membership_record(
        ecosystem=world.eco, organisation=world.org_a, programmes=[world.pa], by=DEMO
    )
    second = services.membership_record(
        ecosystem=world.eco, organisation=world.org_a, programmes=[world.pa], by=DEMO
    )
    assert (first.pk, first.state) == (second.pk, "active")
    assert list(world.eco.members.values_list("slug", flat=True)) == ["alpha"]
    with pytest.raises(PermissionDenied):
        services.membership_record(ecosystem=world.eco, organisation=world.org_b, by=world.leader_admin)


def join(w, organisation, programme, admin):
    m = services.membership_invite(
        ecosystem=w.eco, organisation=organisation, programmes=[programme], by=w.leader_admin
    )
    services.membership_transition(membership=m, action="accept", by=admin)


def test_joint_project_with_contributors(world):
    join(world, world.org_a, world.pa, world.a_admin)
    join(world, world.org_b, world.pb, world.b_admin)
    joint = services.joint_project_create(
        ecosystem=world.eco,
        lead=world.pl,
        name="Recyclerie",
        model="generator",
        by=world.leader_staff,
        part="Pilote",
    )
    project = Project.objects.get(pk=joint.project_id)
    assert (project.programme, project.name, project.model) == (world.pl, "Recyclerie", "generator")
    services.contribution_add(
        joint_project=joint, programme=world.pa, role="finances", part="Prêt d'honneur", by=world.leader_staff
    )
    services.contribution_add(joint_project=joint, programme=world.pb, role="hosts", by=world.leader_staff)
    assert sorted(joint.contributions.values_list("programme__slug", "role")) == [
        ("alpha", "finances"),
        ("beta", "hosts"),
        ("leader-reseau", "lead"),
    ]
    with pytest.raises(ValidationError):
        services.contribution_add(
            joint_project=joint, programme=world.pa, role="finances", by=world.leader_staff
        )
    with pytest.raises(ValidationError):
        services.contribution_add(
            joint_project=joint, programme=world.po, role="hosts", by=world.leader_staff
        )
    with pytest.raises(ValidationError):
        services.contribution_add(joint_project=joint, programme=world.pa, role="lead", by=world.leader_staff)
    with pytest.raises(PermissionDenied):
        services.contribution_add(joint_project=joint, programme=world.pa, role="hosts", by=world.a_admin)
    lead = joint.contributions.get(role="lead")
    with pytest.raises(ValidationError):
        services.contribution_remove(contribution=lead, by=world.leader_staff)
    hosts = joint.contributions.get(role="hosts")
    services.contribution_remove(contribution=hosts, by=world.leader_staff)
    assert not Contribution.objects.filter(pk=hosts.pk).exists()


def test_joint_project_lead_must_be_run_by_the_creator(world):
    join(world, world.org_a, world.pa, world.a_admin)
    with pytest.raises(ValidationError) as caught:
        services.joint_project_create(
            ecosystem=world.eco, lead=world.pa, name="X", model="carrier", by=world.leader_staff
        )
    assert list(caught.value.message_dict) == ["lead"]
    with pytest.raises(ValidationError):
        services.joint_project_create(
            ecosystem=world.eco, lead=world.po, name="X", model="carrier", by=world.platform_admin
        )
    with pytest.raises(PermissionDenied):
        services.joint_project_create(
            ecosystem=world.eco, lead=world.pa, name="X", model="carrier", by=world.a_admin
        )
    assert Project.objects.count() == 0

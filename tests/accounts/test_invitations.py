"""Invitations to join a team: services, workflow, tokens, personal data, retention."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from essaim.accounts import privacy
from essaim.accounts.models import Invitation, InvitationState, Membership, User
from essaim.accounts.services.invitations import invitation_accept, invitation_create, invitation_revoke
from essaim.accounts.tokens import invitation_from_token, invitation_token
from essaim.audit.models import Event
from essaim.core import retention
from essaim.core.errors import PermissionDenied, ValidationError
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    admin = MembershipFactory(role=Membership.Role.ADMIN, user=UserFactory(full_name="Inès Admin"))
    return admin.organisation, admin.user


def invite(team, email="camille@example.org", role=Membership.Role.MEMBER):
    organisation, admin = team
    return invitation_create(organisation=organisation, email=email, role=role, by=admin)


def test_an_admin_invites_and_the_invited_address_is_mailed(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(team, email=" Camille@Example.org ")
    assert (invitation.email, invitation.state, invitation.invited_by) == (
        "camille@example.org",
        InvitationState.PENDING,
        team[1],
    )
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["camille@example.org"], f"Invitation à rejoindre l'équipe de {team[0].name} sur Essaim")
    ]
    assert "Inès Admin vous invite" in mail.outbox[0].body
    event = Event.objects.get(object_type="accounts.invitation")
    assert (event.organisation_id, event.verb, "camille" in str(event.changes) + event.object_repr) == (
        team[0].pk,
        "invitation_create",
        False,
    )


def test_only_the_organisation_s_admins_and_platform_admins_invite(team):
    organisation, _admin = team
    member = MembershipFactory(organisation=organisation).user
    stranger = MembershipFactory(role=Membership.Role.ADMIN).user  # admin elsewhere
    for by in (member, stranger, UserFactory(carrier=True)):
        with pytest.raises(PermissionDenied):
            invitation_create(organisation=organisation, email="x@example.org", role="member", by=by)
    assert invitation_create(
        organisation=organisation, email="x@example.org", role="admin", by=UserFactory(admin=True)
    )
    assert Invitation.objects.count() == 1


def test_bad_invitations_are_refused_in_french(team):
    organisation, admin = team
    invite(team, email="camille@example.org")
    cases = [
        ("pas une adresse", "member", "Saisissez une adresse électronique valide."),
        ("nouvelle@example.org", "owner", "Choisissez un rôle dans la liste."),
        (admin.email, "member", "Cette personne fait déjà partie de l'équipe."),
        ("CAMILLE@example.org", "member", "Une invitation est déjà en attente pour cette adresse"),
    ]
    for email, role, message in cases:
        with pytest.raises(ValidationError) as caught:
            invitation_create(organisation=organisation, email=email, role=role, by=admin)
        assert message in " ".join(caught.value.messages)
    assert Invitation.objects.count() == 1


def test_accepting_makes_a_member_once(team):
    invitation = invite(team, role=Membership.Role.ADMIN)
    camille = UserFactory(email="camille@example.org")
    invitation_accept(invitation=invitation, by=camille)
    invitation.refresh_from_db()
    assert (invitation.state, invitation.accepted_by, invitation.decided_at is not None) == (
        InvitationState.ACCEPTED,
        camille,
        True,
    )
    assert Membership.objects.get(user=camille).role == Membership.Role.ADMIN
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, by=camille)
    assert Membership.objects.filter(user=camille).count() == 1


def test_another_account_cannot_accept(team):
    invitation = invite(team)
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=invitation, by=UserFactory(email="autre@example.org"))
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_an_expired_invitation_cannot_be_accepted(team):
    invitation = invite(team)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    invitation.refresh_from_db()
    assert (invitation.status, invitation.get_status_display()) == (InvitationState.EXPIRED, "expirée")
    with pytest.raises(ValidationError) as caught:
        invitation_accept(invitation=invitation, by=UserFactory(email="camille@example.org"))
    assert "Cette invitation a expiré" in caught.value.messages[0]
    assert not Membership.objects.filter(user__email="camille@example.org").exists()


def test_revoking_ends_the_invitation_and_only_admins_revoke(team):
    organisation, admin = team
    invitation = invite(team)
    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, by=MembershipFactory(organisation=organisation).user)
    invitation_revoke(invitation=invitation, by=admin)
    invitation.refresh_from_db()
    assert invitation.status == InvitationState.REVOKED
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, by=UserFactory(email="camille@example.org"))


def test_a_token_names_its_invitation_and_nothing_else(team):
    invitation = invite(team)
    invitation.refresh_from_db()
    assert invitation_from_token(invitation_token(invitation, "mauvaise-clé")) is None
    assert invitation_from_token("n'importe:quoi") is None
    assert invitation_from_token("") is None


def test_personal_data_export_and_erasure_cover_invitations(team):
    organisation, admin = team
    invitation = invite(team)
    camille = UserFactory(email="camille@example.org")
    exported = privacy.personal_data_export(user=camille)["invitations"]
    assert exported["received"] == [
        {
            "organisation": organisation.slug,
            "role": "member",
            "state": "pending",
            "created_at": invitation.created_at.isoformat(),
            "expires_at": invitation.expires_at.isoformat(),
            "decided_at": None,
        }
    ]
    assert [
        row["organisation"] for row in privacy.personal_data_export(user=admin)["invitations"]["sent"]
    ] == [organisation.slug]
    privacy.account_erase(user=camille)
    assert not Invitation.objects.filter(email="camille@example.org").exists()
    assert not Event.objects.filter(object_repr__icontains="camille").exists()
    invite(team, email="dominique@example.org")
    privacy.account_erase(user=admin)
    assert list(Invitation.objects.values_list("email", "invited_by")) == [("dominique@example.org", None)]


def test_retention_deletes_old_invitations_and_unconfirmed_sign_ups(team, settings):
    settings.RETENTION_DAYS = {"invitations": 90, "unconfirmed_accounts": 30}
    now = timezone.now()
    old, recent, decided = (
        invite(team, email="a@example.org"),
        invite(team, email="b@example.org"),
        invite(team, email="c@example.org"),
    )
    Invitation.objects.filter(pk=old.pk).update(expires_at=now - dt.timedelta(days=91))
    Invitation.objects.filter(pk=recent.pk).update(expires_at=now - dt.timedelta(days=89))
    Invitation.objects.filter(pk=decided.pk).update(state="revoked", decided_at=now - dt.timedelta(days=91))
    UserFactory(
        email="vieille@example.org",
        is_active=False,
        awaiting_confirmation=True,
        date_joined=now - dt.timedelta(days=31),
    )
    UserFactory(
        email="recente@example.org",
        is_active=False,
        awaiting_confirmation=True,
        date_joined=now - dt.timedelta(days=29),
    )
    UserFactory(email="desactivee@example.org", is_active=False, date_joined=now - dt.timedelta(days=400))
    assert retention.purge(now=now, kinds=["invitations", "unconfirmed_accounts"]) == {
        "invitations": 2,
        "unconfirmed_accounts": 1,
    }
    assert list(Invitation.objects.values_list("email", flat=True)) == ["b@example.org"]
    assert not User.objects.filter(email="vieille@example.org").exists()
    assert User.objects.filter(email__in=["recente@example.org", "desactivee@example.org"]).count() == 2


def test_an_invitation_belongs_to_its_organisation_only(team):
    invitation = invite(team)
    other = OrganisationFactory()
    assert list(other.invitations.all()) == []
    assert list(team[0].invitations.all()) == [invitation]

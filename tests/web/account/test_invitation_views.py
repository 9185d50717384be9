"""Invitation pages: the admins' list (invite, revoke) and the invited person's page."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.accounts.models import Invitation, InvitationState, Membership, User
from essaim.accounts.services.invitations import invitation_create
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ruche-au-printemps-2026"


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def team():
    programme = ProgrammeFactory()
    admin = MembershipFactory(organisation=programme.organisation, role=Membership.Role.ADMIN).user
    return programme.organisation, admin


def list_url(organisation) -> str:
    return reverse("web:team_invitations", args=[organisation.slug])


def revoke_url(organisation, invitation) -> str:
    return reverse("web:invitation_revoke", args=[organisation.slug, invitation.pk])


def invite(team, callbacks, email="camille@example.org", role="member") -> str:
    """Invite and return the path of the link mailed."""
    organisation, admin = team
    with callbacks(execute=True):
        invitation_create(organisation=organisation, email=email, role=role, by=admin)
    return re.search(r"http://\S+", mail.outbox[-1].body).group(0).removeprefix("http://127.0.0.1:8000")


# --- the admins' page ---------------------------------------------------------------------


def test_an_admin_invites_from_the_team_page(client, team, django_capture_on_commit_callbacks):
    organisation, admin = team
    client.force_login(admin)
    assert client.get(list_url(organisation)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(list_url(organisation), {"email": "camille@example.org", "role": "admin"})
    assert response["Location"] == list_url(organisation)
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.email, invitation.role) == (
        organisation,
        "camille@example.org",
        "admin",
    )
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    page = text(client.get(list_url(organisation)))
    assert "camille@example.org" in page
    assert "en attente" in page
    assert revoke_url(organisation, invitation) in page


def test_the_list_shows_each_state_in_words(client, team, django_capture_on_commit_callbacks):
    organisation, admin = team
    for email in sorted(["a@example.org", "b@example.org", "c@example.org", "d@example.org"]):
        invite(team, django_capture_on_commit_callbacks, email=email)
    Invitation.objects.filter(email="b@example.org").update(state="accepted", decided_at=timezone.now())
    Invitation.objects.filter(email="c@example.org").update(expires_at=timezone.now() - dt.timedelta(days=1))
    Invitation.objects.filter(email="d@example.org").update(state="revoked", decided_at=timezone.now())
    client.force_login(admin)
    page = text(client.get(list_url(organisation)))
    for state in ("en attente", "acceptée", "expirée", "révoquée"):
        assert f'<span class="badge">{state}</span>' in page
    # Revocable: the pending one and the expired one (still pending), not the others.
    assert page.count("Révoquer") == 2


def test_bad_input_is_refused_in_french(client, team):
    organisation, admin = team
    client.force_login(admin)
    response = client.post(list_url(organisation), {"email": admin.email, "role": "member"})
    assert response.status_code == 400
    assert "Cette personne fait déjà partie de l'équipe." in text(response)
    response = client.post(list_url(organisation), {"email": "x" * 300, "role": "chef"})
    assert response.status_code == 400
    assert Invitation.objects.count() == 0


def test_anonymous_is_sent_to_login(client, team):
    organisation, _admin = team
    response = client.get(list_url(organisation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_a_member_who_is_not_admin_gets_403_and_a_stranger_404(client, team):
    organisation, _admin = team
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    assert client.get(list_url(organisation)).status_code == 403
    assert (
        client.post(list_url(organisation), {"email": "x@example.org", "role": "member"}).status_code == 403
    )
    client.force_login(MembershipFactory(role=Membership.Role.ADMIN).user)  # admin of another team
    assert client.get(list_url(organisation)).status_code == 404
    assert client.get(reverse("web:team_invitations", args=["inconnue"])).status_code == 404
    assert Invitation.objects.count() == 0


def test_a_platform_admin_may_invite(client, team):
    organisation, _admin = team
    client.force_login(UserFactory(admin=True))
    assert (
        client.post(list_url(organisation), {"email": "x@example.org", "role": "member"}).status_code == 302
    )


def test_revoking(client, team, django_capture_on_commit_callbacks):
    organisation, admin = team
    link = invite(team, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.force_login(admin)
    assert client.get(revoke_url(organisation, invitation)).status_code == 405
    response = client.post(revoke_url(organisation, invitation))
    assert response["Location"] == list_url(organisation)
    assert Invitation.objects.get().state == InvitationState.REVOKED
    assert client.post(revoke_url(organisation, invitation)).status_code == 400  # already revoked
    client.logout()
    assert client.get(link).status_code == 410


def test_an_invitation_is_revoked_only_through_its_own_team(client, team, django_capture_on_commit_callbacks):
    invite(team, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    other = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(other.user)
    assert client.post(revoke_url(other.organisation, invitation)).status_code == 404
    client.force_login(MembershipFactory(organisation=team[0]).user)
    assert client.post(revoke_url(team[0], invitation)).status_code == 403
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_the_list_costs_the_same_queries_for_one_or_many(
    client, team, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    organisation, admin = team
    invite(team, django_capture_on_commit_callbacks, email="a@example.org")
    client.force_login(admin)
    client.get(list_url(organisation))  # the first page of a session notes the navigation's counts in it
    with django_assert_max_num_queries(10) as one:
        client.get(list_url(organisation))
    for i in range(8):
        invite(team, django_capture_on_commit_callbacks, email=f"p{i}@example.org")
    with django_assert_max_num_queries(10) as many:
        response = client.get(list_url(organisation))
    assert len(response.context["rows"]) == 9
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_account_page_links_admins_to_their_team_invitations(client, team):
    organisation, admin = team
    client.force_login(admin)
    assert list_url(organisation) in client.get(reverse("web:account")).content.decode()
    client.force_login(MembershipFactory(organisation=organisation).user)
    assert list_url(organisation) not in client.get(reverse("web:account")).content.decode()


# --- the invited person's page -----------------------------------------------------------


def test_someone_without_an_account_creates_it_and_joins(client, team, django_capture_on_commit_callbacks):
    organisation, _admin = team
    link = invite(team, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert page.status_code == 200
    assert "Créez votre compte pour rejoindre l'équipe" in text(page)
    response = client.post(link, {"full_name": "Camille Martin", "password": NEW_PASSWORD})
    programme_slug = organisation.programmes.get().slug
    assert response["Location"] == reverse("workspace:board", args=[programme_slug])
    user = User.objects.get(email="camille@example.org")
    assert (user.is_active, user.full_name, user.awaiting_confirmation) == (True, "Camille Martin", False)
    assert Membership.objects.get(user=user).organisation == organisation
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Invitation.objects.get().state == InvitationState.ACCEPTED


def test_the_link_works_once(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    client.post(link, {"full_name": "Camille Martin", "password": NEW_PASSWORD})
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "Cette invitation n'est plus valable (acceptée)" in text(again)
    assert client.post(link, {"full_name": "Autre", "password": NEW_PASSWORD}).status_code == 410
    assert User.objects.get(email="camille@example.org").full_name == "Camille Martin"


def test_an_expired_link_is_refused(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "(expirée)" in text(response)
    assert client.post(link, {"full_name": "Camille", "password": NEW_PASSWORD}).status_code == 410
    assert not User.objects.filter(email="camille@example.org").exists()


def test_a_forged_link_is_404(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    assert client.get(link[:-3] + "xyz/").status_code == 404
    assert client.get(reverse("web:invitation_accept", args=["n-importe-quoi"])).status_code == 404


def test_someone_with_an_account_signs_in_then_accepts(client, team, django_capture_on_commit_callbacks):
    organisation, _admin = team
    camille = UserFactory(email="camille@example.org")
    link = invite(team, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert "connectez-vous pour accepter" in text(page)
    assert (
        client.post(link, {"full_name": "X", "password": NEW_PASSWORD}).status_code == 200
    )  # nothing created
    login = client.post(reverse("web:login"), {"email": camille.email, "password": PASSWORD, "next": link})
    assert login["Location"] == link
    assert "Accepter l'invitation" in text(client.get(link))
    assert not Membership.objects.filter(user=camille).exists()  # GET accepts nothing
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=camille).organisation == organisation
    camille.refresh_from_db()
    assert camille.check_password(PASSWORD)


def test_another_signed_in_account_cannot_accept(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    other = UserFactory(email="autre@example.org")
    client.force_login(other)
    page = client.get(link)
    assert page.status_code == 403
    assert "Vous êtes connecté avec l'adresse autre@example.org" in text(page)
    assert client.post(link).status_code == 403
    assert not Membership.objects.filter(user=other).exists()
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_an_account_awaiting_confirmation_is_confirmed_by_the_invitation(
    client, team, django_capture_on_commit_callbacks
):
    squatted = UserFactory(email="camille@example.org", is_active=False, awaiting_confirmation=True)
    link = invite(team, django_capture_on_commit_callbacks)
    client.post(link, {"full_name": "Camille Martin", "password": NEW_PASSWORD})
    squatted.refresh_from_db()
    assert (squatted.is_active, squatted.awaiting_confirmation, squatted.check_password(NEW_PASSWORD)) == (
        True,
        False,
        True,
    )


def test_a_weak_password_is_refused_and_nothing_is_created(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    response = client.post(link, {"full_name": "Camille Martin", "password": "camille"})
    assert response.status_code == 400
    assert not User.objects.filter(email="camille@example.org").exists()
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_invitation_page_wrong_method(client, team, django_capture_on_commit_callbacks):
    link = invite(team, django_capture_on_commit_callbacks)
    assert client.put(link).status_code == 405

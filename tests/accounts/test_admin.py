"""Invitations in the admin: added through `invitation_create` (the e-mail sent), revoked through
`invitation_revoke`, never edited or deleted by hand."""

import pytest
from django.core import mail
from django.urls import reverse

from essaim.accounts.models import Invitation, InvitationState, Membership
from essaim.accounts.services.invitations import invitation_create
from essaim.audit.models import Event
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin():
    return UserFactory(admin=True)


@pytest.fixture
def admin_client(client, platform_admin):
    client.force_login(platform_admin)
    return client


def _invite(organisation, by, email="camille@example.org"):
    return invitation_create(organisation=organisation, email=email, role=Membership.Role.MEMBER, by=by)


def test_a_platform_admin_sends_an_invitation_from_the_admin(
    admin_client, platform_admin, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Alter'Incub")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_invitation_add"),
            {"organisation": organisation.pk, "email": " Camille@Example.org ", "role": "admin"},
        )
    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.organisation, invitation.email, invitation.role, invitation.invited_by) == (
        organisation,
        "camille@example.org",
        "admin",
        platform_admin,
    )
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert list(Event.objects.filter(object_type="accounts.invitation").values_list("verb", flat=True)) == [
        "invitation_create"
    ]


def test_a_refusal_of_the_service_is_said_and_nothing_is_sent(admin_client, platform_admin):
    organisation = OrganisationFactory()
    first = _invite(organisation, platform_admin)
    url = reverse("admin:accounts_invitation_add")
    response = admin_client.post(
        url, {"organisation": organisation.pk, "email": first.email, "role": "member"}
    )
    assert (response.status_code, response["Location"]) == (302, url)
    assert list(Invitation.objects.values_list("pk", flat=True)) == [first.pk]
    page = admin_client.get(url).content.decode()
    assert "Une invitation est déjà en attente pour cette adresse" in page


def test_the_list_shows_the_state_people_see_and_the_change_page_is_read_only(admin_client, platform_admin):
    invitation = _invite(OrganisationFactory(), platform_admin)
    listing = admin_client.get(reverse("admin:accounts_invitation_changelist"))
    assert [i.pk for i in listing.context["cl"].result_list] == [invitation.pk]
    assert "en attente" in listing.content.decode()
    change = admin_client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))
    assert change.status_code == 200
    assert list(change.context["adminform"].form.fields) == []
    assert invitation.key_digest not in change.content.decode()


def test_revoke_action_goes_through_the_workflow(admin_client, platform_admin):
    organisation = OrganisationFactory()
    pending = _invite(organisation, platform_admin)
    accepted = _invite(organisation, platform_admin, email="dana@example.org")
    Invitation.objects.filter(pk=accepted.pk).update(state=InvitationState.ACCEPTED)
    response = admin_client.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "revoke", "_selected_action": [pending.pk, accepted.pk]},
    )
    assert response.status_code == 302
    states = dict(Invitation.objects.values_list("pk", "state"))
    assert states == {pending.pk: InvitationState.REVOKED, accepted.pk: InvitationState.ACCEPTED}
    assert Event.objects.filter(object_type="accounts.invitation", object_id=pending.pk).count() == 2


def test_invitations_are_never_deleted_by_hand(admin_client, platform_admin):
    invitation = _invite(OrganisationFactory(), platform_admin)
    response = admin_client.post(
        reverse("admin:accounts_invitation_delete", args=[invitation.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_an_organisation_admin_without_admin_access_is_refused(client):
    organisation_admin = MembershipFactory(role=Membership.Role.ADMIN).user
    client.force_login(organisation_admin)
    url = reverse("admin:accounts_invitation_changelist")
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('admin:login')}?next={url}")

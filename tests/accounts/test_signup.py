"""Sign-up and password services: what they write, what they log, what they refuse."""

import pytest
from django.core import mail

from essaim.accounts.models import User
from essaim.accounts.services.signup import (
    account_confirm,
    carrier_signup,
    password_change,
    password_reset_request,
    password_set,
)
from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, ValidationError
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ruche-au-printemps-2026"


class Visitor:
    """An anonymous visitor, as the web passes `request.user`."""

    is_authenticated = False
    pk = None

    def __str__(self):
        return "visiteur"


def test_sign_up_refuses_each_bad_field_in_french_and_writes_nothing():
    with pytest.raises(ValidationError) as caught:
        carrier_signup(email="non", full_name=" ", password="123", by=Visitor())
    errors = caught.value.message_dict
    assert sorted(errors) == ["email", "full_name", "password"]
    assert errors["email"] == ["Saisissez une adresse électronique valide."]
    assert errors["full_name"] == ["Indiquez votre nom."]
    assert (User.objects.count(), Event.objects.count()) == (0, 0)


def test_a_password_too_close_to_the_name_is_refused():
    with pytest.raises(ValidationError) as caught:
        carrier_signup(
            email="awa.diallo@example.org", full_name="Awa Diallo", password="awadiallo", by=Visitor()
        )
    assert "password" in caught.value.message_dict


def test_sign_up_logs_the_account_without_the_password(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = carrier_signup(
            email="awa@example.org", full_name="  Awa   Diallo ", password=NEW_PASSWORD, by=Visitor()
        )
    assert (user.full_name, user.is_active, user.awaiting_confirmation) == ("Awa Diallo", False, True)
    event = Event.objects.get()
    assert (event.object_type, event.action, event.changes) == (
        "accounts.user",
        "create",
        {"is_carrier": [None, True]},
    )
    assert NEW_PASSWORD not in mail.outbox[0].body


def test_a_known_address_changes_nothing_and_returns_none():
    owner = UserFactory(email="awa@example.org")
    assert (
        carrier_signup(email="awa@example.org", full_name="Autre", password=NEW_PASSWORD, by=Visitor())
        is None
    )
    owner.refresh_from_db()
    assert (owner.full_name != "Autre", User.objects.count()) == (True, 1)


def test_confirming_twice_is_refused():
    user = UserFactory(is_active=False, awaiting_confirmation=True)
    account_confirm(user=user, by=user)
    with pytest.raises(ValidationError):
        account_confirm(user=user, by=user)


def test_a_reset_for_an_unknown_address_logs_no_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert password_reset_request(email="personne@example.org", by=Visitor()) == 0
    event = Event.objects.get()
    assert (event.verb, event.object_repr, event.changes) == ("password_reset_request", "", {})
    assert mail.outbox == []


def test_only_the_owner_sets_or_changes_their_password():
    alice, bob = UserFactory(), UserFactory()
    for service in (password_set, password_change):
        with pytest.raises(PermissionDenied):
            service(user=bob, password=NEW_PASSWORD, by=alice)
    bob.refresh_from_db()
    assert not bob.check_password(NEW_PASSWORD)


def test_a_weak_password_is_refused_by_the_service_too():
    user = UserFactory()
    with pytest.raises(ValidationError):
        password_change(user=user, password="password", by=user)

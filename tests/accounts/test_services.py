"""API tokens and second factors as services: each write logged, a person acts on their own."""

import pytest
from django.core.exceptions import PermissionDenied
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.authentication import token_authenticate
from essaim.accounts.models import ApiToken
from essaim.accounts.selectors import totp_device_pending
from essaim.accounts.services import (
    recovery_codes_renew,
    token_create,
    token_revoke,
    totp_device_confirm,
    totp_device_start,
    two_factor_disable,
)
from essaim.audit.models import Event
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_token_create_and_revoke_are_logged_without_the_clear_value():
    alice = UserFactory()
    token, clear = token_create(user=alice, name="ordinateur")
    assert token_authenticate(clear) == alice
    assert token_revoke(user=alice, token_id=token.pk) is True
    assert token_authenticate(clear) is None
    events = list(Event.objects.order_by("pk").values_list("action", "object_type", "actor_id"))
    assert events == [("create", "accounts.apitoken", alice.pk), ("update", "accounts.apitoken", alice.pk)]
    assert clear not in str(list(Event.objects.values_list("changes", flat=True)))


def test_nobody_creates_or_revokes_someone_else_s_tokens():
    alice, bob = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        token_create(user=alice, name="x", by=bob)
    token, _clear = token_create(user=alice)
    with pytest.raises(PermissionDenied):
        token_revoke(user=alice, token_id=token.pk, by=bob)
    assert token_revoke(user=bob, token_id=token.pk) is False  # not Bob's: nothing revoked
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert token_revoke(user=alice, token_id=token.pk, by=UserFactory(admin=True)) is True


def test_second_factor_enrolment_and_removal_are_logged():
    user = UserFactory()
    device = totp_device_start(by=user)
    assert totp_device_pending(by=user) == device
    code = f"{totp(device.bin_key):06d}"
    confirmed, codes = totp_device_confirm(by=user, code=code)
    assert (confirmed.pk, confirmed.confirmed, len(codes)) == (device.pk, True, 10)
    assert len(recovery_codes_renew(by=user)) == 10
    two_factor_disable(by=user)
    assert TOTPDevice.objects.filter(user=user).count() == 0
    assert list(Event.objects.order_by("pk").values_list("action", "verb")) == [
        ("create", "totp_device_start"),
        ("validate", "totp_device_confirm"),
        ("update", "recovery_codes_renew"),
        ("update", "recovery_codes_renew"),
        ("update", "two_factor_disable"),
    ]


def test_an_anonymous_visitor_enrols_nothing():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        totp_device_start(by=AnonymousUser())


def test_a_wrong_code_counts_a_failure_on_the_device():
    user = UserFactory()
    device = totp_device_start(by=user)
    assert totp_device_confirm(by=user, code="pas un code") is None
    event = Event.objects.get(verb="totp_device_confirm")
    assert (event.action, event.object_id, event.changes) == (
        "update",
        device.pk,
        {"throttling_failure_count": [0, 1]},
    )
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False

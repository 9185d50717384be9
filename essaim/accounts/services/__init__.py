"""Writes on accounts: API tokens, second factors (TOTP devices, recovery codes); sign-up and
passwords in `services/signup.py`, invitations to join a team in `services/invitations.py`.

Every function is a `@service` (essaim/core/services.py): keyword-only, `by` the person acting
(on their own tokens and devices), one transaction, one activity-log event. Checking a token or
a second-factor code is authentication, not a write: essaim/accounts/authentication.py (its
functions are importable from here too). The login limiter is essaim/accounts/limiter.py
(django-axes): it needs no call from views.
"""

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.authentication import (  # noqa: F401  (re-exported: authentication, not writes)
    clean_code,
    token_authenticate,
    two_factor_verify,
)
from essaim.accounts.models import ApiToken, User
from essaim.accounts.rules import is_platform_admin
from essaim.accounts.two_factor import RECOVERY_CODE_COUNT
from essaim.audit import recorder
from essaim.core.services import ensure, service


@rules.predicate
def is_owner(user, owner=None) -> bool:
    return bool(user.is_authenticated and owner is not None and owner.pk == user.pk)


# A person's own tokens (a platform admin may revoke anyone's)
can_manage_tokens = is_owner | is_platform_admin


@service
def token_create(*, user: User, name: str = "", by: User | None = None) -> tuple[ApiToken, str]:
    """Create a personal API token; returns it and its clear value (shown once, never stored).

    `by` is the person acting, the token's owner when not given. Side effects: one ApiToken row,
    one activity-log event (without the clear value).
    """
    by = by or user
    ensure(is_owner, by, user)
    clear = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, digest=ApiToken.hash(clear), hint=clear[:10])
    recorder.record(
        actor=by, obj=token, action="create", changes={"name": [None, name], "hint": [None, token.hint]}
    )
    return token, clear


@service
def token_revoke(*, user: User, token_id: int, by: User | None = None) -> bool:
    """Revoke one of the user's own tokens; False if it is not theirs or already revoked.

    `by` is the person acting, the owner when not given. Side effects: the token's revocation
    date, one activity-log event (a refused revocation is logged as a check).
    """
    by = by or user
    ensure(can_manage_tokens, by, user)
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        recorder.record(
            actor=by, obj=None, action="validate", verb="token_revoke", changes={"_token_id": token_id}
        )
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    recorder.record(actor=by, obj=token, action="update", changes={"revoked_at": [None, token.revoked_at]})
    return True


# --- Second factor (django-otp) ------------------------------------------------------------


@service(permission=rules.is_authenticated)
def totp_device_start(*, by: User) -> TOTPDevice:
    """A new unconfirmed TOTP device (its secret is shown once as a QR code). Side effects:
    deletes `by`'s other unconfirmed TOTP devices (a confirmed one stays until the new one is
    confirmed), one activity-log event."""
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=by, name=_("Application d'authentification"), confirmed=False)
    recorder.record(actor=by, obj=device, action="create")
    return device


@service(permission=rules.is_authenticated)
def totp_device_confirm(*, by: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm `by`'s pending device with a code from the application; None if the code is
    wrong (attempts are throttled by django-otp). Side effects: the device is confirmed, any
    previous TOTP device deleted, a fresh set of recovery codes created (returned in clear,
    once); activity-log events (a wrong code: the device's failure count)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=by, confirmed=False).first()
        if device is None:
            recorder.record(actor=by, obj=None, action="validate", verb="totp_device_confirm")
            return None
        failures = device.throttling_failure_count
        if not device.verify_token(clean_code(code)):
            changes = {"throttling_failure_count": [failures, device.throttling_failure_count]}
            recorder.record(actor=by, obj=device, action="update", changes=changes)
            return None
        TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recorder.record(actor=by, obj=device, action="validate")
        return device, recovery_codes_renew(by=by)


@service(permission=rules.is_authenticated)
def recovery_codes_renew(*, by: User) -> list[str]:
    """Replace `by`'s recovery codes (each works once). Side effects: one StaticDevice (created
    if missing), its tokens replaced; the codes are returned in clear and stored as given; one
    activity-log event (without the codes)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=by, defaults={"name": _("Codes de secours"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    recorder.record(actor=by, obj=device, action="update", changes={"_codes": [None, len(codes)]})
    return codes


@service(permission=rules.is_authenticated)
def two_factor_disable(*, by: User) -> None:
    """Remove `by`'s second factor. Side effects: deletes their TOTP and recovery-code devices,
    one activity-log event."""
    recorder.record(actor=by, obj=by, action="update", changes={"_two_factor": [True, False]})
    TOTPDevice.objects.filter(user=by).delete()
    StaticDevice.objects.filter(user=by).delete()

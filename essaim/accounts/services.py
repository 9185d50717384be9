"""Writes on accounts: API tokens, second factors (TOTP devices, recovery codes).

The login limiter is essaim/accounts/limiter.py (django-axes): it needs no call from views.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import ApiToken, User
from essaim.accounts.two_factor import RECOVERY_CODE_COUNT


def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a personal API token; returns it and its clear value (shown once, never stored)."""
    clear = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, digest=ApiToken.hash(clear), hint=clear[:10])
    return token, clear


def token_authenticate(clear: str) -> User | None:
    """The active user owning this token, or None. Records the last use."""
    if not clear or not clear.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash(clear), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if it is not theirs or already revoked."""
    return bool(
        ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


# --- Second factor (django-otp) ------------------------------------------------------------


def _clean_code(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()[:32]


def totp_device_start(*, by: User) -> TOTPDevice:
    """A new unconfirmed TOTP device (its secret is shown once as a QR code). Side effects:
    deletes `by`'s other unconfirmed TOTP devices; a confirmed one stays until the new one is
    confirmed."""
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    return TOTPDevice.objects.create(user=by, name=_("Application d'authentification"), confirmed=False)


def totp_device_pending(*, by: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=by, confirmed=False).first()


def totp_device_confirm(*, by: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm `by`'s pending device with a code from the application; None if the code is
    wrong (attempts are throttled by django-otp). Side effects: the device is confirmed, any
    previous TOTP device deleted, a fresh set of recovery codes created (returned in clear, once)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=by, confirmed=False).first()
        if device is None or not device.verify_token(_clean_code(code)):
            return None
        TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return device, recovery_codes_renew(by=by)


def recovery_codes_renew(*, by: User) -> list[str]:
    """Replace `by`'s recovery codes (each works once). Side effects: one StaticDevice (created
    if missing), its tokens replaced; the codes are returned in clear and stored as given."""
    device, _created = StaticDevice.objects.get_or_create(
        user=by, defaults={"name": _("Codes de secours"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def two_factor_verify(*, by: User, code: str) -> Device | None:
    """The device that accepts this code: a 6-digit code from the application, or one of the
    recovery codes (then used up). None otherwise; failures are throttled per device."""
    code = _clean_code(code)
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=by, confirmed=True):
            if device.verify_token(code):
                return device
    return None


def two_factor_disable(*, by: User) -> None:
    """Remove `by`'s second factor. Side effects: deletes their TOTP and recovery-code devices."""
    TOTPDevice.objects.filter(user=by).delete()
    StaticDevice.objects.filter(user=by).delete()

"""Authentication checks: the user behind an API token, the device that accepts a second-factor
code. They note what authentication needs (a token's last use, django-otp's failure counters
and used recovery codes), but are not writes of the domain: no activity-log event per request.
"""

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts.models import ApiToken, User


def clean_code(code: str) -> str:
    """A code as typed ("123 456", "abcd-efgh") reduced to what the devices compare."""
    return "".join(str(code or "").split()).replace("-", "").lower()[:32]


def token_authenticate(clear: str) -> User | None:
    """The active user owning this token, or None. Records the last use (once a minute)."""
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


def two_factor_verify(*, by: User, code: str) -> Device | None:
    """The device that accepts this code: a 6-digit code from the application, or one of the
    recovery codes (then used up). None otherwise; failures are throttled per device."""
    code = clean_code(code)
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=by, confirmed=True):
            if device.verify_token(code):
                return device
    return None

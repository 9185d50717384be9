"""Writes on accounts: API tokens, login rate limiting."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from essaim.accounts.models import ApiToken, User


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


def _keys(address: str, email: str) -> list[str]:
    return [f"login-fail:ip:{address}", f"login-fail:ip-email:{address}:{(email or '').lower()}"]


def login_is_rate_limited(*, address: str, email: str) -> bool:
    """True once an address (or an address + e-mail pair) has failed too often in the window."""
    ip_key, pair_key = _keys(address, email)
    limit = settings.LOGIN_RATE_LIMIT
    return (cache.get(pair_key, 0) >= limit) or (cache.get(ip_key, 0) >= limit * 5)


def login_record_failure(*, address: str, email: str) -> None:
    for key in _keys(address, email):
        cache.add(key, 0, timeout=settings.LOGIN_RATE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=settings.LOGIN_RATE_WINDOW)


def login_reset(*, address: str, email: str) -> None:
    cache.delete(_keys(address, email)[1])

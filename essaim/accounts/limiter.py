"""One login limiter for every way in: site login, /admin/login/, POST /api/v1/auth/token, and
the password reset when it comes.

django-axes does the plumbing: `LimiterBackend`, first of AUTHENTICATION_BACKENDS, refuses every
`authenticate()` call for a locked account or address before a password is even checked, and
django.contrib.auth's signals feed `LoginLimiter` with each failure and success. Any view that
authenticates through `authenticate(request, ...)` is therefore limited, with no code of its own.

Two counters per failure, in the shared cache (database cache, or Redis with REDIS_URL):
- the account: the e-mail as typed, stripped and lower-cased, so " Alice@X.org" and
  "alice@x.org" are one counter; LOGIN_RATE_LIMIT failures lock it, from every address;
- the client address (essaim.core.network): LOGIN_RATE_LIMIT_ADDRESS failures lock it, for every
  account — a higher limit, since several people may share one address.
A counter is forgotten LOGIN_RATE_WINDOW seconds after its last failure; attempts refused while
locked are not counted (the lock is not extended); a successful login clears the account's
counter, never the address's (one valid account must not reset an attacker's address).

Entry points that do not call `authenticate()` (a password reset form) use `is_locked` and
`record_failure` below, with the same counters.
"""

import hashlib
import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.http import HttpRequest

from essaim.core.network import client_address

log = logging.getLogger("essaim.accounts.limiter")


def normalise_email(value) -> str:
    return str(value or "").strip().lower()


def username_from(request: HttpRequest | None, credentials: dict | None) -> str:
    """The account an attempt is about (AXES_USERNAME_CALLABLE): the site and the API pass
    `email=`, the admin's form `username=`; both are the e-mail address."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get("email") or request.POST.get("username")
    return normalise_email(value)


def _account_key(email: str) -> str:
    return "login-fail:account:" + hashlib.sha256(email.encode()).hexdigest()


def _counters(request: HttpRequest, credentials: dict | None) -> list[tuple[str, int]]:
    """(cache key, limit) of each counter this attempt is charged to."""
    counters = []
    email = username_from(request, credentials)
    if email:
        counters.append((_account_key(email), settings.LOGIN_RATE_LIMIT))
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    if address:
        counters.append((f"login-fail:address:{address}", settings.LOGIN_RATE_LIMIT_ADDRESS))
    return counters


def _increment(key: str) -> None:
    window = settings.LOGIN_RATE_WINDOW
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return
    cache.touch(key, timeout=window)  # some backends' incr resets the expiry to the default


class LoginLimiter(AbstractAxesHandler, AxesBaseHandler):
    """The axes handler (AXES_HANDLER): counts failures per account and per address."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        counters = _counters(request, credentials)
        counts = cache.get_many([key for key, _limit in counters])
        return max(counts.values(), default=0)

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        counters = _counters(request, credentials)
        counts = cache.get_many([key for key, _limit in counters])
        return any(counts.get(key, 0) >= limit for key, limit in counters)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        if request is None or self.is_whitelisted(request, credentials):
            return
        if self.is_locked(request, credentials):  # refused by LimiterBackend: not counted again
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=username_from(request, credentials), ip_address=""
            )
            return
        for key, _limit in _counters(request, credentials):
            _increment(key)
        log.warning("Login failure counted for an account and an address.")

    def user_logged_in(self, sender, request, user, **kwargs) -> None:
        reset_account(user.get_username())

    def user_logged_out(self, sender, request, user, **kwargs) -> None:
        return None

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        """For axes' `axes_reset_ip` / `axes_reset_username` commands."""
        keys = []
        if username:
            keys.append(_account_key(normalise_email(username)))
        if ip_address:
            keys.append(f"login-fail:address:{ip_address}")
        cache.delete_many(keys)
        return len(keys)


class LimiterBackend(AxesStandaloneBackend):
    """axes' backend, except that a call without a request (a shell, a data migration) is let
    through to the next backend: every entry point of the site passes its request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def is_locked(request: HttpRequest, email: str) -> bool:
    """True while this account or this client address may not try again."""
    return AxesProxyHandler.is_locked(request, {"email": email})


def record_failure(request: HttpRequest, email: str) -> None:
    """Count one failed attempt (for entry points that do not call `authenticate()`)."""
    user_login_failed.send(sender=__name__, credentials={"email": email}, request=request)


def reset_account(email: str) -> None:
    """Forget an account's failures (after a successful login without `login()`, e.g. the API)."""
    cache.delete(_account_key(normalise_email(email)))

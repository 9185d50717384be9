"""The links e-mailed to people: confirming a sign-up, choosing a new password, joining a team.

- Confirmation and password reset use Django's `PasswordResetTokenGenerator` (an HMAC of the
  account's state and a timestamp, nothing stored): the hash covers the password, the last login
  and, for confirmation, `awaiting_confirmation`, so a link stops working once used. Each kind
  has its own salt (a reset link does not confirm, nor the reverse) and its own lifetime.
- An invitation's token is signed (django.core.signing) and carries the invitation's id and a
  random key; the database keeps only the key's SHA-256 (like API tokens). It works while the
  invitation is pending and before `expires_at`; accepting or revoking it ends it.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from essaim.accounts.models import Invitation, User

CONFIRMATION_TIMEOUT = 3 * 24 * 3600  # a sign-up confirmation link works three days
PASSWORD_RESET_TIMEOUT = 2 * 3600  # a password-reset link, two hours
INVITATION_LIFETIME = timedelta(days=7)  # an invitation, a week

_INVITATION_SALT = "essaim.accounts.invitation"


class _TimedTokenGenerator(PasswordResetTokenGenerator):
    """Django's generator with a lifetime of its own instead of settings.PASSWORD_RESET_TIMEOUT."""

    timeout: int

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - issued <= self.timeout


class ConfirmationTokenGenerator(_TimedTokenGenerator):
    key_salt = "essaim.accounts.tokens.confirmation"
    timeout = CONFIRMATION_TIMEOUT

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{user.pk}{user.password}{user.awaiting_confirmation}{user.is_active}{user.email}{timestamp}"


class ResetTokenGenerator(_TimedTokenGenerator):
    key_salt = "essaim.accounts.tokens.reset"
    timeout = PASSWORD_RESET_TIMEOUT


confirmation_tokens = ConfirmationTokenGenerator()
reset_tokens = ResetTokenGenerator()


def uid_of(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_invitation_key() -> str:
    return secrets.token_urlsafe(24)


def invitation_token(invitation: Invitation, key: str) -> str:
    return signing.dumps({"i": invitation.pk, "k": key}, salt=_INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a token names, whatever its state (None for a forged or altered token)."""
    try:
        data = signing.loads(token, salt=_INVITATION_SALT)
        pk, key = int(data["i"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(pk=pk).first()
    if invitation is None or not hmac.compare_digest(invitation.key_digest, digest(key)):
        return None
    return invitation

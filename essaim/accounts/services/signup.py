"""Writes of a person's own account: a carrier's sign-up and its confirmation, passwords.

No write here says whether an e-mail address has an account: the caller shows the same page
either way, and the mailbox's owner is the only one told (essaim/notifications templates under
`accounts/`). Links come from `site_url` and carry the tokens of essaim/accounts/tokens.py. The
entry points that check a password outside `authenticate()` use the login limiter themselves
(essaim/web/account/signup_views.py).
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from essaim.accounts.limiter import normalise_email
from essaim.accounts.models import User
from essaim.accounts.services import is_owner
from essaim.accounts.tokens import confirmation_tokens, reset_tokens, uid_of
from essaim.audit import recorder
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url

FULL_NAME_MAX = 150


def _reset_url(user: User) -> str:
    return site_url("web:password_reset_confirm", uidb64=uid_of(user), token=reset_tokens.make_token(user))


def _internal_path(url: str) -> str:
    """`url` when it is a path of this site ("/appels/3/candidater/"), else "" (no host, no scheme)."""
    url = (url or "").strip()
    if (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, None)
    ):
        return url
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _clean_signup(email: str, full_name: str, password: str) -> tuple[str, str]:
    email, full_name = normalise_email(email), " ".join(full_name.split())
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Saisissez une adresse électronique valide.")]
    if not full_name:
        errors["full_name"] = [_("Indiquez votre nom.")]
    elif len(full_name) > FULL_NAME_MAX:
        errors["full_name"] = [_("Votre nom ne peut dépasser %(max)s caractères.") % {"max": FULL_NAME_MAX}]
    try:
        validate_password(password, User(email=email, full_name=full_name))
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return email, full_name


@service
def carrier_signup(*, email: str, full_name: str, password: str, by, next_url: str = "") -> User | None:
    """A carrier creates their account; returns it, or None when the address already has one.

    `next_url`, a path of this site (anything else is ignored), is where the e-mailed links lead
    once the person is signed in: the confirmation link, or the sign-in link of a known address
    (a call's application form, a job offer).

    `by` is the visitor (anonymous). A new address: one inactive User (`awaiting_confirmation`)
    and the confirmation e-mail. A known address: nothing changes; its owner is e-mailed that
    they already have an account, with a link to choose a new password (an account deactivated
    by an administrator gets nothing). One activity-log event either way. ValidationError on an
    invalid address, a missing name or a password Django's validators refuse.
    """
    email, full_name = _clean_signup(email, full_name, password)
    next_url = _internal_path(next_url)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # the same work as a sign-up, so that timing says nothing either
        if existing.is_active or existing.awaiting_confirmation:
            context = {
                "user": existing,
                "reset_url": _reset_url(existing),
                "login_url": _with_next(site_url("web:login"), next_url),
            }
            notify("accounts/signup_existing", to=[existing.email], context=context)
        recorder.record(actor=by, obj=existing, action="validate", verb="carrier_signup")
        return None
    user = User(
        email=email, full_name=full_name, is_carrier=True, is_active=False, awaiting_confirmation=True
    )
    user.set_password(password)
    user.save()
    recorder.record(actor=by, obj=user, action="create", changes={"is_carrier": [None, True]})
    url = site_url("web:signup_confirm", uidb64=uid_of(user), token=confirmation_tokens.make_token(user))
    url = _with_next(url, next_url)
    notify("accounts/signup_confirm", to=[user.email], context={"user": user, "url": url})
    return user


@service
def account_confirm(*, user: User, by) -> User:
    """Confirm a signed-up account (its owner followed the e-mailed link and gave the password).

    Side effects: the account becomes active, no longer awaiting confirmation; one event.
    ValidationError if it is not awaiting confirmation.
    """
    if not user.awaiting_confirmation:
        raise ValidationError(_("Ce compte est déjà confirmé."))
    user.is_active, user.awaiting_confirmation = True, False
    user.save(update_fields=["is_active", "awaiting_confirmation"])
    recorder.record(actor=by, obj=user, action="validate", changes={"is_active": [False, True]})
    return user


@service
def password_reset_request(*, email: str, by) -> int:
    """E-mail a link to choose a new password to the account of `email`, if there is one.

    `by` is the visitor. Returns the number of e-mails queued (never shown: the page is the same
    either way). Active accounts and accounts awaiting confirmation receive the link (choosing a
    password proves the mailbox, so it also confirms); deactivated ones nothing. One event, which
    names no address when there is no account.
    """
    email = normalise_email(email)
    users = User.objects.filter(Q(is_active=True) | Q(awaiting_confirmation=True), email__iexact=email)
    sent = 0
    for user in users:
        context = {"user": user, "url": _reset_url(user), "timeout_hours": reset_tokens.timeout // 3600}
        sent += notify("accounts/password_reset", to=[user.email], context=context)
        recorder.record(actor=by, obj=user, action="validate", verb="password_reset_request")
    if not sent:
        recorder.record(actor=by, obj=None, action="validate", verb="password_reset_request")
    return sent


def _password_saved(user: User, password: str, by, *, confirm: bool) -> User:
    validate_password(password, user)
    changes = {"_password": [None, "changed"]}
    user.set_password(password)
    fields = ["password"]
    if confirm and user.awaiting_confirmation:
        user.is_active, user.awaiting_confirmation = True, False
        fields += ["is_active", "awaiting_confirmation"]
        changes["is_active"] = [False, True]
    user.save(update_fields=fields)
    recorder.record(actor=by, obj=user, action="update", changes=changes)
    notify("accounts/password_changed", to=[user.email], context={"user": user, "url": _reset_url(user)})
    return user


@service
def password_set(*, user: User, password: str, by) -> User:
    """A new password from a reset link (`by` is the owner, who proved the mailbox).

    Side effects: the password; an account awaiting confirmation is confirmed; one event; an
    e-mail telling the owner their password changed. ValidationError from the validators.
    """
    ensure(is_owner, by, user)
    return _password_saved(user, password, by, confirm=True)


@service
def password_change(*, user: User, password: str, by) -> User:
    """A signed-in person changes their password (the old one checked by the caller).

    Side effects: the password, one event, an e-mail to the owner. ValidationError from the
    validators; PermissionDenied for anyone but the owner.
    """
    ensure(is_owner, by, user)
    return _password_saved(user, password, by, confirm=False)

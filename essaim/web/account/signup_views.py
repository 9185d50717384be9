"""A carrier signs up without a call: e-mail, name, password; then confirms from the mailbox.

No page says whether an address has an account: sign-up always ends on the same "check your
mailbox" page (the service e-mails the owner of a known address instead). The confirmation link
(signed, three days, single use: essaim/accounts/tokens.py) asks the password chosen at sign-up,
so that a link received by someone who did not sign up activates nothing; once confirmed, the
person is signed in and lands on their space, or on the safe `next` the link carries (a call's
application form: calls' public pages sign people up through `submit_signup`). Sign-up and the password check count toward the
login limiter (essaim/accounts/limiter.py), like every way in.
"""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from essaim.accounts import limiter, two_factor
from essaim.accounts.services import signup as services
from essaim.accounts.tokens import confirmation_tokens, user_from_uid
from essaim.web.account.landing import landing_url
from essaim.web.account.middleware import redirect_to_step
from essaim.web.account.signup_forms import PasswordForm, SignupForm
from essaim.web.account.views import safe_next
from essaim.web.workspace.views import form_errors

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def rate_limited(request, template: str, context: dict):
    """The limiter refuses: the page again, HTTP 429, whatever the address (no enumeration)."""
    response = render(request, template, {**context, "rate_limited": True}, status=429)
    response["Retry-After"] = str(settings.LOGIN_RATE_WINDOW)
    return response


def sign_in(request, user, next_url: str = ""):
    """Sign `user` in (their password or their mailbox was just proven) and send them on."""
    login(request, user, backend=PASSWORD_BACKEND)
    next_url = next_url or landing_url(user)
    step = two_factor.state(request)
    if step != two_factor.OK:
        return redirect_to_step(step, next_url)
    return redirect(next_url)


def submit_signup(request, form, *, template: str, context: dict, done, next_url: str = ""):
    """A valid sign-up form posted: the limiter, then `carrier_signup`. Returns the 429 page, or
    `done()` (the same "check your mailbox" answer for a known and an unknown address), or None
    when the service refused a field (its errors are on `form`)."""
    email = form.cleaned_data["email"]
    if limiter.is_locked(request, email):
        return rate_limited(request, template, context)
    limiter.record_failure(request, email)  # a sign-up sends an e-mail: one attempt counted
    try:
        services.carrier_signup(**form.cleaned_data, next_url=next_url, by=request.user)
    except ValidationError as exc:
        form_errors(form, exc)
        return None
    return done()


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
    form = SignupForm(request.POST or None)
    template = "web/account/signup.html"
    if request.method == "POST" and form.is_valid():
        done = lambda: redirect("web:signup_done")  # noqa: E731
        response = submit_signup(request, form, template=template, context={"form": form}, done=done)
        if response is not None:
            return response
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@login_not_required
@require_GET
def signup_done(request):
    return render(request, "web/account/signup_done.html")


def _awaiting(uidb64: str, token: str):
    user = user_from_uid(uidb64)
    if user is None or not user.awaiting_confirmation or not confirmation_tokens.check_token(user, token):
        return None
    return user


@login_not_required
@require_http_methods(["GET", "POST"])
def signup_confirm(request, uidb64: str, token: str):
    user = _awaiting(uidb64, token)
    template = "web/account/signup_confirm.html"
    if user is None:
        return render(request, template, {"validlink": False}, status=400)
    form = PasswordForm(request.POST or None)
    context = {"validlink": True, "form": form, "email": user.email}
    if request.method == "POST" and form.is_valid():
        if limiter.is_locked(request, user.email):
            return rate_limited(request, template, context)
        if user.check_password(form.cleaned_data["password"]):
            services.account_confirm(user=user, by=user)
            return sign_in(request, user, safe_next(request))
        limiter.record_failure(request, user.email)
        form.add_error("password", _("Ce n'est pas le mot de passe choisi à l'inscription."))
    return render(request, template, context, status=400 if form.errors else 200)

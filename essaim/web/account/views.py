"""Login (behind the login limiter), then each role's landing page; logout; the account page with
personal API tokens. Sign-up: signup_views.py; passwords: password_views.py; invitations:
invitation_views.py.

The limiter (essaim/accounts/limiter.py) works inside `authenticate()`; `lockout_response` is the
page (or JSON, for the API) that django-axes answers with once an account or address is locked.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.accounts import services, two_factor
from essaim.accounts.limiter import username_from
from essaim.accounts.rules import can_manage_invitations
from essaim.territories.selectors import names_for
from essaim.web.account.forms import EmailLoginForm, TokenForm
from essaim.web.account.landing import landing_url
from essaim.web.account.middleware import redirect_to_step, two_factor_exempt


def safe_next(request, default: str = "") -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: HTTP 429 once the limiter refuses an attempt, wherever it came from."""
    if request.path.startswith("/api/"):
        detail = _("Trop de tentatives de connexion. Réessayez dans quelques minutes.")
        response = JsonResponse({"detail": detail, "errors": {}}, status=429)
    else:
        form = EmailLoginForm(request, initial={"email": username_from(request, credentials)[:254]})
        admin = request.path.startswith(reverse("admin:index"))
        next_url = reverse("admin:index") if admin else safe_next(request)
        context = {"form": form, "rate_limited": True, "next": next_url}
        response = render(request, "web/account/login.html", context, status=429)
    response["Retry-After"] = str(settings.LOGIN_RATE_WINDOW)
    return response


class EmailLoginView(LoginView):
    """Login by e-mail; then the second factor when the person has one (or must enrol)."""

    form_class = EmailLoginForm
    template_name = "web/account/login.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]

    def get_default_redirect_url(self):
        """Without a safe `next`, each role lands on its own page (landing.py)."""
        return landing_url(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        step = two_factor.state(self.request)
        if step != two_factor.OK:
            return redirect_to_step(step, self.get_success_url())
        return response


@two_factor_exempt
@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Vous êtes déconnecté."))
    return redirect("web:home")


def _account_context(request, **extra) -> dict:
    user = request.user
    scopes = list(user.territory_scopes.all())
    names = names_for((s.level, s.code) for s in scopes)
    memberships = list(user.memberships.select_related("organisation").order_by("organisation__name"))
    return {
        "memberships": memberships,
        "teams_to_invite": [
            m.organisation for m in memberships if can_manage_invitations(user, m.organisation)
        ],
        "scopes": [(scope, names.get((scope.level, scope.code), scope.code)) for scope in scopes],
        "tokens": user.api_tokens.all(),
        "token_form": TokenForm(),
        # From the session (noted at login and on enrolment): no query on this page.
        "two_factor_on": bool((request.session.get(two_factor.SESSION_FLAGS) or [False])[0]),
        **extra,
    }


@require_GET
def account(request):
    return render(request, "web/account/account.html", _account_context(request))


@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return render(
            request, "web/account/account.html", _account_context(request, token_form=form), status=400
        )
    token, clear = services.token_create(user=request.user, name=form.cleaned_data["name"])
    # Rendered, not redirected: the clear value is shown once, stored nowhere, cached nowhere.
    response = render(request, "web/account/token_created.html", {"token": token, "clear": clear})
    add_never_cache_headers(response)
    return response


@require_POST
def token_revoke(request, token_id: int):
    if not services.token_revoke(user=request.user, token_id=token_id):
        raise Http404(_("Aucun jeton actif de ce compte ne porte ce numéro."))
    messages.success(request, _("Le jeton a été révoqué."))
    return redirect("web:account")

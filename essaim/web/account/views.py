"""Login (rate-limited), logout and the account page with personal API tokens."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.accounts import services
from essaim.territories.selectors import names_for
from essaim.web.account.forms import EmailLoginForm, TokenForm


def client_address(request) -> str:
    # REMOTE_ADDR is the peer; behind a reverse proxy the proxy must set it to the client
    # address (e.g. gunicorn's forwarded_allow_ips), otherwise every visitor shares one counter.
    return request.META.get("REMOTE_ADDR", "")


class EmailLoginView(LoginView):
    """Login by e-mail. Too many failures from one address (and e-mail) → HTTP 429."""

    form_class = EmailLoginForm
    template_name = "web/account/login.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]

    def post(self, request, *args, **kwargs):
        key = {"address": client_address(request), "email": request.POST.get("email", "")}
        if services.login_is_rate_limited(**key):
            form = self.form_class(request, initial={"email": key["email"][:254]})
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            services.login_reset(**key)
        else:
            services.login_record_failure(**key)
        return response


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Vous êtes déconnecté."))
    return redirect("web:home")


def _account_context(request, **extra) -> dict:
    user = request.user
    scopes = list(user.territory_scopes.all())
    names = names_for((s.level, s.code) for s in scopes)
    return {
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "scopes": [(scope, names.get((scope.level, scope.code), scope.code)) for scope in scopes],
        "tokens": user.api_tokens.all(),
        "token_form": TokenForm(),
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

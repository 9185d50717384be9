"""Passwords: forgotten (reset by e-mail) and changed, on Django's views with our forms and pages.

- Reset: the request page always ends on the same "if an account exists, an e-mail is on its
  way" page; each request counts toward the login limiter for its e-mail and the client address
  (decision 0016), and is refused with 429 once either is locked. The e-mail is the service's
  (essaim/notifications, `accounts/password_reset`); its link works two hours, once. Choosing the
  new password also confirms an account still awaiting confirmation (the mailbox is proven).
- Change: the current password is checked behind the same limiter.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from essaim.accounts import limiter
from essaim.accounts.services import signup as services
from essaim.accounts.tokens import reset_tokens
from essaim.web.account.signup_forms import PasswordChangeForm, ResetRequestForm, SetPasswordForm
from essaim.web.account.signup_views import rate_limited


class _FormErrors400:
    """GET and POST only (checked before Django's reset view reads the token); form errors: 400."""

    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(login_not_required, name="dispatch")  # the dispatch above hides Django's mark
class PasswordResetView(_FormErrors400, auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "web/account/password_reset_form.html"
    success_url = reverse_lazy("web:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if limiter.is_locked(self.request, email):
            return rate_limited(self.request, self.template_name, self.get_context_data(form=form))
        limiter.record_failure(self.request, email)
        services.password_reset_request(email=email, by=self.request.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/account/password_reset_done.html"
    http_method_names = ["get"]


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(_FormErrors400, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "web/account/password_reset_confirm.html"
    token_generator = reset_tokens
    success_url = reverse_lazy("web:password_reset_complete")

    def form_valid(self, form):
        services.password_set(user=self.user, password=form.cleaned_data["new_password1"], by=self.user)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/account/password_reset_complete.html"
    http_method_names = ["get"]


class PasswordChangeView(_FormErrors400, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "web/account/password_change.html"
    success_url = reverse_lazy("web:account")

    def form_valid(self, form):
        user = self.request.user
        if limiter.is_locked(self.request, user.email):
            return rate_limited(self.request, self.template_name, self.get_context_data(form=form))
        if not user.check_password(form.cleaned_data["old_password"]):
            limiter.record_failure(self.request, user.email)
            form.add_error("old_password", _("Ce n'est pas votre mot de passe actuel."))
            return self.form_invalid(form)
        services.password_change(user=user, password=form.cleaned_data["new_password1"], by=user)
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Votre mot de passe est changé."))
        return HttpResponseRedirect(reverse("web:account"))

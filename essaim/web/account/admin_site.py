"""The admin site, behind the same login limiter and second factor as the site.

Its login form is Django's (every attempt goes through `authenticate()`, hence the limiter);
a staff member who must verify or enrol a second factor is sent to the site's pages for that,
and the admin refuses a session that has not done so (`has_permission`).
"""

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from essaim.accounts import two_factor
from essaim.web.account.middleware import redirect_to_step


class EssaimAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and two_factor.state(request) == two_factor.OK

    @method_decorator(never_cache)
    @login_not_required  # as AdminSite.login: the admin's own login page
    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            step = two_factor.state(request)
            if step != two_factor.OK:
                return redirect_to_step(step, reverse("admin:index", current_app=self.name))
        return response

"""Second factor on the site: a session that must verify or enrol goes nowhere else first.

For a signed-in person whose session is not OK (essaim/accounts/two_factor.py), every page that
requires login redirects to the verification page (they have a second factor) or to the
enrolment page (they must set one up). Public pages, logout and the second-factor pages themselves
(`two_factor_exempt`) stay reachable. The admin site checks the same state (admin_site.py), and so
does the API for session callers (essaim/api/auth.py).
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from essaim.accounts import two_factor


def two_factor_exempt(view):
    """Reachable before the second factor is verified (apply it outermost)."""
    view.two_factor_exempt = True
    return view


def redirect_to_step(step: str, next_url: str):
    target = "web:two_factor_verify" if step == two_factor.VERIFY else "web:two_factor"
    return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "two_factor_exempt", False) or not getattr(view_func, "login_required", True):
            return None
        step = two_factor.state(request)
        if step == two_factor.OK:
            return None
        return redirect_to_step(step, request.get_full_path())

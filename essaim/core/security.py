"""Session lifetime and security headers, for every response.

- `SessionTimeoutMiddleware`: a signed-in session ends after SESSION_IDLE_TIMEOUT seconds without
  a request, and SESSION_ABSOLUTE_TIMEOUT seconds after the login whatever the activity. The
  last-seen time is written at most once a minute, so that reading pages does not write the
  session on every request.
- `SecurityHeadersMiddleware`: `Permissions-Policy` on every response; `Cache-Control: private`
  on every response to a signed-in user (the browser may keep it, a shared cache may not), and
  `no-store` on the account and admin pages and on every download for a signed-in user.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

STARTED = "essaim_session_started"
SEEN = "essaim_session_seen"
SEEN_RESOLUTION = 60  # seconds: the idle timeout is exact to within a minute


def session_started(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the absolute timeout counts from here."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


def _expired(session, now: int) -> bool:
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None:  # a session opened before these timeouts existed
        session[STARTED] = session[SEEN] = now
        return False
    return now - seen > settings.SESSION_IDLE_TIMEOUT or now - started > settings.SESSION_ABSOLUTE_TIMEOUT


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if _expired(session, now):
                logout(request)
                messages.info(request, _("Votre session a expiré : reconnectez-vous pour continuer."))
            elif now - session[SEEN] >= SEEN_RESOLUTION:
                session[SEEN] = now
        return self.get_response(request)


def _signed_in(request) -> bool:
    if getattr(request, "essaim_token_auth", False):  # the API's bearer tokens
        return True
    user = getattr(request, "_cached_user", None)  # evaluated by the view or LoginRequiredMiddleware
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        download = response.get("Content-Disposition", "").startswith("attachment")
        signed_in = _signed_in(request)
        if request.path.startswith(settings.NO_STORE_PATH_PREFIXES) or (signed_in and download):
            add_never_cache_headers(response)
        elif signed_in:
            patch_cache_control(response, private=True)
        return response

"""Middleware that computes once what does not change between requests (issue 15).

- `StaticCSPMiddleware`: django-csp builds the Content-Security-Policy header from the
  settings on every response. Ours is the same for every response that asks for nothing
  else (no nonce used, no `@csp_update`/`@csp_replace`/`@csp_exempt`), so it is built once per
  settings object and copied; any other response goes through django-csp unchanged.

`bench/bench_middleware.py` measures what each middleware costs; docs/performance.md
records the figures.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as _Authentication
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware as _Messages
from django.contrib.sessions.middleware import SessionMiddleware as _Sessions
from django.middleware.csrf import CsrfViewMiddleware as _Csrf
from django_otp.middleware import OTPMiddleware as _OTP
from whitenoise.middleware import WhiteNoiseMiddleware as _WhiteNoise

from essaim.core.security import SessionTimeoutMiddleware as _SessionTimeout

ANONYMOUS_READ = "essaim_anonymous_read"
SAFE_METHODS = frozenset({"GET", "HEAD"})
_CSP_ATTRIBUTES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


class StaticCSPMiddleware(CSPMiddleware):
    _built_for = None
    _header = ""

    def _static_header(self) -> str:
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if config is not self._built_for:  # override_settings replaces the object
            self._header = build_policy()
            self._built_for = config
        return self._header

    def process_response(self, request, response):
        simple = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _CSP_ATTRIBUTES)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not (settings.CONTENT_SECURITY_POLICY or {}).get("EXCLUDE_URL_PREFIXES")
            and not settings.DEBUG
        )
        if not simple:
            return super().process_response(request, response)
        header = self._static_header()
        if header and HEADER not in response:
            response[HEADER] = header
        return response


class AnonymousReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in SAFE_METHODS
            and request.path_info.startswith("/api/")
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            request.essaim_anonymous_read = True
            request.user = request._cached_user = AnonymousUser()
        return self.get_response(request)


def _anonymous(request) -> bool:
    return request.__dict__.get(ANONYMOUS_READ, False)


def skipped_on_anonymous_reads(middleware: type) -> type:
    """A subclass of `middleware` that passes anonymous reads of the API straight on."""

    def __call__(self, request):
        if _anonymous(request):
            return self.get_response(request)
        return middleware.__call__(self, request)

    body = {"__call__": __call__, "__doc__": middleware.__doc__, "async_capable": False}
    for hook in ("process_view", "process_exception", "process_template_response"):
        original = getattr(middleware, hook, None)
        if original is not None:
            body[hook] = _skipping(original)
    return type(middleware.__name__, (middleware,), body)


def _skipping(hook):
    def skipping(self, request, *args):
        return None if _anonymous(request) else hook(self, request, *args)

    return skipping


WhiteNoiseMiddleware = skipped_on_anonymous_reads(_WhiteNoise)
SessionMiddleware = skipped_on_anonymous_reads(_Sessions)
CsrfViewMiddleware = skipped_on_anonymous_reads(_Csrf)
AuthenticationMiddleware = skipped_on_anonymous_reads(_Authentication)
OTPMiddleware = skipped_on_anonymous_reads(_OTP)
MessageMiddleware = skipped_on_anonymous_reads(_Messages)
SessionTimeoutMiddleware = skipped_on_anonymous_reads(_SessionTimeout)

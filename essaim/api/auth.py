"""Who is calling the API: a personal token, or the browser's Django session.

Two reusable auth objects for ninja operations and routers:

- `optional_auth` (the API's default): anonymous callers are let through; when a valid
  token or session is present, `request.user` is that user.
- `required_auth`: 401 JSON unless a valid token or session is present.

    @router.get("/mine", auth=required_auth)
    def mine(request): ...  # request.user is authenticated here

A token is sent as `Authorization: Bearer <token>`; a revoked, unknown or empty token is a
401 even on public endpoints (a client that believes it is authenticated must learn that it
is not). Other schemes (`Basic`…) are ignored: they belong to proxies in front of the site. Session callers are the site's own pages (htmx / JS): their unsafe
requests (POST, PUT, PATCH, DELETE) must carry the CSRF token (`X-CSRFToken` header).
Token callers need no CSRF token: nothing ambient authenticates them. A session that still owes
its second factor (essaim/accounts/two_factor.py) counts as anonymous.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from essaim.accounts import two_factor
from essaim.accounts.authentication import token_authenticate
from essaim.api.errors import ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class TokenOrSession(HttpBearer):
    """Bearer token first, then the session; `required` decides what anonymous callers get."""

    def __init__(self, *, required: bool) -> None:
        self.required = required
        super().__init__()

    def __call__(self, request: HttpRequest):
        scheme, _sep, token = request.headers.get("Authorization", "").strip().partition(" ")
        # Other schemes (e.g. Basic, added by a password-protected staging proxy) are not ours:
        # the caller is then recognised by its session, or is anonymous.
        if scheme.lower() == "bearer":
            if not token.strip():
                raise ApiError(
                    401,
                    _("En-tête Authorization mal formé : « Bearer <jeton> » attendu."),
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return self.authenticate(request, token.strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if two_factor.state(request) != two_factor.OK:
                # Signed in with the password only, second factor still due: not yet anyone here.
                request.user = user = AnonymousUser()
                return None if self.required else user
            self._check_csrf(request)
            return user
        if self.required:
            return None  # ninja turns this into an AuthenticationError → 401
        # ninja wants a truthy result to let the call through.
        return user if user is not None else AnonymousUser()

    def authenticate(self, request: HttpRequest, token: str):
        user = token_authenticate(token)
        if user is None:
            raise ApiError(401, _("Jeton invalide ou révoqué."), headers={"WWW-Authenticate": "Bearer"})
        request.user = user
        request.essaim_token_auth = True
        return user

    @staticmethod
    def _check_csrf(request: HttpRequest) -> None:
        if request.method in SAFE_METHODS or getattr(request, "_ninja_csrf_exempt", False):
            return
        if check_csrf(request) is not None:
            raise ApiError(
                403,
                _(
                    "Vérification CSRF échouée : envoyez l'en-tête X-CSRFToken, ou authentifiez-vous par jeton."
                ),
            )


class OptionalTokenOrSession(TokenOrSession):
    """Same, anonymous allowed (a distinct class so that OpenAPI can say the auth is optional)."""


optional_auth = OptionalTokenOrSession(required=False)
required_auth = TokenOrSession(required=True)


def openapi_security(schema: dict) -> dict:
    """Describe both ways in, and mark optional-auth operations as such (`{}` = anonymous)."""
    from django.conf import settings

    components = schema.setdefault("components", {})
    components["securitySchemes"] = {
        "jeton": {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton personnel : Authorization: Bearer <jeton>",
        },
        "session": {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME},
    }
    names = {TokenOrSession.__name__: False, OptionalTokenOrSession.__name__: True}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security")
            if not security:
                continue
            optional = any(names.get(name) for requirement in security for name in requirement)
            operation["security"] = [{"jeton": []}, {"session": []}] + ([{}] if optional else [])
    return schema

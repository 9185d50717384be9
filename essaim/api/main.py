"""The JSON API under /api/v1/ (django-ninja, OpenAPI 3 at /api/v1/openapi.json).

To add endpoints: write `essaim/api/routers/<name>.py` with `router = Router(tags=[...])`,
then register it below with ONE line `api.add_router("/<prefix>", "essaim.api.routers.<name>.router")`.
Authentication (`essaim/api/auth.py`: `optional_auth` is the default, use `auth=required_auth`
for private operations), errors (`essaim/api/errors.py`: raise `ApiError` / `bad_request` /
`not_found`) and pagination (`essaim/api/pagination.py`) are shared; see docs/api.md.
"""

from functools import wraps

from django.urls import re_path
from ninja import NinjaAPI

from essaim.api import errors
from essaim.api.auth import openapi_security, optional_auth


def _api_view(view):
    """Adapt one ninja view to the site: the API does its own authentication (401 JSON, never
    a redirect to the login page), NUL characters are refused before they reach a database
    (PostgreSQL rejects them with an error), and a wrong method gets a JSON 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        nul_fields = errors.nul_character_fields(request)
        if nul_fields:
            return errors.error_response(
                400, errors.STATUS_MESSAGES[400], dict.fromkeys(nul_fields, str(errors.NUL_MESSAGE))
            )
        surrogate_fields = errors.lone_surrogate_fields(request)
        if surrogate_fields:
            message = str(errors.SURROGATE_MESSAGE)
            return errors.error_response(
                400, errors.STATUS_MESSAGES[400], dict.fromkeys(surrogate_fields, message)
            )
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return errors.method_not_allowed(response)
        return response

    wrapper.csrf_exempt = True  # CSRF is checked by the session authentication (auth.py)
    wrapper.login_required = False  # LoginRequiredMiddleware: the API answers 401 itself
    return wrapper


class EssaimAPI(NinjaAPI):
    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if pattern.name == "api-root":  # ninja's root only raises an HTML 404
                pattern.callback = errors.not_found_view
            else:
                pattern.callback = _api_view(pattern.callback)
        # Unknown addresses under /api/v1/ get a JSON 404, not the site's HTML page.
        patterns.append(re_path(r"^[\s\S]*$", errors.not_found_view, name="not-found"))
        return patterns

    def get_openapi_schema(self, *args, **kwargs):
        return openapi_security(super().get_openapi_schema(*args, **kwargs))


api = EssaimAPI(
    title="Essaim API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    description="API publique et authentifiée d'Essaim. Voir docs/api.md.",
    auth=optional_auth,
)
errors.install(api)


@api.get("/health", tags=["meta"], auth=None, summary="État du service")
def health(request):
    return {"status": "ok"}


# --- Routers: one line each ------------------------------------------------------------
api.add_router("/auth", "essaim.api.routers.auth.router")
api.add_router("/programmes", "essaim.api.routers.programmes.router")
api.add_router("/territories", "essaim.api.routers.territories.router")
api.add_router("/orientation", "essaim.api.routers.orientation.router")
api.add_router("/coverage", "essaim.api.routers.coverage.router")
api.add_router("", "essaim.api.routers.calls.router")
api.add_router("/projects", "essaim.api.routers.projects.router")
api.add_router("/evidence", "essaim.api.routers.evidence.router")
api.add_router("/financing", "essaim.api.routers.financing.router")
api.add_router("/exports", "essaim.api.routers.exports.router")
api.add_router("/ecosystems", "essaim.api.routers.ecosystems.router")
api.add_router("/network", "essaim.api.routers.network.router")
api.add_router("/events", "essaim.api.routers.events.router")
api.add_router("/replication", "essaim.api.routers.replication.router")
api.add_router("/skills", "essaim.api.routers.skills.router")
api.add_router("/places", "essaim.api.routers.places.router")
api.add_router("/fairs", "essaim.api.routers.fairs.router")
api.add_router("/business", "essaim.api.routers.business.router")
api.add_router("/registry", "essaim.api.routers.registry.router")
api.add_router("/library", "essaim.api.routers.library.router")
api.add_router("/peers", "essaim.api.routers.peers.router")
api.add_router("/budgets", "essaim.api.routers.budgets.router")

"""The JSON API under /api/v1/ (django-ninja, OpenAPI 3 at /api/v1/openapi.json)."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Essaim API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    description="API publique et authentifiée d'Essaim. Voir docs/api.md.",
)


@api.get("/health", tags=["meta"], auth=None)
def health(request):
    return {"status": "ok"}

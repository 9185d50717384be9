"""The OpenAPI 3 document at /api/v1/openapi.json describes every endpoint."""

import re

import pytest
from django.urls import URLPattern

from essaim.api.main import api

pytestmark = pytest.mark.django_db

NOT_OPERATIONS = {"openapi-json", "openapi-view", "api-root", "not-found"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_document_is_openapi_3(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Essaim API"


def test_document_lists_our_paths(document):
    assert {
        "/api/v1/auth/token",
        "/api/v1/auth/tokens",
        "/api/v1/auth/tokens/{token_id}",
        "/api/v1/programmes",
        "/api/v1/programmes/{slug}",
        "/api/v1/territories",
        "/api/v1/territories/{level}/{code}",
    } <= set(document["paths"])


def test_document_lists_every_routed_path(document):
    """Whatever router is registered later, its addresses must be in the document."""
    patterns, _app, _namespace = api.urls
    routed = {
        "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in patterns
        if isinstance(p, URLPattern) and p.name not in NOT_OPERATIONS
    }
    assert routed - set(document["paths"]) == set()


def test_document_parameters_and_security(document):
    programmes = document["paths"]["/api/v1/programmes"]["get"]
    names = [p["name"] for p in programmes["parameters"]]
    assert names == [
        "territory",
        "family",
        "stage",
        "kind",
        "model",
        "public",
        "need",
        "ecosystem",
        "q",
        "page",
        "page_size",
    ]
    page_size = next(p for p in programmes["parameters"] if p["name"] == "page_size")
    assert (page_size["schema"]["type"], page_size["schema"]["maximum"]) == ("integer", 100)
    # Public: a token or a session is accepted, nothing is required ({}).
    assert programmes["security"] == [{"jeton": []}, {"session": []}, {}]
    assert document["paths"]["/api/v1/auth/tokens"]["get"]["security"] == [{"jeton": []}, {"session": []}]
    assert set(document["components"]["securitySchemes"]) == {"jeton", "session"}
    assert set(programmes["responses"]) == {"200", "400", "401", "403", "404", "422", "429"}


def test_docs_page_uses_vendored_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui-init.js" in html
    assert "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html


def test_no_two_schemas_share_a_name():
    """The OpenAPI document names its components by class name: two schemas of the same name
    (a meeting of a fair and of a project) would be one component, the document wrong for one."""
    from ninja import Schema

    import essaim.api.main  # noqa: F401  (every router imported)

    seen, stack = {}, list(Schema.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("essaim."):
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: sorted(mods) for name, mods in seen.items() if len(mods) > 1} == {}

"""The middleware fast path: anonymous API reads skip session work, headers stay the same."""

import pytest
from csp.utils import build_policy
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory

from essaim.core.fastpath import ANONYMOUS_READ, AnonymousReadMiddleware, StaticCSPMiddleware
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

HEALTH = "/api/v1/health"
TOKENS = "/api/v1/auth/tokens"


def _marked(request) -> bool:
    AnonymousReadMiddleware(lambda r: HttpResponse())(request)
    return request.__dict__.get(ANONYMOUS_READ, False)


def test_only_anonymous_api_reads_take_the_fast_path():
    factory = RequestFactory()
    assert _marked(factory.get(HEALTH)) is True
    assert _marked(factory.head(HEALTH)) is True
    assert _marked(factory.post(HEALTH)) is False
    assert _marked(factory.get("/annuaire/")) is False
    assert _marked(factory.get(HEALTH, HTTP_AUTHORIZATION="Bearer x")) is False
    with_session = factory.get(HEALTH)
    with_session.COOKIES[django_settings.SESSION_COOKIE_NAME] = "abc"
    assert _marked(with_session) is False


def test_anonymous_api_read_keeps_the_security_headers_and_sets_no_cookie(client):
    response = client.get(HEALTH)
    page = client.get("/ping")
    assert response.status_code == 200
    assert response.cookies == {}
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Permissions-Policy",
    ):
        assert response[header] == page[header]
    assert response["Content-Security-Policy"] == build_policy()
    assert response["Content-Language"] == "fr"


def test_anonymous_api_read_is_answered_in_the_language_asked(client):
    response = client.get("/api/v1/orientation", {"place": "nowhere"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422  # an unknown place (decision 0021)
    assert response["Content-Language"] == "en"


def test_a_session_caller_is_still_recognised_on_the_api(client):
    client.force_login(UserFactory())
    assert client.get(TOKENS).status_code == 200
    client.logout()
    assert client.get(TOKENS).status_code == 401


def test_static_csp_header_follows_the_settings(settings):
    middleware = StaticCSPMiddleware(lambda r: HttpResponse())
    request = RequestFactory().get("/")
    first = middleware.process_response(request, HttpResponse())["Content-Security-Policy"]
    assert first == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    again = middleware.process_response(request, HttpResponse())["Content-Security-Policy"]
    assert again == "default-src 'none'"


def test_a_view_asking_for_another_policy_gets_it():
    middleware = StaticCSPMiddleware(lambda r: HttpResponse())
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://tiles.example"]}
    header = middleware.process_response(RequestFactory().get("/"), response)["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example" in header

"""Every way in shares one limiter: site login, /admin/login/, the API token endpoint."""

import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("web:login")
ADMIN_LOGIN = reverse("admin:login")
TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


def admin_login(client, password, email="admin@example.org", **extra):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password, "next": "/admin/"}, **extra)


def test_admin_login_page_is_public(client):
    response = client.get(ADMIN_LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_admin_login_works(client, superuser):
    response = admin_login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_thirty_wrong_admin_passwords_then_the_right_one_is_refused(client, superuser):
    for _attempt in range(30):
        assert admin_login(client, "mauvais").status_code in (200, 429)
    response = admin_login(client, PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion ont échoué." in response.content.decode()
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still the login page


def test_admin_failures_count_towards_the_site_login(client, superuser, settings):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        admin_login(client, "mauvais")
    response = client.post(LOGIN, {"email": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_site_failures_count_towards_the_admin_and_the_api(client, superuser, settings):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        client.post(LOGIN, {"email": "admin@example.org", "password": "mauvais"})
    assert admin_login(client, PASSWORD).status_code == 429
    api = client.post(
        TOKEN_URL, {"email": "admin@example.org", "password": PASSWORD}, content_type="application/json"
    )
    assert api.status_code == 429
    assert api.json() == {
        "detail": "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
        "errors": {},
    }


def test_api_failures_count_towards_the_site_login(client, superuser, settings):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        client.post(
            TOKEN_URL, {"email": "Admin@Example.org ", "password": "x"}, content_type="application/json"
        )
    assert client.post(LOGIN, {"email": "admin@example.org", "password": PASSWORD}).status_code == 429


def test_case_and_spaces_in_the_admin_login_hit_the_same_counter(client, superuser, settings):
    variants = [
        " ADMIN@example.org",
        "admin@EXAMPLE.org  ",
        "Admin@Example.Org",
        "admin@example.org",
        " admin@example.org ",
    ]
    assert len(variants) == settings.LOGIN_RATE_LIMIT
    for email in variants:
        admin_login(client, "mauvais", email=email)
    assert admin_login(client, PASSWORD).status_code == 429


def test_the_proxy_header_is_ignored_unless_behind_our_proxy(client, superuser, settings):
    """Without BEHIND_TLS_PROXY, a forged X-Forwarded-For does not make a fresh address."""
    settings.TRUSTED_PROXY_HOPS = 0
    for i in range(settings.LOGIN_RATE_LIMIT_ADDRESS):
        client.post(
            LOGIN, {"email": f"p{i}@example.org", "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.9.0.{i}"
        )
    blocked = client.post(
        LOGIN, {"email": "admin@example.org", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert blocked.status_code == 429


def test_behind_our_proxy_one_client_does_not_block_the_others(client, superuser, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for i in range(settings.LOGIN_RATE_LIMIT_ADDRESS):
        client.post(
            LOGIN,
            {"email": f"p{i}@example.org", "password": "x"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1",
        )
    # The attacker's address is blocked, whatever it writes on the left of the header...
    attacker = client.post(
        LOGIN, {"email": "autre@example.org", "password": "x"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1"
    )
    assert attacker.status_code == 429
    # ... while another client behind the same proxy logs in.
    other = client.post(
        LOGIN, {"email": "admin@example.org", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other.status_code == 302

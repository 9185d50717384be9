"""Security headers on every response, and the two session timeouts."""

import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from essaim.accounts.services import token_create
from essaim.core.security import SEEN, STARTED
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("web:account")
LOGIN = reverse("web:login")


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


# --- Permissions-Policy ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", LOGIN, "/api/v1/health", "/ping"])
def test_every_response_has_a_permissions_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Permissions-Policy"] == django_settings.PERMISSIONS_POLICY
    policy = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert {policy["camera"], policy["microphone"], policy["geolocation"], policy["payment"]} == {"()"}


# --- Cache-Control ---------------------------------------------------------------------------


def test_public_page_for_anonymous_is_not_marked_private(client):
    response = client.get(reverse("web:directory"))
    assert "private" not in cache_control(response)


def test_page_for_a_signed_in_user_is_private(client):
    client.force_login(UserFactory())
    response = client.get(reverse("web:directory"))
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert "no-store" not in cache_control(response)


def test_account_pages_are_no_store(client):
    client.force_login(UserFactory())
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert {"private", "no-store", "no-cache", "must-revalidate"} <= cache_control(response)


def test_admin_pages_are_no_store(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_download_for_a_signed_in_user_is_no_store(client):
    client.force_login(UserFactory())
    response = client.get(reverse("workspace:data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"private", "no-store"} <= cache_control(response)


def test_api_answer_to_a_token_is_private(client):
    _token, clear = token_create(user=UserFactory(), name="t")
    response = client.get("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert response.status_code == 200
    assert "private" in cache_control(response)


# --- Session timeouts ------------------------------------------------------------------------


def _age_session(client, *, started_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[STARTED] = now - started_ago
    session[SEEN] = now - seen_ago
    session.save()


def test_login_notes_the_start_of_the_session(client):
    UserFactory(email="alice@example.org")
    before = int(time.time())
    assert client.post(LOGIN, {"email": "alice@example.org", "password": PASSWORD}).status_code == 302
    assert before <= client.session[STARTED] == client.session[SEEN] <= int(time.time())


def test_idle_session_is_logged_out(client, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 3600
    client.force_login(UserFactory())
    _age_session(client, started_ago=3 * 3600, seen_ago=2 * 3600 + 1)
    response = client.get(ACCOUNT, follow=True)
    assert response.redirect_chain == [(f"{LOGIN}?next={ACCOUNT}", 302)]
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "Votre session a expiré : reconnectez-vous pour continuer."
    ]


def test_active_session_is_logged_out_after_the_absolute_timeout(client, settings):
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 3600
    client.force_login(UserFactory())
    _age_session(client, started_ago=12 * 3600 + 1, seen_ago=10)
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(client):
    client.force_login(UserFactory())
    _age_session(client, started_ago=3 * 3600, seen_ago=2 * 3600 - 5)
    assert client.get(ACCOUNT).status_code == 200
    # The request counted as activity: the idle clock restarts.
    assert int(time.time()) - client.session[SEEN] <= 2
    assert client.get(ACCOUNT).status_code == 200


def test_last_seen_is_written_at_most_once_a_minute(client):
    client.force_login(UserFactory())
    _age_session(client, started_ago=100, seen_ago=30)
    seen = client.session[SEEN]
    assert client.get(ACCOUNT).status_code == 200
    assert client.session[SEEN] == seen


def test_session_cookie_lasts_no_longer_than_the_absolute_timeout(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT == 43200

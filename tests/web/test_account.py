import pytest
from django.urls import reverse

from essaim.accounts.models import ApiToken
from essaim.accounts.services import token_authenticate, token_create
from tests.factories.accounts import PASSWORD, MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import OrganisationFactory
from tests.web.html import assert_strict_csp_page

pytestmark = pytest.mark.django_db

LOGIN = reverse("web:login")
LOGOUT = reverse("web:logout")
ACCOUNT = reverse("web:account")
TOKEN_CREATE = reverse("web:token_create")


def revoke_url(token_id: int) -> str:
    return reverse("web:token_revoke", args=[token_id])


# --- Login / logout ----------------------------------------------------------------------


def test_login_page_is_public(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="email" name="email"' in html
    assert 'autocomplete="current-password"' in html
    assert_strict_csp_page(response)


def test_login_by_email_redirects_to_account(client):
    user = UserFactory(email="alice@example.org")
    response = client.post(LOGIN, {"email": "Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_honours_a_safe_next(client):
    UserFactory(email="alice@example.org")
    response = client.post(LOGIN, {"email": "alice@example.org", "password": PASSWORD, "next": "/annuaire/"})
    assert response["Location"] == "/annuaire/"


def test_login_ignores_an_unsafe_next(client):
    UserFactory(email="alice@example.org")
    response = client.post(
        LOGIN, {"email": "alice@example.org", "password": PASSWORD, "next": "https://ailleurs.example/"}
    )
    assert response["Location"] == ACCOUNT


def test_login_wrong_password_says_so_in_french(client):
    UserFactory(email="alice@example.org")
    response = client.post(LOGIN, {"email": "alice@example.org", "password": "non"})
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited_after_the_limit(client, settings):
    assert settings.LOGIN_RATE_LIMIT == 5
    UserFactory(email="alice@example.org")
    for _attempt in range(5):
        assert client.post(LOGIN, {"email": "alice@example.org", "password": "non"}).status_code == 200
    blocked = client.post(LOGIN, {"email": "alice@example.org", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Trop de tentatives de connexion ont échoué." in blocked.content.decode()
    assert 'value="alice@example.org"' in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another e-mail from the same address is not blocked yet.
    UserFactory(email="bob@example.org")
    assert client.post(LOGIN, {"email": "bob@example.org", "password": PASSWORD}).status_code == 302


def test_successful_login_resets_the_failure_count(client):
    UserFactory(email="alice@example.org")
    for _attempt in range(4):
        client.post(LOGIN, {"email": "alice@example.org", "password": "non"})
    assert client.post(LOGIN, {"email": "alice@example.org", "password": PASSWORD}).status_code == 302
    client.post(LOGOUT)
    for _attempt in range(4):
        assert client.post(LOGIN, {"email": "alice@example.org", "password": "non"}).status_code == 200
    assert client.post(LOGIN, {"email": "alice@example.org", "password": PASSWORD}).status_code == 302


def test_login_page_sends_a_logged_in_user_to_the_account(client):
    client.force_login(UserFactory())
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT


def test_login_rejects_other_methods(client):
    assert client.put(LOGIN).status_code == 405


def test_logout_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_logout_anonymous_goes_to_login(client):
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Account page ------------------------------------------------------------------------


def test_account_requires_login(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={ACCOUNT}"


def test_account_shows_identity_and_roles(client):
    user = UserFactory(email="alice@example.org", full_name="Alice Martin", carrier=True)
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Antropia"), role="admin")
    TerritoryScopeFactory(user=user, level="region", code="76")
    client.force_login(user)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.org" in html
    assert "Alice Martin" in html
    assert "Porteur de projet" in html
    assert "Administrateur de l'équipe de Antropia" in html
    assert "Collectivité locale : accès aux données agrégées de Occitanie (Région)" in html
    assert_strict_csp_page(response)


def test_account_rejects_post(client):
    client.force_login(UserFactory())
    assert client.post(ACCOUNT).status_code == 405


def test_account_query_count_is_constant_in_tokens(client, django_assert_num_queries):
    user = UserFactory()
    client.force_login(user)
    token_create(user=user, name="un")
    # session, user, scopes, memberships, tokens
    with django_assert_num_queries(5):
        client.get(ACCOUNT)
    for i in range(5):
        token_create(user=user, name=f"jeton {i}")
    with django_assert_num_queries(5):
        response = client.get(ACCOUNT)
    assert len(response.context["tokens"]) == 6


# --- API tokens ----------------------------------------------------------------------------


def test_token_create_shows_the_clear_value_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(TOKEN_CREATE, {"name": "export"})
    assert response.status_code == 200
    clear = response.context["clear"]
    assert clear.startswith("ess_")
    assert "no-store" in response["Cache-Control"]
    assert clear in response.content.decode()
    assert token_authenticate(clear) == user
    token = ApiToken.objects.get(user=user)
    assert token.name == "export"
    assert token.digest != clear
    # The account page lists it by its hint, never the clear value.
    listing = client.get(ACCOUNT).content.decode()
    assert token.hint in listing
    assert clear not in listing
    assert_strict_csp_page(response)


def test_token_create_name_too_long_is_a_field_error(client):
    client.force_login(UserFactory())
    response = client.post(TOKEN_CREATE, {"name": "x" * 101})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_token_create_anonymous_and_wrong_method(client):
    response = client.post(TOKEN_CREATE, {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    client.force_login(UserFactory())
    assert client.get(TOKEN_CREATE).status_code == 405
    assert ApiToken.objects.count() == 0


def test_token_revoke_own_token(client):
    user = UserFactory()
    token, clear = token_create(user=user)
    client.force_login(user)
    response = client.post(revoke_url(token.pk))
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_authenticate(clear) is None


def test_token_revoke_someone_elses_token_is_404(client):
    alice, bob = UserFactory(), UserFactory()
    bobs_token, clear = token_create(user=bob)
    client.force_login(alice)
    assert client.post(revoke_url(bobs_token.pk)).status_code == 404
    bobs_token.refresh_from_db()
    assert bobs_token.revoked_at is None
    assert token_authenticate(clear) == bob


def test_token_revoke_anonymous_and_wrong_method(client):
    user = UserFactory()
    token, _clear = token_create(user=user)
    response = client.post(revoke_url(token.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    client.force_login(user)
    assert client.get(revoke_url(token.pk)).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None

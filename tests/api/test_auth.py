"""Tokens: obtain, list, revoke; how the API recognises callers (token, session, anonymous)."""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from essaim.accounts.models import ApiToken
from essaim.accounts.services import token_authenticate, token_create
from tests.api.conftest import bearer
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"
TOKENS_URL = "/api/v1/auth/tokens"


def post_json(client, url, data, **kwargs):
    return client.post(url, data, content_type="application/json", **kwargs)


# --- POST /auth/token ---------------------------------------------------------------------


def test_token_obtain_returns_a_working_token(client, alice):
    response = post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 201
    body = response.json()
    assert list(body) == ["token"]
    assert token_authenticate(body["token"]) == alice
    token = ApiToken.objects.get(user=alice)
    assert token.name == "Jeton obtenu par l'API"
    assert token.digest == ApiToken.hash(body["token"])


def test_token_obtain_email_is_case_insensitive_and_name_kept(client, alice):
    response = post_json(
        client, TOKEN_URL, {"email": " Alice@Example.org ", "password": PASSWORD, "name": "script"}
    )
    assert response.status_code == 201
    assert list(ApiToken.objects.filter(user=alice).values_list("name", flat=True)) == ["script"]


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "alice@example.org", "password": "pas-le-bon"},
        {"email": "personne@example.org", "password": PASSWORD},
    ],
)
def test_token_obtain_wrong_credentials_is_401(client, alice, credentials):
    response = post_json(client, TOKEN_URL, credentials)
    assert response.status_code == 401
    assert response.json() == {"detail": "Adresse électronique ou mot de passe incorrect.", "errors": {}}
    assert ApiToken.objects.count() == 0


def test_token_obtain_inactive_user_is_401(client, alice):
    alice.is_active = False
    alice.save()
    response = post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 401


def test_token_obtain_is_rate_limited_like_the_login(client, alice, settings):
    for _attempt in range(settings.LOGIN_RATE_LIMIT):
        response = post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": "faux"})
        assert response.status_code == 401
    # Even the right password is refused once the limit is reached.
    response = post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
        "errors": {},
    }
    assert ApiToken.objects.count() == 0


def test_token_obtain_success_resets_the_failure_count(client, alice, settings):
    for _attempt in range(settings.LOGIN_RATE_LIMIT - 1):
        post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": "faux"})
    assert (
        post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": PASSWORD}).status_code == 201
    )
    for _attempt in range(settings.LOGIN_RATE_LIMIT - 1):
        post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": "faux"})
    assert (
        post_json(client, TOKEN_URL, {"email": "alice@example.org", "password": PASSWORD}).status_code == 201
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"email": "Ce champ est obligatoire.", "password": "Ce champ est obligatoire."}),
        ({"email": "alice@example.org"}, {"password": "Ce champ est obligatoire."}),
        ({"email": 12, "password": PASSWORD}, {"email": "Une chaîne de caractères est attendue."}),
        ({"email": "a@b.fr", "password": "x", "name": "n" * 101}, {"name": "Au plus 100 caractères."}),
    ],
)
def test_token_obtain_bad_body_names_each_field(client, alice, data, errors):
    response = post_json(client, TOKEN_URL, data)
    assert response.status_code == 400
    assert response.json() == {"detail": "Paramètres invalides.", "errors": errors}


def test_token_obtain_unreadable_body_is_400(client, alice):
    response = client.post(TOKEN_URL, "{pas du json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Corps de la requête illisible : un objet JSON est attendu.",
        "errors": {},
    }


def test_token_obtain_json_list_body_is_400(client, alice):
    response = client.post(TOKEN_URL, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Paramètres invalides."


def test_token_obtain_wrong_method_is_405(client):
    response = client.get(TOKEN_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {
        "detail": "Méthode HTTP non autorisée pour cette adresse. Méthodes acceptées : POST",
        "errors": {},
    }


# --- GET /auth/tokens ---------------------------------------------------------------------


def test_token_list_shows_own_tokens_without_clear_value(client, alice, bob, alice_token, revoked_token):
    token_create(user=bob, name="jeton de Bob")
    response = client.get(TOKENS_URL, headers=bearer(alice_token))
    assert response.status_code == 200
    body = response.json()
    assert [(t["name"], t["active"]) for t in body] == [("ancien", False), ("ordinateur d'Alice", True)]
    assert {t["id"] for t in body} == set(ApiToken.objects.filter(user=alice).values_list("pk", flat=True))
    assert body[1]["hint"] == alice_token[:10]
    assert alice_token not in response.content.decode()
    assert set(body[0]) == {"id", "name", "hint", "created_at", "last_used_at", "revoked_at", "active"}
    assert body[0]["revoked_at"] is not None


def test_token_list_anonymous_is_401(client):
    response = client.get(TOKENS_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "Authentification requise : envoyez l'en-tête « Authorization: Bearer <jeton> ».",
        "errors": {},
    }


def test_token_list_revoked_token_is_401(client, revoked_token):
    response = client.get(TOKENS_URL, headers=bearer(revoked_token))
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton invalide ou révoqué.", "errors": {}}


def test_token_list_with_session(client, alice, alice_token):
    client.force_login(alice)
    response = client.get(TOKENS_URL)
    assert response.status_code == 200
    assert [t["name"] for t in response.json()] == ["ordinateur d'Alice"]


def test_token_list_wrong_method_is_405(client, alice_token):
    response = client.post(TOKENS_URL, headers=bearer(alice_token))
    assert response.status_code == 405
    assert response["Allow"] == "GET"


# --- DELETE /auth/tokens/{id} ---------------------------------------------------------------


def test_token_revoke_own(client, alice, alice_token):
    other, other_clear = token_create(user=alice, name="autre")
    response = client.delete(f"{TOKENS_URL}/{other.pk}", headers=bearer(alice_token))
    assert response.status_code == 204
    assert response.content == b""
    other.refresh_from_db()
    assert other.revoked_at is not None
    assert token_authenticate(other_clear) is None
    assert token_authenticate(alice_token) == alice


def test_token_revoke_itself_then_401(client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert client.delete(f"{TOKENS_URL}/{token.pk}", headers=bearer(alice_token)).status_code == 204
    assert client.get(TOKENS_URL, headers=bearer(alice_token)).status_code == 401


def test_token_revoke_someone_elses_is_404(client, alice_token, bob):
    bobs, bobs_clear = token_create(user=bob)
    response = client.delete(f"{TOKENS_URL}/{bobs.pk}", headers=bearer(alice_token))
    assert response.status_code == 404
    assert response.json() == {"detail": "Jeton introuvable ou déjà révoqué.", "errors": {}}
    bobs.refresh_from_db()
    assert bobs.revoked_at is None
    assert token_authenticate(bobs_clear) == bob


def test_token_revoke_already_revoked_is_404(client, alice, alice_token, revoked_token):
    revoked = ApiToken.objects.get(user=alice, name="ancien")
    assert client.delete(f"{TOKENS_URL}/{revoked.pk}", headers=bearer(alice_token)).status_code == 404


def test_token_revoke_anonymous_is_401(client, alice_token):
    token = ApiToken.objects.get()
    assert client.delete(f"{TOKENS_URL}/{token.pk}").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("token_id", ["abc", "0", "-3", "99999999999999999999999"])
def test_token_revoke_bad_id_is_400(client, alice_token, token_id):
    response = client.delete(f"{TOKENS_URL}/{token_id}", headers=bearer(alice_token))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["token_id"]


def test_token_revoke_wrong_method_is_405(client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    response = client.get(f"{TOKENS_URL}/{token.pk}", headers=bearer(alice_token))
    assert response.status_code == 405
    assert response["Allow"] == "DELETE"


# --- sessions and CSRF ----------------------------------------------------------------------


def test_session_unsafe_method_without_csrf_is_403(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    token, _clear = token_create(user=alice)
    response = client.delete(f"{TOKENS_URL}/{token.pk}")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Vérification CSRF échouée : envoyez l'en-tête X-CSRFToken, ou authentifiez-vous par jeton.",
        "errors": {},
    }
    token.refresh_from_db()
    assert token.revoked_at is None


def test_session_unsafe_method_with_csrf_header_passes(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    secret = _get_new_csrf_string()  # what the csrftoken cookie holds for a browser
    client.cookies["csrftoken"] = secret
    token, _clear = token_create(user=alice)
    response = client.delete(f"{TOKENS_URL}/{token.pk}", headers={"X-CSRFToken": secret})
    assert response.status_code == 204


def test_token_needs_no_csrf(alice, alice_token):
    client = Client(enforce_csrf_checks=True)
    token, _clear = token_create(user=alice)
    response = client.delete(f"{TOKENS_URL}/{token.pk}", headers=bearer(alice_token))
    assert response.status_code == 204


@pytest.mark.parametrize("header", ["Bearer", "Bearer   ", "bearer "])
def test_empty_bearer_token_is_401(client, header):
    response = client.get(TOKENS_URL, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json() == {
        "detail": "En-tête Authorization mal formé : « Bearer <jeton> » attendu.",
        "errors": {},
    }


@pytest.mark.parametrize("header", ["Token abc", "Basic YTpi"])
def test_other_authorization_schemes_are_ignored(client, alice, header):
    # A proxy's Basic authentication must not break the site's own (session) calls.
    assert client.get(TOKENS_URL, headers={"Authorization": header}).status_code == 401
    assert client.get("/api/v1/programmes", headers={"Authorization": header}).status_code == 200
    client.force_login(alice)
    assert client.get(TOKENS_URL, headers={"Authorization": header}).status_code == 200


def test_unknown_token_is_401(client, db):
    response = client.get(TOKENS_URL, headers=bearer("ess_inconnu"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Jeton invalide ou révoqué."


def test_token_takes_precedence_over_session(client, alice, bob):
    _token, bobs_clear = token_create(user=bob, name="de Bob")
    client.force_login(alice)
    response = client.get(TOKENS_URL, headers=bearer(bobs_clear))
    assert [t["name"] for t in response.json()] == ["de Bob"]


def test_token_obtain_nul_character_is_400(client, alice):
    response = client.post(
        TOKEN_URL, '{"email": "a\\u0000@b.fr", "password": "x"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Requête invalide.",
        "errors": {"body": "Caractère nul (\\x00) non autorisé."},
    }


@pytest.mark.parametrize("count", [1, 6])
def test_token_list_query_count_is_constant(client, alice, alice_token, django_assert_num_queries, count):
    for number in range(count - 1):
        token_create(user=alice, name=f"jeton {number}")
    # the token's user (1), its last use (1), the list (1)
    with django_assert_num_queries(3):
        response = client.get(TOKENS_URL, headers=bearer(alice_token))
    assert len(response.json()) == count

"""Requests of the calls API tests: a token for a user, a JSON POST as that user."""

from django.test import Client

from essaim.accounts.services import token_create


def bearer(user) -> dict:
    _token, clear = token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def post_json(url, body, user=None):
    headers = bearer(user) if user is not None else {}
    return Client().post(url, body, content_type="application/json", **headers)

"""Fixtures for the API tests: a client, users with tokens, an empty rate-limit cache."""

import pytest
from django.core.cache import cache

from essaim.accounts.services import token_create, token_revoke
from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Login failures are counted in the cache: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.org")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.org")


@pytest.fixture
def alice_token(alice):
    _token, clear = token_create(user=alice, name="ordinateur d'Alice")
    return clear


@pytest.fixture
def revoked_token(alice):
    token, clear = token_create(user=alice, name="ancien")
    token_revoke(user=alice, token_id=token.pk)
    return clear


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}

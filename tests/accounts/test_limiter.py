"""The login limiter's counters: per account (normalised e-mail), per address, shared cache."""

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from essaim.accounts import limiter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def attempt(address="203.0.113.1"):
    return RequestFactory().post("/compte/connexion/", REMOTE_ADDR=address)


def fail(times: int, email: str, address="203.0.113.1") -> None:
    for _i in range(times):
        limiter.record_failure(attempt(address), email)


def test_spaces_and_case_do_not_make_a_new_counter(settings):
    assert settings.LOGIN_RATE_LIMIT == 5
    for email in ["alice@example.org", " Alice@Example.org", "ALICE@EXAMPLE.ORG ", "\talice@example.org\n"]:
        assert not limiter.is_locked(attempt(), "alice@example.org")
        fail(1, email)
    fail(1, "aLiCe@example.org")
    assert limiter.is_locked(attempt(), "alice@example.org")
    assert limiter.is_locked(attempt(), "  ALICE@example.org")


def test_an_account_is_locked_from_every_address(settings):
    for i in range(settings.LOGIN_RATE_LIMIT):
        fail(1, "alice@example.org", address=f"198.51.100.{i}")
    assert limiter.is_locked(attempt("192.0.2.77"), "alice@example.org")
    assert not limiter.is_locked(attempt("192.0.2.77"), "bob@example.org")


def test_an_address_is_locked_for_every_account(settings):
    assert settings.LOGIN_RATE_LIMIT_ADDRESS == 5 * settings.LOGIN_RATE_LIMIT
    for i in range(settings.LOGIN_RATE_LIMIT_ADDRESS - 1):
        fail(1, f"personne{i}@example.org", address="203.0.113.9")
    assert not limiter.is_locked(attempt("203.0.113.9"), "nouveau@example.org")
    fail(1, "dernier@example.org", address="203.0.113.9")
    assert limiter.is_locked(attempt("203.0.113.9"), "nouveau@example.org")
    assert not limiter.is_locked(attempt("203.0.113.10"), "nouveau@example.org")


def test_reset_account_forgets_the_account_not_the_address(settings):
    fail(settings.LOGIN_RATE_LIMIT, "alice@example.org")
    limiter.reset_account(" Alice@example.org ")
    assert not limiter.is_locked(attempt(), "alice@example.org")
    assert limiter.LoginLimiter().get_failures(attempt(), {"email": "x@example.org"}) == 5


def test_counters_expire_after_the_window(settings):
    settings.LOGIN_RATE_WINDOW = 1
    fail(settings.LOGIN_RATE_LIMIT, "alice@example.org")
    assert limiter.is_locked(attempt(), "alice@example.org")
    import time

    time.sleep(1.2)
    assert not limiter.is_locked(attempt(), "alice@example.org")


def test_counters_live_in_the_database_cache_shared_by_every_process(settings):
    """The default cache (no REDIS_URL) is the database cache: another process, i.e. another
    cache connection reading the same table, sees the counters."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "essaim_cache"}
    }
    call_command("createcachetable", verbosity=0)
    fail(settings.LOGIN_RATE_LIMIT, "alice@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM essaim_cache")
        assert cursor.fetchone()[0] == 2  # one counter for the account, one for the address
    other = caches.create_connection("default")
    assert sorted(other.get_many([limiter._account_key("alice@example.org")]).values()) == [5]
    assert limiter.is_locked(attempt(), "ALICE@example.org")


def test_settings_default_cache_is_the_database_and_redis_when_configured(monkeypatch):
    import importlib

    import essaim.settings as settings_module

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CACHE_BACKEND", raising=False)
    try:
        default = importlib.reload(settings_module).CACHES["default"]
        assert default == {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "essaim_cache",
        }
        monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
        redis = importlib.reload(settings_module).CACHES["default"]
        assert redis == {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    finally:
        monkeypatch.delenv("REDIS_URL", raising=False)
        importlib.reload(settings_module)


def test_authenticate_without_a_request_is_not_refused():
    """A shell or a data migration has no request: the limiter lets it through to the password check."""
    assert limiter.LimiterBackend().authenticate(None, username="a@example.org", password="x") is None

"""Shared fixtures.

The test database holds every région and département and the communes/EPCI of a few
régions (Occitanie, Île-de-France, PACA, Auvergne-Rhône-Alpes), of the Creuse, and the
homonyms the place resolver's tests need, loaded once per worker (docs/decisions/0004).
Transactional tests (browser) flush the database, except the referential's own tables
(`keep_the_referential_through_flushes` below: reloading it after each of them cost about 3 s a
test); should one of them empty it anyway, it is loaded again right after
(`pytest_runtest_teardown` below), before the next test of the worker starts.
"""

import os
import shutil

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import flush
from django.utils import translation

from essaim.directory import index as directory_index
from essaim.territories.models import Commune
from essaim.territories.services import load_territories

TEST_REGIONS = {"76", "11", "93", "84"}
# The Creuse (postal code 23200, a rural département far from the study's programmes) and every
# commune named like the resolver's ambiguous cases, wherever it is.
TEST_TERRITORIES = {
    "regions": TEST_REGIONS,
    "departements": {"23"},
    "names": {"saint martin", "sainte colombe", "romans", "aubusson"},
}
SENTINEL_COMMUNE = "23008"  # Aubusson: present once the test referential is complete

# Playwright runs an event loop in the test thread; Django's ORM is used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # A reused database may hold an older, smaller referential: the load completes it.
        if not Commune.objects.filter(pk=SENTINEL_COMMUNE).exists():
            load_territories(**TEST_TERRITORIES)


def _flush_all_but_the_referential(style, connection, reset_sequences=True, allow_cascade=False):
    """Django's `sql_flush`, without the territories app's tables: they hold only the read-only
    referential, which every test expects and no transactional test writes."""
    kept = {
        model._meta.db_table
        for model in apps.get_app_config("territories").get_models(include_auto_created=True)
    }
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if table not in kept
    ]
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )


@pytest.fixture(scope="session", autouse=True)
def keep_the_referential_through_flushes():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", _flush_all_but_the_referential)
        yield


@pytest.fixture(autouse=True)
def french_by_default():
    """Every test starts in French: a request with `Accept-Language: en` in an earlier test
    leaves English active in the worker's thread otherwise."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_directory_index():
    """The directory index follows writes through signals, not a test's rollback: each test
    starts without one (the orientation tests do the same for theirs in their conftest)."""
    directory_index.invalidate()


@pytest.fixture
def territories(django_db_blocker):
    """Make sure the territory referential is present (after a transactional flush)."""
    with django_db_blocker.unblock():
        if not Commune.objects.filter(pk=SENTINEL_COMMUNE).exists():
            load_territories(**TEST_TERRITORIES)


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "live_server" in fixtures
        or "transactional_db" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed the database (its teardown has run), load the
    referential again: pytest-django runs the tests that use no database fixture after the
    transactional ones, and many read territories through the place index or a fixture."""
    from pytest_django.plugin import blocking_manager_key  # pytest-django's own blocker

    if not _transactional(item) or blocking_manager_key not in item.config.stash:
        return
    with item.config.stash[blocking_manager_key].unblock():
        if not Commune.objects.filter(pk=SENTINEL_COMMUNE).exists():
            load_territories(**TEST_TERRITORIES)


@pytest.fixture
def study(db):
    """The study's 14 programmes, their organisations and ecosystems."""
    call_command("load_study", verbosity=0)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(
            "CI=true mais Chromium est introuvable : les tests navigateur ne peuvent être ignorés."
        )
    skip = pytest.mark.skip(reason="Chromium introuvable (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)

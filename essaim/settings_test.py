"""Fast settings for the test suite."""

import os

os.environ.setdefault("DEBUG", "false")

from essaim.settings import *  # noqa: E402,F403
from essaim.settings import DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory per worker
else:
    # A test database is thrown away: no waiting for the WAL flush at each commit (the live-server
    # and transaction tests commit), which keeps the PostgreSQL pass of CI within its budget.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
LOGIN_RATE_LIMIT = 5
LOGIN_RATE_LIMIT_ADDRESS = 25
AXES_FAILURE_LIMIT = 5
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SECRET_KEY = "tests-only-secret-key-essaim-0123456789-abcdefghijklmnopqrstuvwxyz"
# Every app's tests sign people in with force_login: the second factor is required of admins only
# in the tests that say so (tests/web/account/), with settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True.
TWO_FACTOR_REQUIRED_FOR_ADMINS = False
TWO_FACTOR_DEMO_EXEMPT = False

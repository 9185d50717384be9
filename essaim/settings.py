"""Essaim settings: one module, read from environment variables with safe defaults.

See docs/configuration.md for every variable. Defaults make `migrate` + `runserver`
work on SQLite; production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from essaim.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
# The demonstration (`make demo`): fictitious data, e-mails kept for the "Courriels envoyés" page.
DEMO = envbool("DEMO", False)
# The public development key exists only under DEBUG; its "django-insecure-" prefix makes
# `check --deploy` flag it (security.W009). Without DEBUG the key comes from SECRET_KEY or from
# SECRET_KEY_FILE (`make serve` writes a random one to var/secret_key on its first run); with
# neither, SECRET_KEY stays empty and Django refuses to serve (essaim/wsgi.py says so at start).
DEV_SECRET_KEY = "django-insecure-essaim-development-only-never-use-this-key-in-production"
SECRET_KEY_FILE = envstr("SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret_key"))


def _read_secret(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


SECRET_KEY = envstr("SECRET_KEY", "") or _read_secret(SECRET_KEY_FILE) or (DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "essaim.web.account.apps.EssaimAdminConfig",  # django.contrib.admin, our site class (2FA)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks.backends.database",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "essaim.core",
    "essaim.audit",
    "essaim.notifications",
    "essaim.territories",
    "essaim.directory",
    "essaim.accounts",
    "essaim.accompaniment",
    "essaim.calls",
    "essaim.events",
    "essaim.fairs",
    "essaim.places",
    "essaim.financing",
    "essaim.evidence",
    "essaim.skills",
    "essaim.registry",
    "essaim.ecosystems",
    "essaim.business",
    "essaim.orientation",
    "essaim.replication",
    "essaim.library",
    "essaim.peers",
    "essaim.network",
    "essaim.imports",
    "essaim.opendata",
    "essaim.outbox",
    "essaim.web",
    "essaim.api",
    "ninja",  # its vendored Swagger UI serves /api/v1/docs without any CDN
]

MIDDLEWARE = [
    # Anonymous reads of the API skip the session, CSRF, auth and messages work (essaim/core/fastpath.py).
    "essaim.core.fastpath.AnonymousReadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "essaim.core.fastpath.WhiteNoiseMiddleware",
    "essaim.core.fastpath.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "essaim.core.fastpath.CsrfViewMiddleware",
    "essaim.core.fastpath.AuthenticationMiddleware",
    "essaim.core.fastpath.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "essaim.core.fastpath.MessageMiddleware",
    "essaim.core.fastpath.SessionTimeoutMiddleware",
    "essaim.web.account.middleware.TwoFactorMiddleware",
    "essaim.core.security.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "essaim.core.fastpath.StaticCSPMiddleware",  # django-csp, its header built once
    "essaim.core.middleware.ServiceErrorMiddleware",
]

# Django's check looks for its CSRF middleware by dotted path; ours is a subclass of it that
# only skips anonymous API GETs (tests/core/test_csrf_middleware.py proves both).
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "essaim.urls"
WSGI_APPLICATION = "essaim.wsgi.application"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:account"
LOGOUT_REDIRECT_URL = "web:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "essaim.web.context.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL in production through DATABASE_URL.
SQLITE_PATH = envstr("SQLITE_PATH", str(BASE_DIR / "var" / "essaim.sqlite3"))
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": envint("SQLITE_BUSY_TIMEOUT", 5),
                # WAL lets readers work while one writer writes; NORMAL is safe in WAL mode.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA temp_store=MEMORY;"
                    f"PRAGMA mmap_size={envint('SQLITE_MMAP_SIZE', 0)};"  # decision 0023
                    "PRAGMA cache_size=-32000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "essaim.accounts.limiter.LimiterBackend",  # first: refuses locked-out accounts and addresses
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# One login limiter for every authentication entry point (site, admin, API token, password
# reset): django-axes with our counters (essaim/accounts/limiter.py, docs/decisions/0016).
# Failed logins allowed per account (normalised e-mail) and per client address; a counter is
# forgotten LOGIN_RATE_WINDOW seconds after its last failure.
LOGIN_RATE_LIMIT = envint("LOGIN_RATE_LIMIT", 10)
LOGIN_RATE_LIMIT_ADDRESS = envint("LOGIN_RATE_LIMIT_ADDRESS", 5 * LOGIN_RATE_LIMIT)
LOGIN_RATE_WINDOW = envint("LOGIN_RATE_WINDOW", 900)
AXES_ENABLED = True
AXES_HANDLER = "essaim.accounts.limiter.LoginLimiter"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_RATE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_RATE_WINDOW)
AXES_USERNAME_CALLABLE = "essaim.accounts.limiter.username_from"
AXES_CLIENT_IP_CALLABLE = "essaim.core.network.client_address"
AXES_LOCKOUT_CALLABLE = "essaim.web.account.views.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # attempts while locked do not extend the lock
AXES_ENABLE_ADMIN = False  # counters live in the cache, not in axes' tables
AXES_VERBOSE = False

# Two-factor authentication (django-otp, TOTP + recovery codes): required for platform admins and
# organisation admins (docs/decisions/0016). Demo accounts (`seed_demo`) are exempt while
# TWO_FACTOR_DEMO_EXEMPT is true, which it is by default only under DEBUG or DEMO (`make demo`).
TWO_FACTOR_REQUIRED_FOR_ADMINS = True
TWO_FACTOR_DEMO_EXEMPT = envbool("TWO_FACTOR_DEMO_EXEMPT", DEBUG or DEMO)
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "Essaim")

# Sessions: logged out after SESSION_IDLE_TIMEOUT seconds without a request and, whatever the
# activity, SESSION_ABSOLUTE_TIMEOUT seconds after logging in (essaim/core/security.py).
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", 2 * 3600)
SESSION_ABSOLUTE_TIMEOUT = envint("SESSION_ABSOLUTE_TIMEOUT", 12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# --- Cache ----------------------------------------------------------------
# Every app-server process must share the login and contact counters: Redis when REDIS_URL is
# set, else the database cache (its table is created by `migrate`, see essaim/core/apps.py).
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": envstr("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
            "LOCATION": envstr("CACHE_LOCATION", "essaim_cache"),
        }
    }

# --- Tasks ----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks.backends.database.DatabaseBackend"),
    }
}
# With REDIS_URL, tasks may go through Redis instead: TASKS_BACKEND=django_tasks.backends.rq.RQBackend
# and `manage.py rqworker --job-class django_tasks.backends.rq.Job --with-scheduler default` as the
# worker (scripts/run_production.sh does both when REDIS_URL is set).
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}

# --- I18n -----------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "essaim" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO
            else "essaim.core.staticstorage.StaticStorage"
        )
    },
}
MEDIA_ROOT = envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
# The demo (DEBUG off) serves static files straight from the apps too: no `collectstatic` step.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG or DEMO)

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "essaim.outbox.backends.DemoEmailBackend" if DEMO else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Essaim <ne-pas-repondre@essaim.localhost>")

# --- Security ---------------------------------------------------------------
# Strict CSP: no inline script or style anywhere; every asset is served from our origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Behind our proxy, the client address is the entry this many hops from the right of
# X-Forwarded-For (the one our proxy appended); without BEHIND_TLS_PROXY the header is ignored.
TRUSTED_PROXY_HOPS = envint("TRUSTED_PROXY_HOPS", 1) if BEHIND_TLS_PROXY else 0
# Browser features no page of Essaim uses are switched off on every response.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), browsing-topics=()"
)
# Authenticated pages are `Cache-Control: private`; these, and every download, also `no-store`.
NO_STORE_PATH_PREFIXES = ("/compte/", "/admin/")
_https = envbool("HTTPS", not DEBUG and envbool("PRODUCTION", False))
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Product settings -------------------------------------------------------
# Reports over this many projects are produced by the task worker, with a progress page.
EVIDENCE_LARGE_REPORT = envint("EVIDENCE_LARGE_REPORT", 20000)
# Days without an answer after which a carrier is reminded (each delay sends one reminder).
ACCOMPANIMENT_REMINDER_DELAYS = tuple(int(d) for d in envlist("ACCOMPANIMENT_REMINDER_DELAYS", "10,14,30"))
# Contact requests one address may send to programmes per hour.
ORIENTATION_CONTACT_RATE_LIMIT = envint("ORIENTATION_CONTACT_RATE_LIMIT", 10)
# Days without an answer after which a contact request's recipients are reminded (once per delay).
ORIENTATION_CONTACT_REMINDER_DELAYS = tuple(
    int(d) for d in envlist("ORIENTATION_CONTACT_REMINDER_DELAYS", "3,7,14")
)
# Hours a freed place of an event is held for the next person on the waiting list.
EVENTS_HOLD_HOURS = envint("EVENTS_HOLD_HOURS", 48)
# The "Recherche d'entreprises" API (e.g. https://recherche-entreprises.api.gouv.fr); empty: never called.
REGISTRY_API_URL = envstr("REGISTRY_API_URL", "")

# Periodic jobs: `manage.py tick` (run every minute by the scheduler loop of make demo and of
# scripts/run_production.sh) enqueues each task whose interval, in seconds, has elapsed
# (essaim/core/schedule.py). PERIODIC_<NAME>_SECONDS changes one interval; 0 turns the job off.
PERIODIC_TASKS = {
    name: (path, envint(f"PERIODIC_{name.upper()}_SECONDS", seconds))
    for name, (path, seconds) in {
        "accompaniment_reminders": ("essaim.accompaniment.tasks.send_reminders", 86400),
        "contact_reminders": ("essaim.orientation.tasks.send_contact_reminders", 86400),
        "retention_purge": ("essaim.core.tasks.purge_expired_data", 86400),
        "events": ("essaim.events.tasks.events_tick", 900),
        "business": ("essaim.business.tasks.business_tick", 86400),
        # Weekly; does nothing unless REGISTRY_API_URL is set (7 requests/s, docs/registry.md).
        "registry": ("essaim.registry.tasks.refresh_all_from_api", 604800),
    }.items()
}

ESSAIM_DATA_LICENCE = _("Licence Ouverte / Open Licence 2.0 (Etalab)")

# --- Operator of this instance ----------------------------------------------------
# Shown on the legal notice, personal data and accessibility pages (docs/configuration.md).
OPERATOR = {
    "name": envstr("OPERATOR_NAME", ""),
    "legal_form": envstr("OPERATOR_LEGAL_FORM", ""),
    "address": envstr("OPERATOR_ADDRESS", ""),
    "siret": envstr("OPERATOR_SIRET", ""),
    "email": envstr("OPERATOR_EMAIL", ""),
    "phone": envstr("OPERATOR_PHONE", ""),
    "publication_director": envstr("OPERATOR_PUBLICATION_DIRECTOR", ""),
    "privacy_email": envstr("OPERATOR_PRIVACY_EMAIL", ""),
    "accessibility_email": envstr("OPERATOR_ACCESSIBILITY_EMAIL", ""),
    "host_name": envstr("HOSTING_NAME", ""),
    "host_address": envstr("HOSTING_ADDRESS", ""),
    "host_phone": envstr("HOSTING_PHONE", ""),
}
# The last RGAA audit of this instance, if any: rate in % of criteria met, date (YYYY-MM-DD), auditor.
ACCESSIBILITY_AUDIT = {
    "rate": envstr("ACCESSIBILITY_AUDIT_RATE", ""),
    "date": envstr("ACCESSIBILITY_AUDIT_DATE", ""),
    "auditor": envstr("ACCESSIBILITY_AUDIT_AUDITOR", ""),
}

# --- Operations: backups and retention (docs/deployment.md, docs/configuration.md) ---------
# `manage.py backup` writes here unless given --output.
BACKUP_DIR = envstr("BACKUP_DIR", str(BASE_DIR / "var" / "backups"))
# Days each kind of data is kept before `manage.py purge` (daily, by the task worker) removes it;
# 0 keeps that kind forever. Inactive carriers' accounts are erased, not deleted.
RETENTION_DAYS = {
    kind: envint(f"RETENTION_{kind.upper()}_DAYS", days)
    for kind, days in {
        "sessions": 1,  # after expiry
        "task_results": 30,  # after the task finished
        "contact_requests": 365,  # after sending
        "audit_events": 1825,  # five years after the event
        "report_files": 30,  # after production
        "inactive_carriers": 1095,  # three years after the last login (or sign-up)
        "invitations": 90,  # after expiry, acceptance or revocation
        "unconfirmed_accounts": 30,  # after a sign-up never confirmed
        "staged_imports": 1,  # a spreadsheet uploaded for import (its rows, then its report)
        "event_registrations": 730,  # two years after the event (anonymised: facts kept for reports)
        "fair_participants": 730,  # two years after the fair (contacts anonymised: meetings kept)
        "place_bookings": 730,  # two years after the booking ends (anonymised: occupancy kept)
        "business_contacts": 730,  # an offer hidden from buyers, two years after its last change
        "peer_posts": 730,  # a help-board post, two years after its last change or answer
    }.items()
}

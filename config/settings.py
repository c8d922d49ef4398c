"""Django settings: everything comes from the environment, with dev-safe defaults.

`DEBUG=1` (the default) is for a developer's machine. With `DEBUG=0` the site refuses to start
without `SECRET_KEY` and `ALLOWED_HOSTS`, and turns on every production safeguard that
`manage.py check --deploy` looks for. See README "Configuration".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.branding import brand_color, brand_logo_url
from config.env import (
    database_from_url,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    redis_cache_from_url,
)
from config.log_config import one_line_logging
from config.origins import checkout_origins, content_security_policy, embed_return_url
from config.wix_settings import wix_settings

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-in-production"
SECRET_KEY = env_str("SECRET_KEY", None if not DEBUG else _DEV_SECRET_KEY)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=0")

# Public origin used for Wix callback URLs; empty means "derive from the request".
SITE_URL = (env_str("SITE_URL", "") or "").rstrip("/")

# Origins allowed to embed the site in an iframe (frame-ancestors). Empty: nobody may.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")
# "Back to the site" after a booking begun in an owner's iframe (on one of those origins).
EMBED_RETURN_URL = embed_return_url(env_str("EMBED_RETURN_URL"), EMBED_ALLOWED_ORIGINS)
BRAND_COLOR = brand_color(env_str("BRAND_COLOR"))  # the business's look (config/branding.py)
BRAND_LOGO_URL = brand_logo_url(env_str("BRAND_LOGO_URL"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "booking_site",
]

MIDDLEWARE = [
    "booking_site.timing.ServerTimingMiddleware",
    # Values read once per request (the cache's namespace versions): booking_site/request_scope.py
    "booking_site.request_scope.RequestScopeMiddleware",
    "booking_site.health.HealthCheckMiddleware",
    "booking_site.outage.OutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "booking_site.headers.PermissionsPolicyMiddleware",
    # A body in UTF-16 (or any charset that is not ASCII-compatible): 400 before CSRF reads it.
    "booking_site.headers.RequestCharsetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and fragments gzip-compressed (static files come compressed from WhiteNoise above).
    # BREACH: the CSRF token is masked anew per response and Django pads the gzip header with
    # random bytes; off (GZIP_RESPONSES=0) where a proxy in front compresses already.
    *(["django.middleware.gzip.GZipMiddleware"] if env_bool("GZIP_RESPONSES", True) else []),
    # Session/CSRF cookies usable in an owner's iframe while EMBED_ALLOWED_ORIGINS is set.
    "booking_site.embed.EmbedCookiesMiddleware",
    # Django's, but a session the database cannot save answers the 503 page (see outage.py).
    "booking_site.outage.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # frame-ancestors from EMBED_ALLOWED_ORIGINS, read per request (must sit after the two above).
    "booking_site.embed.EmbedFramingMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "booking_site.context_processors.csp_nonce",
                "booking_site.context_processors.site",
                "booking_site.context_processors.member",
            ],
        },
    },
]

DATABASES: dict[str, dict[str, Any]] = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        # WAL and IMMEDIATE transactions let threads and processes wait for each other instead
        # of failing with "database is locked" (the submit guard relies on it).
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        # A file (not shared memory) so that concurrent test threads get SQLite's busy timeout;
        # one per test run, so that two runs on one machine never share it.
        "TEST": {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")},
    }
}

CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "booking-site",
    },
    # Rendered template fragments (the calendar's grid, slot list and zone options), per
    # process even when Redis is the default: their keys are their content, so they need no
    # invalidation and sharing them would only add a network round trip per fragment.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "booking-site-fragments",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Whole browse pages for visitors only looking (booking_site/page_cache.py): per process
    # for the same reason as above (content keys); a page is ~20 KB, so 500 bound ~10 MB.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "booking-site-pages",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Scale-out (README "Running in production"): several app servers share PostgreSQL (sessions,
# the Submission rows behind the double-submit guard) and Redis (cache, request coalescing,
# rate limits). Unset, the embedded SQLite file and local-memory cache above serve `make run`.
_DATABASE_URL = env_str("DATABASE_URL")
if _DATABASE_URL:
    DATABASES["default"] = database_from_url(
        _DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
_REDIS_URL = env_str("REDIS_URL")
if _REDIS_URL:
    CACHES["default"] = redis_cache_from_url(
        _REDIS_URL, key_prefix=env_str("REDIS_KEY_PREFIX", "booking-site") or "booking-site"
    )
    # The draft lives in the session: read it from Redis, write it through to the database, so
    # a Redis restart or eviction loses no booking in progress.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Where rate limits count (booking_site/ratelimit.py): in the shared cache when there is one;
# else in the database, since each process's local-memory cache would count alone.
RATELIMIT_STORE = "cache" if _REDIS_URL else "database"
SESSION_COOKIE_AGE = 60 * 60 * 24  # an in-progress booking is kept for a day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Each password check is a deliberately slow hash: a process runs this many at once, and a
# sign-in that finds no free slot within the wait gets a quick 503 (owner/views/auth.py).
PASSWORD_CHECKS_MAX_CONCURRENT = env_int("PASSWORD_CHECKS_MAX_CONCURRENT", 2)
PASSWORD_CHECKS_WAIT_SECONDS = env_float("PASSWORD_CHECKS_WAIT_SECONDS", 2.0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en-gb")
LANGUAGES = [("en-gb", "English (UK)"), ("en", "English (US)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "booking_site.static_storage.MinifiedCompressedManifestStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Wix -------------------------------------------------------------------------------------
# Read through ``settings.WIX``; built and checked in config/wix_settings.py.
WIX: dict[str, Any] = wix_settings(debug=DEBUG)
# "any available <STAFF_WORD>" until Wix names the person; the demo studio's word on the sandbox.
STAFF_WORD = (env_str("STAFF_WORD", "therapist" if WIX["SANDBOX"] else "") or "").strip()
# The business's zone when neither Site Properties nor a Time Slots answer can be read (§2).
WIX_BUSINESS_TIME_ZONE = env_str("WIX_BUSINESS_TIME_ZONE")
# Where a form post may end up (CSP form-action): Wix's hosted checkout (config/origins.py).
WIX_CHECKOUT_ORIGINS = env_list(
    "WIX_CHECKOUT_ORIGINS", checkout_origins(WIX["BASE_URL"], sandbox=WIX["SANDBOX"])
)

# --- Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form: "open it in a new tab" inside an iframe, else our 403 page (templates/).
CSRF_FAILURE_VIEW = "booking_site.views.embedding.csrf_failure"
# Only behind a proxy that sets X-Forwarded-For may the rate limits trust it (else anyone can
# spoof it); the hop our proxy appended, the last one, is the client.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
# Per client and minute: pages, calendar swaps and choices that may cost a Wix call (the whole
# site shares about 200 Wix calls a minute). Load benchmarks from one address raise it.
RATE_LIMIT_BROWSE_PER_MINUTE = env_int("RATE_LIMIT_BROWSE_PER_MINUTE", 120)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    if env_bool("BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict: our own scripts and styles only, no inline ones (config/origins.py).
CONTENT_SECURITY_POLICY = content_security_policy(
    media_base_url=WIX["MEDIA_BASE_URL"],
    logo_url=BRAND_LOGO_URL,
    checkout_origins=WIX_CHECKOUT_ORIGINS,
    embed_origins=EMBED_ALLOWED_ORIGINS,
)

# Browser features no page here uses, switched off for us and anything we might embed.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "display-capture=()"
)
# Server-Timing with Wix's share and call count helps developers and `make bench`, but in
# production it tells anyone whether a page was just fetched by someone else (0 calls: cached).
SERVER_TIMING = env_bool("SERVER_TIMING", DEBUG)

# --- Logging: one line per event, key=value, machine-readable -------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = one_line_logging(LOG_LEVEL or "INFO")

"""Settings shared by every environment; each value that differs per deployment comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from migmon.config import env

PROJECT_DIR = env.PROJECT_DIR
PACKAGE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = env.VAR_DIR

SECRET_KEY = env.secret_key()
DEBUG = env.env_bool("DEBUG")
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # migmon's own apps, one per domain
    "migmon.core",
    "migmon.content",
    "migmon.geo",
    "migmon.indicators",
    "migmon.importers",
    "migmon.incidents",
    "migmon.gcm",
    "migmon.portal",
    "migmon.progress",
    "migmon.foresight",
    "migmon.publishing",
    "migmon.api",
    # django-ninja as an app so /api/v1/docs serves Swagger UI from its own static files, not from a CDN
    "ninja",
    # background jobs (imports from the admin and the API): Django's tasks API, database backend
    "django_tasks",
    "django_tasks_db",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # With a replica (DATABASE_REPLICA_URL): where each request reads (migmon.core.db_router); outermost, so that
    # the answer store below reads the data version where the answer's data is read.
    "migmon.core.db_router.ReplicaReadsMiddleware",
    # /api/ only: HEAD, CORS, JSON errors; then finished API answers replayed while the data is unchanged.
    "migmon.api.middleware.ApiHttpMiddleware",
    "migmon.core.answer_store.AnswerReplayMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "migmon.core.csp.ContentSecurityPolicyMiddleware",
    "migmon.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "migmon.config.urls"
WSGI_APPLICATION = "migmon.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Persistent connections are checked before reuse, so the first request after a database restart succeeds.
DATABASES = {"default": dj_database_url.parse(env.database_url(), conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (pages, API) run while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first (the seeds are French), then English and Spanish.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English")), ("es", _("Español"))]
# The admin names content languages in the editor's language ("Anglais", "English", "Inglés": Django's own
# catalogue); LANGUAGES keeps each language's own name for visitors.
WAGTAIL_CONTENT_LANGUAGES = [("fr", _("French")), ("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_I18N_ENABLED = True
# A page submitted for translation starts as a draft in the other language: it goes live when an editor publishes
# the translation, not as a copy still in French (wagtail-localize copies the source's live status otherwise).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Editors publish their own pages and translations (migmon.core.groups); no role moderates them. Wagtail's default
# workflow sent pages to a "Moderators" group migmon removes, under a name stored once, in English ("Soumettre à
# Moderators approval"), so page workflows are off.
WAGTAIL_WORKFLOW_ENABLED = False
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS: list[tuple[str, Path] | Path] = [PACKAGE_DIR / "static"]
# Third-party front-end code comes from npm (package.json + lockfile), never from a CDN.
NODE_MODULES_DIR = PROJECT_DIR / "node_modules"
# Served as /static/vendor/<name>; see migmon.core.staticfinders. Add a line per file a page needs.
VENDOR_FILES = {
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-lite.min.js.map": "vega-lite/build/vega-lite.min.js.map",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
    "vega-embed.min.js.map": "vega-embed/build/vega-embed.min.js.map",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-110m.json": "world-atlas/countries-110m.json",
    # Accessibility checker: loaded only by the browser tests (tests/browser/test_accessibility.py), not by pages.
    "axe.min.js": "axe-core/axe.min.js",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "migmon.core.staticfinders.NodeModulesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Bundled real data (copied into the repo with each PROVENANCE.md; see data/README.md).
DATA_DIR = PROJECT_DIR / "data"

WAGTAIL_SITE_NAME = "migmon"
# The admin asks no third party: no Gravatar (it would send a hash of each user's e-mail address), no check for new
# Wagtail releases (the CSP refuses both anyway; tests/browser/test_csp.py fails on any refusal).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env.env_text("WAGTAILADMIN_BASE_URL")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "docx", "odt", "txt", "zip", "json", "xml"]

# One cache shared by every worker (rate limits are counted in it): Redis when REDIS_URL is set, else a database
# table. Next to a SQLite database that table lives in its own SQLite file, so that counting a request never waits
# on an import's write lock nor changes the main file (whose state keys the data version); see migmon.core.cache.
if env.env_text("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env.env_text("REDIS_URL")}
    }
else:
    CACHES = {"default": {"BACKEND": "migmon.core.cache.DatabaseCache", "LOCATION": "migmon_cache"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        DATABASES["cache"] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "cache.sqlite3"),
            "OPTIONS": {
                # A cache: losing the last counts at a power cut is harmless, a sync per checkpoint is not free.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
            },
            "CONN_MAX_AGE": None,
        }
# A streaming replica of a PostgreSQL primary takes the reads of anonymous GET requests; writes, transactions,
# signed-in users and commands use the primary (migmon.core.db_router). The test database mirrors the primary.
if env.env_text("DATABASE_REPLICA_URL"):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL (its primary)")
    DATABASES["replica"] = {
        **dj_database_url.parse(env.env_text("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["migmon.core.cache.CacheRouter"]
if "replica" in DATABASES:
    DATABASE_ROUTERS.append("migmon.core.db_router.ReplicaRouter")  # without a replica, no routing cost at all

# Public API (/api/v1): per-client rate limit "requests/seconds" (0 = off), browser cache lifetime, and the memory
# each process gives to finished answers (replayed while the data version is unchanged).
MIGMON_API_RATE_LIMIT = env.env_text("MIGMON_API_RATE_LIMIT")
MIGMON_API_TRUST_PROXY = env.env_bool("MIGMON_API_TRUST_PROXY")
MIGMON_API_MAX_AGE = env.env_int("MIGMON_API_MAX_AGE")
MIGMON_API_ANSWER_STORE_MB = env.env_int("MIGMON_API_ANSWER_STORE_MB")

# Sign-in: Wagtail's login page for every protected page, failed attempts throttled (migmon.core.login_throttle).
LOGIN_URL = "wagtailadmin_login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL  # private pages too (Wagtail's own /_util/login/ is bare and unthrottled)
AUTHENTICATION_BACKENDS = ["migmon.core.login_throttle.ThrottledModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "migmon.core.login_throttle.ThrottledLoginForm"
MIGMON_LOGIN_FAILURES_PER_ACCOUNT = env.env_text("MIGMON_LOGIN_FAILURES_PER_ACCOUNT")
MIGMON_LOGIN_FAILURES_PER_ADDRESS = env.env_text("MIGMON_LOGIN_FAILURES_PER_ADDRESS")
# Foresight workshops: ballots per client address per round and hour (participants have no account).
MIGMON_WORKSHOP_BALLOTS_PER_HOUR = env.env_int("MIGMON_WORKSHOP_BALLOTS_PER_HOUR")

# PDFs (migmon.core.pdf_answers): cached by version, a few printed at once per machine, limited per client.
MIGMON_PDF_CONCURRENCY = env.env_int("MIGMON_PDF_CONCURRENCY")
MIGMON_PDF_RATE_LIMIT = env.env_text("MIGMON_PDF_RATE_LIMIT")
MIGMON_PDF_SLOT_WAIT = 5  # seconds a request waits for a printing slot before the 503
MIGMON_PDF_SLOTS_DIR = VAR_DIR / "print-slots"

# Publishing (migmon.publishing): staged uploads live outside MEDIA_ROOT (never served), checked and published by
# background jobs through Django's tasks API (django-tasks backport; the database backend needs no extra server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MIGMON_UPLOADS_DIR = VAR_DIR / "uploads"
MIGMON_UPLOAD_MAX_MB = env.env_int("MIGMON_UPLOAD_MAX_MB")
MIGMON_PUBLISH_FOUR_EYES = env.env_bool("MIGMON_PUBLISH_FOUR_EYES")
# The country of a national platform: files that name no area (national Open SDG CSVs) are read as its data.
MIGMON_NATIONAL_AREA = env.env_text("MIGMON_NATIONAL_AREA")
# Requests above Django's 2.5 MB default are streamed to a temporary file, never held in memory.
DATA_UPLOAD_MAX_NUMBER_FILES = 50

# Mail (password resets, workflow notifications): printed on the console unless EMAIL_URL names a server.
globals().update(env.email_settings())
DEFAULT_FROM_EMAIL = env.env_text("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Pages are never framed, except the chart embeds (xframe_options_exempt) and Wagtail previews (same origin).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"migmon": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

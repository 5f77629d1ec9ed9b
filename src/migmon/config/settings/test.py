"""Test settings: fast hashing, plain static storage, the database from ``DATABASE_URL`` (SQLite by default)."""

from migmon.config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Tests serve static files through the finders (no collectstatic run), so WhiteNoise needs no STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tests count rate limits and keep caches in this process's memory, explicitly; the cross-process tests
# (api/tests/test_rate_limit_shared.py) start servers with the production cache instead.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "migmon-tests"}}
DATABASES.pop("cache", None)  # noqa: F405

# Background jobs run at once in the caller (the worker's own behaviour is tested with a real db_worker process).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

"""Settings of the scale-out test's app instances (``tests/test_scaleout.py``): production's, except that static
files are served from the finders, as the test settings do. The test is about databases and caches; collecting
and compressing the static files would cost it most of a minute."""

from migmon.config.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

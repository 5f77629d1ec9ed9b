"""Development: DEBUG on, autoreload (``make dev``)."""

from migmon.config.settings.base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

"""WSGI entry point used by gunicorn in ``make run``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migmon.config.settings.production")
application = get_wsgi_application()

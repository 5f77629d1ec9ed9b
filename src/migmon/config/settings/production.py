"""Production: DEBUG off, compressed hashed static files served by WhiteNoise, secure cookies when on HTTPS."""

from migmon.config import env
from migmon.config.settings.base import *  # noqa: F403

DEBUG = env.env_bool("DEBUG")
HTTPS = env.env_bool("HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
WHITENOISE_MAX_AGE = 31536000

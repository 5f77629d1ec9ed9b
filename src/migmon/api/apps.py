"""The JSON API under /api/v1 (django-ninja, OpenAPI)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "migmon.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"

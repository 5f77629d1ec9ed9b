"""SDG framework, GCM objectives, series, observations and the releases that brought them."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "migmon.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"

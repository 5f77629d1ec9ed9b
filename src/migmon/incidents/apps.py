"""Missing Migrants incident register with its editorial workflow; feeds SDG 10.7.3."""

from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "migmon.incidents"
    label = "incidents"
    default_auto_field = "django.db.models.BigAutoField"

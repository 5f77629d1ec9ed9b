"""Progress toward 2030 per area, series, indicator, target, goal and GCM objective (issue 13)."""

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "migmon.progress"
    label = "progress"
    default_auto_field = "django.db.models.BigAutoField"

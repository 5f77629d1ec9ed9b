"""Global Compact follow-up: pledges (with their status updates), GCM reviews and the GCM profiles."""

from django.apps import AppConfig


class GcmConfig(AppConfig):
    name = "migmon.gcm"
    label = "gcm"
    default_auto_field = "django.db.models.BigAutoField"

"""Shared base: site bootstrap, administrator creation, groups, template helpers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "migmon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

"""Readers for the real data formats; they yield typed records and import nothing from the ORM."""

from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "migmon.importers"
    label = "importers"
    default_auto_field = "django.db.models.BigAutoField"

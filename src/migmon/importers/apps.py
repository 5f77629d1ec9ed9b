"""Readers for the real data formats; they yield typed records and import nothing from the ORM."""

from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "migmon.importers"
    label = "importers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Rule texts and limit refusals are shown in the active language (the readers import no Django)."""
        from django.utils.translation import gettext

        from migmon.importers import i18n

        i18n.set_translator(gettext)

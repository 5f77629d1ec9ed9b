"""Foresight workspace: scenario sets, scenarios, drivers and signposts (issue 14)."""

from django.apps import AppConfig


class ForesightConfig(AppConfig):
    name = "migmon.foresight"
    label = "foresight"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from migmon.foresight import publish  # noqa: F401 - records signpost states when data is published

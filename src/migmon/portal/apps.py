"""Public data pages: indicator charts, maps, tables, country profiles and downloads."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "migmon.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Adds indicators and countries to the site search (content's provider registry).
        from migmon.core.navigation import register_data_menu
        from migmon.portal import search  # noqa: F401
        from migmon.portal.hub import data_menu_items

        # The data destinations sit under the home page's data section in the main menu.
        register_data_menu(data_menu_items)

"""The "Publish data" menu of the Wagtail admin: imports, releases and the audit log, for data managers only."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from migmon.publishing import urls
from migmon.publishing.permissions import can_publish


class DataManagerMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return can_publish(request.user)


@hooks.register("register_admin_urls")
def register_publishing_urls() -> list[Any]:
    return [path("publishing/", include(urls, namespace="publishing"))]


@hooks.register("register_admin_menu_item")
def register_publishing_menu() -> SubmenuMenuItem:
    menu = Menu(
        items=[
            DataManagerMenuItem(_("Data imports"), reverse("publishing:uploads"), icon_name="upload", order=1),
            DataManagerMenuItem(_("Releases"), reverse("publishing:releases"), icon_name="history", order=2),
            DataManagerMenuItem(_("Audit log"), reverse("publishing:audit"), icon_name="list-ul", order=3),
            DataManagerMenuItem(_("API tokens"), reverse("publishing:tokens"), icon_name="key", order=4),
        ]
    )
    return DataManagerSubmenu(_("Publish data"), menu, icon_name="upload", order=310)


class DataManagerSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return can_publish(request.user)

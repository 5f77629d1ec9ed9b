"""The follow-up in the Wagtail admin: a menu entry to the pledge and review screens, and the GCM links.

Data managers edit an objective ↔ target link's basis and strength here; a link saved here is marked
``editorial`` so that the next ``load_framework`` keeps it (see :mod:`migmon.indicators.framework`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from migmon.indicators.models import GcmLink, GcmLinkOrigin


class _MarkEdited:
    def save_instance(self) -> Any:
        instance = self.form.save(commit=False)  # type: ignore[attr-defined]
        instance.origin = GcmLinkOrigin.EDITORIAL
        instance.save()
        return instance


class GcmLinkCreateView(_MarkEdited, generic.CreateView):
    pass


class GcmLinkEditView(_MarkEdited, generic.EditView):
    pass


class GcmLinkViewSet(ModelViewSet):
    model = GcmLink
    icon = "link"
    menu_label = _("GCM links")
    add_to_admin_menu = True
    menu_order = 330
    add_view_class = GcmLinkCreateView
    edit_view_class = GcmLinkEditView
    copy_view_enabled = False
    list_display = ["objective", "target", "indicator", "strength", "basis", "origin"]
    list_filter = ["strength", "origin"]
    search_fields = ["basis"]
    form_fields = ["objective", "target", "indicator", "strength", "basis"]


@hooks.register("register_admin_viewset")
def register_gcm_links() -> GcmLinkViewSet:
    return GcmLinkViewSet("gcm_links")


class ManageMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("gcm.view_pledge"))


@hooks.register("register_admin_menu_item")
def register_follow_up_menu_item() -> MenuItem:
    return ManageMenuItem(_("Pledges and reviews"), reverse("gcm:manage"), icon_name="list-ul", order=335)

"""Geography in the Wagtail admin, read-only (see ``readonly_admin``): areas with their codes, aliases, DESA codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from migmon.geo.models import Area, AreaAlias, DesaCode
from migmon.geo.readonly_admin import ReadOnlyPermissionPolicy

for model in (Area, AreaAlias, DesaCode):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name_en", "code", "kind", "m49", "iso2", "iso3", "desa_code", "parent"]
    list_filter = ["kind", "is_ldc", "is_lldc", "is_sids"]
    search_fields = ["name_en", "name_fr", "name_es", "code", "iso3", "m49"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name_en"]  # required by ModelViewSet; writes are refused by the permission policy


class AreaAliasViewSet(ModelViewSet):
    model = AreaAlias
    icon = "tag"
    menu_label = _("Area aliases")
    list_display = ["name", "area", "source"]
    search_fields = ["name", "folded"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name"]


class DesaCodeViewSet(ModelViewSet):
    model = DesaCode
    icon = "list-ol"
    menu_label = _("UN DESA codes")
    list_display = ["code", "name", "area", "editions"]
    search_fields = ["name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name"]


class GeographyViewSetGroup(ModelViewSetGroup):
    menu_label = _("Geography")
    menu_icon = "site"
    menu_order = 310
    items = (AreaViewSet("areas"), AreaAliasViewSet("area_aliases"), DesaCodeViewSet("desa_codes"))


@hooks.register("register_admin_viewset")
def register_geography_viewsets() -> GeographyViewSetGroup:
    return GeographyViewSetGroup()

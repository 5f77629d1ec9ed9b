"""The SDG framework and GCM objectives in the Wagtail admin, read-only: they are rebuilt by ``load_framework``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from migmon.geo.readonly_admin import ReadOnlyPermissionPolicy
from migmon.indicators.models import GcmObjective, Goal, Indicator, Series, Target

for model in (Goal, Target, Indicator, Series, GcmObjective):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))


class _ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False


class GoalViewSet(_ReadOnlyViewSet):
    model = Goal
    icon = "pick"
    menu_label = _("SDG goals")
    list_display = ["number", "title_en", "title_fr"]
    form_fields = ["title_en"]


class TargetViewSet(_ReadOnlyViewSet):
    model = Target
    icon = "crosshairs"
    menu_label = _("SDG targets")
    list_display = ["code", "title_en", "migration_relevant"]
    list_filter = ["migration_relevant", "goal"]
    search_fields = ["code", "title_en", "title_fr", "title_es"]
    form_fields = ["title_en"]


class IndicatorViewSet(_ReadOnlyViewSet):
    model = Indicator
    icon = "doc-full"
    menu_label = _("SDG indicators")
    list_display = ["code", "title_en", "migration_relevant"]
    list_filter = ["migration_relevant"]
    search_fields = ["code", "title_en", "title_fr", "title_es"]
    form_fields = ["title_en"]


class SeriesViewSet(_ReadOnlyViewSet):
    model = Series
    icon = "table"
    menu_label = _("Series")
    list_display = ["code", "name_en", "unit", "unit_multiplier"]
    search_fields = ["code", "name_en"]
    form_fields = ["name_en"]


class GcmObjectiveViewSet(_ReadOnlyViewSet):
    model = GcmObjective
    icon = "globe"
    menu_label = _("GCM objectives")
    list_display = ["number", "short_label_en", "short_label_fr", "title_en"]
    form_fields = ["title_en"]


class FrameworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("SDG and GCM framework")
    menu_icon = "list-ul"
    menu_order = 320
    items = (
        GoalViewSet("sdg_goals"),
        TargetViewSet("sdg_targets"),
        IndicatorViewSet("sdg_indicators"),
        SeriesViewSet("series"),
        GcmObjectiveViewSet("gcm_objectives"),
    )


@hooks.register("register_admin_viewset")
def register_framework_viewsets() -> FrameworkViewSetGroup:
    return FrameworkViewSetGroup()

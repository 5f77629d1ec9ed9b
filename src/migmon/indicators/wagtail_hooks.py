"""The SDG framework and GCM objectives in the Wagtail admin, read-only: they are rebuilt by ``load_framework``.

One exception: the French and Spanish names of series. The UN publishes series names in English only, so data
managers translate them here (list filtered on the names still missing, the English name shown read-only);
``load_framework`` keeps what they wrote (:func:`migmon.indicators.services.series_names_set`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from migmon.geo.readonly_admin import ReadOnlyPermissionPolicy
from migmon.indicators.models import GcmObjective, Goal, Indicator, Series, Target
from migmon.indicators.selectors import series_untranslated
from migmon.indicators.series_admin import SeriesNamesPermissionPolicy
from migmon.indicators.services import series_names_set

for model in (Goal, Target, Indicator, GcmObjective):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
register_permission_policy(Series, SeriesNamesPermissionPolicy(Series))


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


class SeriesNamesFilterSet(WagtailFilterSet):
    untranslated = django_filters.ChoiceFilter(
        label=_("Untranslated"),
        choices=[("fr", _("No French name")), ("es", _("No Spanish name")), ("any", _("No French or Spanish name"))],
        method="filter_untranslated",
        empty_label=_("All series"),
    )

    class Meta:
        model = Series
        fields: list[str] = []

    def filter_untranslated(self, queryset: QuerySet[Series], name: str, value: str) -> QuerySet[Series]:
        return series_untranslated(queryset, value)


class SeriesNamesEditView(EditView):
    """Saves through the service, which marks the names as a data manager's (kept by ``load_framework``)."""

    form: Any

    def save_instance(self) -> Series:
        data = self.form.cleaned_data
        return series_names_set(series=self.form.instance, name_fr=data["name_fr"], name_es=data["name_es"])


class SeriesViewSet(_ReadOnlyViewSet):
    model = Series
    icon = "table"
    menu_label = _("Series names")
    list_display = ["code", "name_en", "name_fr", "name_es"]
    filterset_class = SeriesNamesFilterSet
    search_fields = ["code", "name_en", "name_fr", "name_es"]
    edit_view_class = SeriesNamesEditView
    panels = [
        FieldPanel("code", read_only=True),
        FieldPanel("name_en", read_only=True),
        FieldPanel("name_fr"),
        FieldPanel("name_es"),
    ]


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

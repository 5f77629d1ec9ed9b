"""The target register in the Wagtail admin: data managers edit it, and every save asks why and keeps who/when.

The form adds a required "reason" field; the create and edit views save through
:func:`migmon.progress.services.target_save`, which stores the values before and after with the reason.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from migmon.geo.readonly_admin import ReadOnlyPermissionPolicy
from migmon.progress.models import ProgressTarget, TargetChange
from migmon.progress.services import target_save

EDITABLE_FIELDS = [
    "series",
    "disaggregation",
    "measure",
    "indicator_code",
    "direction",
    "target_value",
    "target_kind",
    "target_year",
    "limit",
    "base_year",
    "source_text",
    "basis",
]

register_permission_policy(TargetChange, ReadOnlyPermissionPolicy(TargetChange))


class ProgressTargetForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label=_("Why this change"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Kept in the history.")
    )

    class Meta:
        model = ProgressTarget
        fields = EDITABLE_FIELDS


class _SaveWithReason:
    form: Any
    request: Any

    def save_instance(self) -> ProgressTarget:
        return target_save(target=self.form.instance, user=self.request.user, reason=self.form.cleaned_data["reason"])


class ProgressTargetCreateView(_SaveWithReason, CreateView):
    pass


class ProgressTargetEditView(_SaveWithReason, EditView):
    pass


class ProgressTargetViewSet(ModelViewSet):
    model = ProgressTarget
    icon = "crosshairs"
    menu_label = _("Progress targets")
    add_view_class = ProgressTargetCreateView
    edit_view_class = ProgressTargetEditView
    list_display = ["series", "disaggregation", "measure", "direction", "target_value", "target_year", "updated_at"]
    list_filter = ["direction", "measure", "target_year"]
    search_fields = ["series__code", "indicator_code", "source_text"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False) -> type[ProgressTargetForm]:
        return ProgressTargetForm


class TargetChangeViewSet(ModelViewSet):
    model = TargetChange
    icon = "history"
    menu_label = _("Target changes")
    list_display = ["target", "changed_at", "changed_by_name", "reason"]
    search_fields = ["reason", "changed_by_name", "target__series__code"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["reason"]  # required by ModelViewSet; writes are refused by the permission policy


class ProgressViewSetGroup(ModelViewSetGroup):
    menu_label = _("Progress toward 2030")
    menu_icon = "crosshairs"
    menu_order = 330
    items = (ProgressTargetViewSet("progress_targets"), TargetChangeViewSet("progress_target_changes"))


@hooks.register("register_admin_viewset")
def register_progress_viewsets() -> ProgressViewSetGroup:
    return ProgressViewSetGroup()

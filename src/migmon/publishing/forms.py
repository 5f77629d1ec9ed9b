"""The upload form: several files at once (drag and drop is a progressive enhancement) and the CLI's options."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migmon.importers.options import AREA_MAX_CHARS, SERIES_MAX_CHARS, ReadOptions
from migmon.indicators.selectors import series_by_code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and returns them as a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    data_files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "SDMX-ML, SDMX-CSV, CSV, XLSX, JSON or Missing Migrants exports: every format migmon import reads, "
            "recognised from the content."
        ),
    )
    keep_going = forms.BooleanField(
        label=_("Keep going"),
        required=False,
        help_text=_("Reject the bad rows and publish the rest (like migmon import --keep-going)."),
    )
    area = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=AREA_MAX_CHARS,
        help_text=_(
            "For files that name no area, such as a national Open SDG CSV: a code or name (GBR, 826, United "
            "Kingdom), like migmon import --area."
        ),
    )
    series = forms.CharField(
        label=_("Series"),
        required=False,
        max_length=SERIES_MAX_CHARS,
        help_text=_("For files that name no series: an SDG series code (SM_POP_REFG_OR), like migmon import --series."),
    )

    def clean_series(self) -> str:
        series = self.cleaned_data["series"].strip()
        if series and ReadOptions(series=series).problems():
            raise forms.ValidationError(_("An SDG series code: capitals, digits and _ (SM_POP_REFG_OR)."))
        return series

    def clean_area(self) -> str:
        area = self.cleaned_data["area"].strip()
        if area and ReadOptions(area=area).problems():
            raise forms.ValidationError(_("An area code or name, in printable characters."))
        return area


class ChangeFilterForm(forms.Form):
    """Filters of the changed-values table; unknown parameters are ignored by the page (it is not the API)."""

    series = forms.CharField(label=_("Series"), required=False, max_length=40)
    area = forms.CharField(label=_("Area"), required=False, max_length=20)
    period = forms.CharField(label=_("Period"), required=False, max_length=16)


class ReleaseFilterForm(forms.Form):
    dataset = forms.CharField(label=_("Dataset"), required=False, max_length=60)
    series = forms.CharField(
        label=_("Series"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "SM_DTH_MIGR"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("rolled_back", _("Rolled back"))],
    )
    user = forms.CharField(label=_("Published by"), required=False, max_length=150)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_series(self) -> str:
        code = self.cleaned_data["series"].strip()
        if code and series_by_code(code) is None:
            raise forms.ValidationError(_("No series with this code."))
        return code

"""The data managers' forms: a pledge, a status update, a review, a CSV import.

Forms only turn posted text into values; the rules (:mod:`migmon.gcm.rules`) are the same ones the services
and the import apply, and their messages land beside the field they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migmon.gcm.attachments import validate_attachment
from migmon.gcm.choices import GuidingPrinciple, Level, PledgeForm, PledgeStatus, PledgeType, ReviewKind
from migmon.gcm.models import Pledge, Review
from migmon.gcm.rules import pledge_problems, review_problems
from migmon.geo.models import REGION_KINDS, Area, AreaKind
from migmon.indicators.models import GcmObjective


class AreaChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.iso3 or obj.m49 or obj.code})"


class ObjectiveChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: GcmObjective) -> str:  # type: ignore[override]
        return f"{obj.number}. {obj.short_label}"


def _countries() -> Any:
    return Area.objects.filter(kind=AreaKind.COUNTRY).order_by("name_en")


def _areas() -> Any:
    return Area.objects.filter(kind__in=(*REGION_KINDS, AreaKind.COUNTRY)).order_by("kind", "name_en")


class _RulesMixin:
    """Put each broken rule beside its field (or at the top when the form has no such field)."""

    renamed = {"forms": "pledge_forms"}

    def apply_problems(self, problems: list[Any]) -> None:
        for problem in problems:
            field = self.renamed.get(problem.field, problem.field)
            field = field if field in self.fields else None  # type: ignore[attr-defined]
            self.add_error(field, problem.message)  # type: ignore[attr-defined]


class PledgeEntryForm(_RulesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), help_text=_("300 to 3,000 characters.")
    )
    pledge_type = forms.ChoiceField(label=_("Type"), choices=PledgeType.choices)
    matched_pledge = forms.CharField(
        label=_("ID of the matched pledge"),
        required=False,
        max_length=40,
        help_text=_("Required for a matching pledge, e.g. P-2026-0001."),
    )
    pledge_forms = forms.MultipleChoiceField(
        label=_("Forms"), choices=PledgeForm.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    objectives = ObjectiveChoice(
        label=_("GCM objectives"),
        queryset=GcmObjective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    guiding_principles = forms.MultipleChoiceField(
        label=_("Guiding principles"),
        choices=GuidingPrinciple.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    pledging_states = AreaChoice(
        label=_("Pledging States"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    stakeholders = forms.CharField(
        label=_("Pledging stakeholders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    partners = forms.CharField(
        label=_("Partners"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )
    areas = AreaChoice(
        label=_("Areas covered"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    metric = forms.CharField(
        label=_("Metric"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("How fulfilment is measured.")
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, image, DOCX, XLSX, ODT, CSV or text; 5 MiB at most."),
    )

    def __init__(self, *args: Any, instance: Pledge | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(instance, name) for name in self.base_fields if hasattr(instance, name)},
                "matched_pledge": instance.matched_pledge.public_id if instance.matched_pledge else "",
                "pledge_forms": list(instance.forms),
                "objectives": list(instance.objectives.all()),
                "pledging_states": list(instance.pledging_states.all()),
                "areas": list(instance.areas.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["pledging_states"].queryset = _countries()  # type: ignore[attr-defined]
        self.fields["areas"].queryset = _areas()  # type: ignore[attr-defined]

    def clean_matched_pledge(self) -> Pledge | None:
        public_id = self.cleaned_data["matched_pledge"].strip()
        if not public_id:
            return None
        found = Pledge.objects.filter(public_id=public_id).first()
        if found is None:
            raise forms.ValidationError(_("No pledge has this ID."))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            self.apply_problems(pledge_problems(self.values(), pk=self.instance.pk if self.instance else None))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["objectives"] = list(data.get("objectives") or [])
        data["pledging_states"] = list(data.get("pledging_states") or [])
        data["areas"] = list(data.get("areas") or [])
        data["forms"] = list(data.pop("pledge_forms", None) or [])
        data["guiding_principles"] = list(data.get("guiding_principles") or [])
        data["attachment"] = data.get("attachment") or None
        return data


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PledgeStatus.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    narrative = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=_("Evidence"), help_text=_("A link or a reference to the document that shows it."), max_length=2000
    )


class ReviewEntryForm(_RulesMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Country or region"), queryset=Area.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    document_url = forms.URLField(
        label=_("Link to the document"), required=False, max_length=500, assume_scheme="https"
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, image, DOCX, XLSX, ODT, CSV or text; 5 MiB at most."),
    )
    objectives = ObjectiveChoice(
        label=_("Objectives covered"),
        queryset=GcmObjective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, instance: Review | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "area": instance.area,
                "year": instance.year,
                "kind": instance.kind,
                "title": instance.title,
                "document_url": instance.document_url,
                "objectives": list(instance.objectives.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            self.apply_problems(review_problems(self.values()))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["objectives"] = list(data.get("objectives") or [])
        data["document"] = data.get("document") or None
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Pledges CSV"), help_text=_("The columns of the CSV download."))

"""The data managers' incident form: one field per describing value; total, year and cause are derived.

A split incident's rows each hold their own counts, place, country, region, route and causes (as IOM's file
had them); the form shows those fields read-only for such an incident, so an edit can never make the
incident's figures disagree with its rows.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migmon.importers import plausible
from migmon.importers.missing_migrants import CAUSE_CATEGORIES
from migmon.incidents import selectors
from migmon.incidents.models import CoordinatesReliability, DatePrecision, Incident
from migmon.incidents.rows import PER_ROW_FIELDS
from migmon.incidents.vocabulary import REGIONS, ROUTES, category_label


class CountrySelect(forms.Select):
    """A select whose options carry the country's M49 code, so the map preview can outline the country."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.m49: dict[str, str] = {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if code := self.m49.get(str(value)):
            option["attrs"]["data-m49"] = code
        return option


def _countries() -> list[tuple[str, str, str]]:
    """(IOM's English name, name in the editor's language, M49 code) of every country or area, A–Z."""
    from migmon.geo.selectors import countries_alphabetical

    language = (get_language() or "fr")[:2]
    return [
        (area.name_en, area.name_in(language), area.m49 or "") for area in countries_alphabetical(language=language)
    ]


def _lines(text: str, separator: str = "\n") -> list[str]:
    return [piece.strip() for piece in text.replace("\r", "").split(separator) if piece.strip()]


class IncidentForm(forms.Form):
    incident_id = forms.CharField(label=_("Incident id"), max_length=40, help_text=_("IOM id, e.g. 2026.MMP0123"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    date_precision = forms.ChoiceField(label=_("Date precision"), choices=DatePrecision.choices)
    # IOM's vocabularies (incidents.vocabulary), labelled in the editor's language; values stay IOM's English.
    region = forms.ChoiceField(label=_("Region of incident"), choices=[("", "—")] + [(v, v) for v in REGIONS])
    # The geography's countries and areas (geo), labelled in the editor's language; the value is the English name
    # IOM writes, which the geography resolves to its area.
    country_name = forms.ChoiceField(label=_("Country of incident"), required=False, widget=CountrySelect)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180, required=False)
    coordinates_reliability = forms.ChoiceField(
        label=_("Coordinates reliability"), choices=CoordinatesReliability.choices
    )
    place = forms.CharField(label=_("Location description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    # Bounds and the correction rule: migmon.importers.plausible (the reader and the database check the same).
    dead = forms.IntegerField(
        label=_("Number dead"), required=False, min_value=-plausible.MAX_COUNT, max_value=plausible.MAX_COUNT
    )
    missing = forms.IntegerField(
        label=_("Minimum estimated number missing"),
        required=False,
        min_value=-plausible.MAX_COUNT,
        max_value=plausible.MAX_COUNT,
    )
    survivors = forms.IntegerField(
        label=_("Survivors"), required=False, min_value=-plausible.MAX_COUNT, max_value=plausible.MAX_COUNT
    )
    females = forms.IntegerField(label=_("Women and girls"), required=False, min_value=0, max_value=plausible.MAX_COUNT)
    males = forms.IntegerField(label=_("Men and boys"), required=False, min_value=0, max_value=plausible.MAX_COUNT)
    children = forms.IntegerField(label=_("Children"), required=False, min_value=0, max_value=plausible.MAX_COUNT)
    causes = forms.MultipleChoiceField(
        label=_("Cause of death"),
        choices=[(cause, cause) for cause in CAUSE_CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
    )
    route = forms.ChoiceField(
        label=_("Migration route"), choices=[("", "—")] + [(v, v) for v in ROUTES], required=False
    )
    origin_countries = forms.CharField(
        label=_("Countries of origin"), required=False, help_text=_("Comma-separated, as IOM writes them.")
    )
    origin_region = forms.CharField(label=_("Region of origin"), max_length=160, required=False)
    origin_presumed = forms.BooleanField(label=_("Origin presumed"), required=False)
    unsd_grouping = forms.CharField(label=_("UN geographical grouping"), max_length=80, required=False)
    information_source = forms.CharField(
        label=_("Information source"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    urls = forms.CharField(
        label=_("URLs"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=_("One per line.")
    )
    source_quality = forms.CharField(label=_("Source quality (1–5)"), max_length=20, required=False)
    not_a_duplicate = forms.BooleanField(
        label=_("I checked the possible duplicates listed above: this is a different incident."), required=False
    )

    def __init__(self, *args: Any, instance: Incident | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(instance, name) for name in self.base_fields if hasattr(instance, name)},
                "origin_countries": ", ".join(instance.origin_countries),
                "urls": "\n".join(instance.urls),
            }
        super().__init__(*args, **kwargs)
        for name in ("region", "route", "causes"):
            field = self.fields[name]
            current = getattr(instance, name, None) if instance is not None else None
            values = [value for value, _label in field.choices]  # type: ignore[attr-defined]
            for extra in current if isinstance(current, list) else [current]:
                if extra and extra not in values:  # an imported value outside the vocabulary stays choosable
                    values.append(extra)
            field.choices = [(v, category_label(v) if v else "—") for v in values]  # type: ignore[attr-defined]
        countries = _countries()
        country = self.fields["country_name"]
        choices = [("", "—")] + [(name, label) for name, label, _code in countries]
        current = instance.country_name if instance is not None else ""
        if current and current not in {name for name, _label, _code in countries}:
            choices.append((current, current))  # an imported name the geography spells otherwise stays choosable
        country.choices = choices  # type: ignore[attr-defined]
        country.widget.m49 = {name: code for name, _label, code in countries if code}  # type: ignore[attr-defined]
        if instance is not None:
            self.fields["incident_id"].disabled = True
        if instance is not None and instance.parts:
            for name in PER_ROW_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Split incident: each row keeps its own value (listed above).")

    def clean_incident_id(self) -> str:
        value = self.cleaned_data["incident_id"].strip()
        if selectors.incident_id_taken(value, exclude_pk=self.instance.pk if self.instance is not None else None):
            raise forms.ValidationError(_("An incident with this id already exists."))
        return value

    def clean_urls(self) -> str:
        value = self.cleaned_data.get("urls") or ""
        refused = [line for line in _lines(value) if not plausible.is_web_url(line)]
        if refused:
            raise forms.ValidationError(
                _("Only http:// and https:// addresses, one per line: %(refused)s is not one."),
                params={"refused": refused[0]},
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for problem in plausible.count_problems(data):
            if problem.kind == "uncorrected" and problem.field not in self.errors:
                self.add_error(
                    problem.field,
                    _(
                        "A negative count is only a correction between dead, missing and survivors: "
                        "dead + missing, and dead + missing + survivors, cannot be below zero."
                    ),
                )
        if data.get("dead") is None and data.get("missing") is None:
            raise forms.ValidationError(_("Give the number dead, the number missing, or both."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned data as Incident field values (lists split, helper fields dropped)."""
        data = dict(self.cleaned_data)
        data.pop("not_a_duplicate", None)
        if self.instance is not None:
            data.pop("incident_id", None)
        data["origin_countries"] = _lines(data.get("origin_countries") or "", ",")
        data["urls"] = _lines(data.get("urls") or "")
        data["causes"] = list(data.get("causes") or [])
        return data

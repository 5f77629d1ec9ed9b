"""Foresight in the Wagtail admin: editors write sets, scenarios (with their key assumptions), drivers and signposts.

Each text has its French, English and Spanish fields side by side. Saving a signpost checks its rule (the form
names the field at fault) and records its state under the current data at once
(:func:`migmon.foresight.services.signpost_saved`), so the public dashboard shows it on the next visit.
Signals and trends go through the curators' review (:mod:`migmon.foresight.curation`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from migmon.foresight.curation_forms import CuratedForm
from migmon.foresight.models import Driver, RatingRound, Scenario, ScenarioSet, Signal, Signpost, Trend
from migmon.foresight.services import signpost_saved
from migmon.foresight.workshops import join_token


def _languages(name: str, heading: str | Promise) -> MultiFieldPanel:
    return MultiFieldPanel([FieldPanel(f"{name}_{code}") for code in ("fr", "en", "es")], heading=heading)


class ScenarioSetViewSet(ModelViewSet):
    model = ScenarioSet
    icon = "doc-full"
    menu_label = _("Scenario sets")
    list_display = ["title_fr", "horizon_year", "method", "live", "updated_at"]
    list_filter = ["live", "method"]
    search_fields = ["title_fr", "title_en", "title_es"]
    copy_view_enabled = False
    panels = [
        FieldPanel("slug"),
        _languages("title", _("Title")),
        _languages("focal_question", _("Focal question")),
        _languages("notice", _("Reading notice (not a forecast)")),
        _languages("approach", _("How the scenarios were built")),
        FieldRowPanel([FieldPanel("horizon_year"), FieldPanel("method"), FieldPanel("period")]),
        _languages("axis_x", _("First axis (optional)")),
        _languages("axis_y", _("Second axis (optional)")),
        FieldPanel("partners"),
        FieldPanel("publication_page"),
        FieldPanel("publication_url"),
        FieldPanel("live"),
    ]


class ScenarioViewSet(ModelViewSet):
    model = Scenario
    icon = "site"
    menu_label = _("Scenarios")
    list_display = ["name_fr", "scenario_set", "order"]
    list_filter = ["scenario_set"]
    search_fields = ["name_fr", "name_en", "name_es"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("scenario_set"), FieldPanel("slug"), FieldPanel("order")]),
        _languages("name", _("Name")),
        _languages("premise", _("Premise")),
        _languages("narrative", _("Narrative")),
        FieldRowPanel([FieldPanel("pole_x"), FieldPanel("pole_y")], heading=_("Poles on the set's axes")),
        InlinePanel("assumptions", heading=_("Key assumptions"), label=_("Key assumption")),
    ]


class DriverViewSet(ModelViewSet):
    model = Driver
    icon = "cogs"
    menu_label = _("Drivers")
    list_display = ["name_fr", "scenario_set", "category", "impact", "uncertainty"]
    list_filter = ["scenario_set", "category"]
    search_fields = ["name_fr", "name_en", "name_es"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("scenario_set"), FieldPanel("category")]),
        _languages("name", _("Name")),
        _languages("description", _("Description")),
        FieldRowPanel([FieldPanel("impact"), FieldPanel("uncertainty")], heading=_("Ratings")),
        FieldPanel("evidence_links"),
        FieldPanel("series"),
        FieldPanel("gcm_objectives"),
    ]


class _RecordAfterSave:
    form: Any

    def save_instance(self) -> Signpost:
        instance = super().save_instance()  # type: ignore[misc]
        signpost_saved(instance)
        return instance


class SignpostCreateView(_RecordAfterSave, CreateView):
    pass


class SignpostEditView(_RecordAfterSave, EditView):
    pass


class SignpostViewSet(ModelViewSet):
    model = Signpost
    icon = "view"
    menu_label = _("Signposts")
    add_view_class = SignpostCreateView
    edit_view_class = SignpostEditView
    list_display = ["statement_fr", "scenario", "series", "aggregate", "comparator", "live"]
    list_filter = ["scenario__scenario_set", "live", "aggregate", "comparator"]
    search_fields = ["statement_fr", "statement_en", "statement_es", "series__code"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("scenario"), FieldPanel("assumption"), FieldPanel("direction")]),
        _languages("statement", _("Statement")),
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldPanel("areas"),
                FieldPanel("region"),
                FieldPanel("dimensions"),
                FieldRowPanel([FieldPanel("aggregate"), FieldPanel("window"), FieldPanel("cut")]),
                FieldRowPanel([FieldPanel("comparator"), FieldPanel("threshold")]),
                FieldRowPanel([FieldPanel("persistence"), FieldPanel("min_points")]),
            ],
            heading=_("Rule"),
        ),
        FieldPanel("live"),
    ]


def _curated_panels(*specific: Any) -> ObjectList:
    """Texts, category and links, then the fields of the kind, then the review status (limited by the form)."""
    return ObjectList(
        [
            _languages("headline", _("Headline")),
            _languages("description", _("Description")),
            FieldPanel("category"),
            *specific,
            FieldPanel("drivers"),
            FieldPanel("series"),
            FieldPanel("status"),
        ],
        base_form_class=CuratedForm,
    )


class TrendViewSet(ModelViewSet):
    model = Trend
    icon = "pick"
    menu_label = _("Trends")
    list_display = ["headline_fr", "category", "horizon", "impact", "status", "updated_at"]
    list_filter = ["status", "category", "horizon", "impact"]
    search_fields = ["headline_fr", "headline_en", "headline_es"]
    copy_view_enabled = False
    edit_handler = _curated_panels(FieldRowPanel([FieldPanel("horizon"), FieldPanel("impact")]))


class SignalViewSet(ModelViewSet):
    """Signals under review come first in the list (filter "Submitted for review"): the curators' queue."""

    model = Signal
    icon = "radio-full"
    menu_label = _("Signals")
    list_display = ["headline_fr", "category", "novelty", "location", "status", "created_at"]
    list_filter = ["status", "category", "novelty"]
    search_fields = ["headline_fr", "headline_en", "headline_es", "keywords"]
    copy_view_enabled = False
    edit_handler = _curated_panels(
        FieldPanel("source_url"),
        FieldRowPanel([FieldPanel("novelty"), FieldPanel("location")]),
        FieldPanel("keywords"),
        FieldPanel("trends"),
    )


def _participants_link(item: RatingRound) -> str:
    return reverse("foresight:workshop", args=[join_token(item)])


class RoundCreateView(CreateView):
    def save_instance(self) -> RatingRound:
        self.form.instance.opened_by = self.request.user
        instance: RatingRound = super().save_instance()
        return instance


class RatingRoundViewSet(ModelViewSet):
    """Workshops: an editor opens a round on a set's drivers, gives participants the link, and closes it."""

    model = RatingRound
    icon = "group"
    menu_label = _("Workshops")
    add_view_class = RoundCreateView
    list_display = [
        "title",
        "scenario_set",
        "closed",
        Column("ballots", label=_("Ballots"), accessor=lambda item: item.ballots.count()),
        TitleColumn(
            "participants_link",
            label=_("Participants' link"),
            accessor=_participants_link,
            get_url=_participants_link,
        ),
        TitleColumn(
            "results",
            label=_("Results"),
            accessor=lambda item: _("Impact × uncertainty"),
            get_url=lambda item: reverse("foresight:workshop_results", args=[join_token(item)]),
        ),
    ]
    list_filter = ["closed", "scenario_set"]
    copy_view_enabled = False
    panels = [FieldPanel("scenario_set"), FieldPanel("title"), FieldPanel("closed")]


class ForesightViewSetGroup(ModelViewSetGroup):
    menu_label = _("Foresight 2030")
    menu_icon = "site"
    menu_order = 340
    items = (
        ScenarioSetViewSet("foresight_sets"),
        ScenarioViewSet("foresight_scenarios"),
        DriverViewSet("foresight_drivers"),
        SignpostViewSet("foresight_signposts"),
        SignalViewSet("foresight_signals"),
        TrendViewSet("foresight_trends"),
        RatingRoundViewSet("foresight_workshops"),
    )


@hooks.register("register_admin_viewset")
def register_foresight_viewsets() -> ForesightViewSetGroup:
    return ForesightViewSetGroup()

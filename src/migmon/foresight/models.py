"""Scenario sets, their scenarios and key assumptions, drivers, and signposts watched on the statistics store.

A set is published (``live``) or not; the public sees only published sets and, in them, published signposts.
Texts are kept per language (``_fr``, ``_en``, ``_es``; see :mod:`migmon.foresight.text`). A signpost's rule
is plain data (:meth:`Signpost.rule`) evaluated by :mod:`migmon.foresight.rules`; each state it had when data
was published is kept as a :class:`SignpostRecord` (its history by release). Signals and trends (UNDP's Future
Trends and Signals System's model) are curated: only approved ones are public.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField

from migmon.foresight.choices import (
    Aggregate,
    Comparator,
    Curation,
    Direction,
    Horizon,
    Method,
    Pole,
    State,
    Steepv,
    TrendImpact,
)
from migmon.foresight.rules import Rule, RuleError
from migmon.foresight.text import localized
from migmon.geo.models import Area
from migmon.indicators.models import GcmObjective, Release, Series

RATING = [MinValueValidator(1), MaxValueValidator(5)]
RICH_TEXT = ["h3", "bold", "italic", "ol", "ul", "link"]


class ScenarioSet(models.Model):  # type: ignore[django-manager-missing]
    """Several possible worlds answering one focal question by a horizon year, meant to be read together."""

    slug = models.SlugField(max_length=80, unique=True)
    title_fr = models.CharField(_("title (fr)"), max_length=300)
    title_en = models.CharField(_("title (en)"), max_length=300, blank=True)
    title_es = models.CharField(_("title (es)"), max_length=300, blank=True)
    focal_question_fr = models.TextField(_("focal question (fr)"))
    focal_question_en = models.TextField(_("focal question (en)"), blank=True)
    focal_question_es = models.TextField(_("focal question (es)"), blank=True)
    approach_fr = models.TextField(_("how the scenarios were built (fr)"), blank=True)
    approach_en = models.TextField(_("how the scenarios were built (en)"), blank=True)
    approach_es = models.TextField(_("how the scenarios were built (es)"), blank=True)
    notice_fr = models.TextField(_("reading notice (not a forecast) (fr)"))
    notice_en = models.TextField(_("reading notice (not a forecast) (en)"), blank=True)
    notice_es = models.TextField(_("reading notice (not a forecast) (es)"), blank=True)
    axis_x_fr = models.CharField(_("first axis (fr)"), max_length=300, blank=True)
    axis_x_en = models.CharField(_("first axis (en)"), max_length=300, blank=True)
    axis_x_es = models.CharField(_("first axis (es)"), max_length=300, blank=True)
    axis_y_fr = models.CharField(_("second axis (fr)"), max_length=300, blank=True)
    axis_y_en = models.CharField(_("second axis (en)"), max_length=300, blank=True)
    axis_y_es = models.CharField(_("second axis (es)"), max_length=300, blank=True)
    horizon_year = models.PositiveSmallIntegerField(_("horizon year"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    period = models.CharField(_("period of the work"), max_length=40, blank=True)
    publication_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publication page"),
    )
    publication_url = models.URLField(_("publication link"), blank=True)
    live = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-horizon_year", "slug"]
        verbose_name = _("scenario set")
        verbose_name_plural = _("scenario sets")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def has_axes(self) -> bool:
        return bool(self.axis_x_fr or self.axis_y_fr)


class Scenario(ClusterableModel):
    """One world of a set: a name, its premise, a narrative editors write, and the assumptions it rests on."""

    scenario_set = models.ForeignKey(ScenarioSet, on_delete=models.CASCADE, related_name="scenarios")
    slug = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    name_fr = models.CharField(_("name (fr)"), max_length=300)
    name_en = models.CharField(_("name (en)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (es)"), max_length=300, blank=True)
    premise_fr = models.TextField(_("premise (summary) (fr)"))
    premise_en = models.TextField(_("premise (summary) (en)"), blank=True)
    premise_es = models.TextField(_("premise (summary) (es)"), blank=True)
    narrative_fr = RichTextField(features=RICH_TEXT, blank=True, verbose_name=_("narrative (fr)"))
    narrative_en = RichTextField(features=RICH_TEXT, blank=True, verbose_name=_("narrative (en)"))
    narrative_es = RichTextField(features=RICH_TEXT, blank=True, verbose_name=_("narrative (es)"))
    pole_x = models.CharField(_("pole on the first axis"), max_length=4, choices=Pole.choices, blank=True)
    pole_y = models.CharField(_("pole on the second axis"), max_length=4, choices=Pole.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scenario_set", "order", "slug"]
        constraints = [models.UniqueConstraint(fields=["scenario_set", "slug"], name="foresight_scenario_slug")]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Assumption(models.Model):
    """A premise the scenario stands on: load-bearing if it falls with it, vulnerable if it may well fail."""

    scenario = ParentalKey(Scenario, on_delete=models.CASCADE, related_name="assumptions")
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    statement_fr = models.TextField(_("statement (fr)"))
    statement_en = models.TextField(_("statement (en)"), blank=True)
    statement_es = models.TextField(_("statement (es)"), blank=True)
    load_bearing = models.BooleanField(_("load-bearing"), default=False)
    vulnerable = models.BooleanField(_("vulnerable"), default=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("key assumption")
        verbose_name_plural = _("key assumptions")

    def __str__(self) -> str:
        return localized(self, "statement")[:80]


class Driver(models.Model):
    """A force shaping the set's worlds, rated for impact and uncertainty, tied to the statistics that show it."""

    scenario_set = models.ForeignKey(ScenarioSet, on_delete=models.CASCADE, related_name="drivers")
    name_fr = models.CharField(_("name (fr)"), max_length=300)
    name_en = models.CharField(_("name (en)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (es)"), max_length=300, blank=True)
    description_fr = models.TextField(_("description (fr)"), blank=True)
    description_en = models.TextField(_("description (en)"), blank=True)
    description_es = models.TextField(_("description (es)"), blank=True)
    category = models.CharField(_("STEEP-V category"), max_length=16, choices=Steepv.choices)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), null=True, blank=True, validators=RATING)
    uncertainty = models.PositiveSmallIntegerField(_("uncertainty (1–5)"), null=True, blank=True, validators=RATING)
    evidence_links = models.TextField(_("evidence links"), blank=True, help_text=_("One address per line."))
    series = models.ManyToManyField(Series, blank=True, related_name="+", verbose_name=_("linked series"))
    gcm_objectives = models.ManyToManyField(
        GcmObjective, blank=True, related_name="+", verbose_name=_("linked GCM objectives")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scenario_set", "category", "name_fr"]
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class Signpost(models.Model):
    """A condition to watch: when its rule holds on the data, the world drifts toward (or away from) a scenario."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="signposts")
    assumption = models.ForeignKey(
        Assumption, null=True, blank=True, on_delete=models.SET_NULL, related_name="signposts"
    )
    statement_fr = models.TextField(_("statement (fr)"))
    statement_en = models.TextField(_("statement (en)"), blank=True)
    statement_es = models.TextField(_("statement (es)"), blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.TOWARD)
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="+", verbose_name=_("series"))
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="+",
        verbose_name=_("areas"),
        help_text=_("Each area is judged on its own (value or mean); for counts and shares, the areas counted."),
    )
    region = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("For counts and shares: count the countries of this region (when no areas are chosen)."),
    )
    dimensions = models.CharField(
        _("dimension filter"),
        max_length=400,
        blank=True,
        help_text=_("Dimension key such as SEX=F; empty: totals (for counts and shares: every combination)."),
    )
    aggregate = models.CharField(_("aggregate"), max_length=12, choices=Aggregate.choices, default=Aggregate.LATEST)
    window = models.PositiveSmallIntegerField(_("years in the mean (k)"), default=1)
    cut = models.FloatField(_("value counted above"), null=True, blank=True)
    comparator = models.CharField(_("comparator"), max_length=8, choices=Comparator.choices, default=Comparator.RISING)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    persistence = models.PositiveSmallIntegerField(_("years running"), default=1)
    min_points = models.PositiveSmallIntegerField(_("minimum data points"), default=2)
    live = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scenario", "pk"]
        verbose_name = _("signpost")
        verbose_name_plural = _("signposts")

    def __str__(self) -> str:
        return localized(self, "statement")[:80]

    @property
    def statement(self) -> str:
        return localized(self, "statement")

    def rule(self) -> Rule:
        return Rule(
            aggregate=self.aggregate,
            comparator=self.comparator,
            threshold=self.threshold,
            window=self.window,
            cut=self.cut,
            persistence=self.persistence,
            min_points=self.min_points,
        )

    def clean(self) -> None:
        try:
            self.rule().check()
        except RuleError as error:
            raise ValidationError({error.field_name: str(error)}) from error
        if self.assumption is not None and self.scenario_id and self.assumption.scenario_id != self.scenario_id:
            raise ValidationError({"assumption": _("The assumption must belong to the signpost's scenario.")})


class SignpostRecord(models.Model):
    """The state a signpost had for one subject under one state of the data: its history by release."""

    signpost = models.ForeignKey(Signpost, on_delete=models.CASCADE, related_name="records")
    subject = models.CharField(max_length=16, help_text=_("The area's code, or 'group' for a count or share."))
    data_version = models.CharField(max_length=120)
    release = models.ForeignKey(Release, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signpost", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["signpost", "subject", "data_version"], name="foresight_record_once_per_version"
            )
        ]
        verbose_name = _("signpost record")
        verbose_name_plural = _("signpost records")


WEB_ADDRESS = [URLValidator(schemes=["http", "https"])]


class Curated(models.Model):
    """What signals and trends share: three-language texts, a STEEP-V category and the curators' review.

    ``created_by`` wrote it; ``reviewed_by`` approved or archived it — never the same person
    (:mod:`migmon.foresight.curation`). The public sees approved items only.
    """

    headline_fr = models.CharField(_("headline (fr)"), max_length=300)
    headline_en = models.CharField(_("headline (en)"), max_length=300, blank=True)
    headline_es = models.CharField(_("headline (es)"), max_length=300, blank=True)
    description_fr = models.TextField(_("description (fr)"), blank=True)
    description_en = models.TextField(_("description (en)"), blank=True)
    description_es = models.TextField(_("description (es)"), blank=True)
    category = models.CharField(_("STEEP-V category"), max_length=16, choices=Steepv.choices)
    status = models.CharField(_("status"), max_length=10, choices=Curation.choices, default=Curation.DRAFT)
    series = models.ManyToManyField(Series, blank=True, related_name="+", verbose_name=_("linked series"))
    drivers = models.ManyToManyField(Driver, blank=True, related_name="+", verbose_name=_("linked drivers"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.headline

    @property
    def headline(self) -> str:
        return localized(self, "headline")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Trend(Curated):
    """A change under way, drawn from signals: when it should matter most and how much."""

    horizon = models.CharField(_("horizon"), max_length=4, choices=Horizon.choices)
    impact = models.PositiveSmallIntegerField(_("impact (1–3)"), choices=TrendImpact.choices)

    class Meta:
        ordering = ["category", "headline_fr"]
        verbose_name = _("trend")
        verbose_name_plural = _("trends")
        permissions = [("curate_trend", _("Can approve or archive trends"))]


class Signal(Curated):
    """Something seen that may announce a change: a headline, its source, how new it is, where, and what it
    points to (trends, drivers, series)."""

    source_url = models.URLField(_("source address"), max_length=500, validators=WEB_ADDRESS)
    novelty = models.PositiveSmallIntegerField(_("novelty (1–5)"), validators=RATING)
    location = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("location")
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True, help_text=_("Separated by commas."))
    trends = models.ManyToManyField(Trend, blank=True, related_name="signals", verbose_name=_("linked trends"))

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        permissions = [("curate_signal", _("Can approve or archive signals"))]

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class RatingRound(models.Model):
    """A workshop round: participants rate the set's drivers for impact and uncertainty, 1 to 5, until closed.

    Participants join by a link that carries the round's signed number (:mod:`migmon.foresight.workshops`):
    no account, nothing secret stored, and the editor can show the link again at any time.
    """

    scenario_set = models.ForeignKey(
        ScenarioSet, on_delete=models.CASCADE, related_name="rating_rounds", verbose_name=_("scenario set")
    )
    title = models.CharField(_("title"), max_length=200)
    closed = models.BooleanField(_("closed"), default=False, help_text=_("A closed round takes no more ballots."))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_at", "pk"]
        verbose_name = _("rating round")
        verbose_name_plural = _("rating rounds")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Stamp when the editor closes the round (and clear it if they reopen it)."""
        self.closed_at = (self.closed_at or timezone.now()) if self.closed else None
        super().save(*args, **kwargs)


class Ballot(models.Model):
    """One participant's ratings in a round, under a pseudonym; the participant is known by a random key kept
    in their browser (stored here hashed), so each has one ballot and may change it while the round is open."""

    rating_round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="ballots")
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    participant = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rating_round", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rating_round", "participant"], name="foresight_one_ballot_each")
        ]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return self.pseudonym


class DriverRating(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="ratings")
    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="+")
    impact = models.PositiveSmallIntegerField(validators=RATING)
    uncertainty = models.PositiveSmallIntegerField(validators=RATING)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "driver"], name="foresight_one_rating_per_driver")]

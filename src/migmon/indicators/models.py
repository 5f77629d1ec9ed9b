"""The statistics store: SDG framework, GCM objectives, series, observations and their releases.

An :class:`Observation` is one value for (series, area, period, dimension set), with the release that set it.
Every import is a :class:`Release`. When a release replaces (or re-confirms) a value, the value it replaces is
kept as an :class:`ObservationRevision`, so the history of a figure (e.g. the world's 2020 migrant stock in the
2020 and 2024 DESA editions) stays visible and a release can be rolled back. A value that nothing has replaced
yet lives only in :class:`Observation`: a first import writes each value once.

The two fact tables (observations and revisions) carry no database-level foreign keys (``db_constraint=False``).
They are written by one writer, :mod:`migmon.indicators.loader`, which takes every id it writes from the
database inside the import's transaction, and Django's ``on_delete=PROTECT`` still refuses to delete a series,
area or dimension set that observations use. Measured on PostgreSQL, the four deferred foreign-key triggers cost
20 µs per inserted row (32 µs instead of 12.7 µs for a COPY of 100,000 observations) and queue one event per
row in server memory until commit; they are also what a sharded (Citus) observations table would have to drop.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migmon.geo.models import Area
from migmon.indicators import vocabulary


class TranslatedTitleMixin(models.Model):
    """Official titles in the three site languages; ``title`` picks the active one."""

    title_en = models.TextField()
    title_fr = models.TextField(blank=True)
    title_es = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        language = (translation.get_language() or "fr")[:2]
        return getattr(self, f"title_{language}", "") or self.title_en


class MigrationRelevance(models.Model):
    """Marks the framework entries that matter for migration, with the reason and its source."""

    migration_relevant = models.BooleanField(default=False, db_index=True)
    relevance_note = models.CharField(max_length=300, blank=True, help_text=_("Why it matters for migration."))

    class Meta:
        abstract = True


class Goal(TranslatedTitleMixin):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(unique=True)
    short_en = models.CharField(max_length=120, blank=True)
    short_fr = models.CharField(max_length=120, blank=True)
    short_es = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def code(self) -> str:
        return str(self.number)


class Target(TranslatedTitleMixin, MigrationRelevance):
    """An SDG target such as 10.7 or 10.c."""

    code = models.CharField(max_length=8, unique=True)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    sort_key = models.CharField(max_length=16, db_index=True, help_text=_("Orders 10.2 before 10.10 and 10.a."))

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.code


class Indicator(TranslatedTitleMixin, MigrationRelevance):
    """An indicator of the global framework; a few repeat under several targets."""

    code = models.CharField(max_length=12, unique=True)
    targets = models.ManyToManyField(Target, related_name="indicators")
    sort_key = models.CharField(max_length=24, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.code


class IndicatorEntry(models.Model):
    """One numbered entry of the official list: an indicator under one target.

    The list repeats a few indicators under several targets with their own numbers (1.5.1 = 11.5.1 = 13.1.1);
    the YAML does not mark them, their identical official English titles do. Each repeat is one
    :class:`Indicator` with several entries, so a series tagged ``[1.5.1, 11.5.1, 13.1.1]`` has one indicator.
    """

    code = models.CharField(max_length=12, unique=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="entries")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="indicator_entries")
    sort_key = models.CharField(max_length=24, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("indicator entry")
        verbose_name_plural = _("indicator entries")

    def __str__(self) -> str:
        return self.code


class Series(models.Model):
    """A statistical series (``SM_DTH_MIGR``, ``MIGSTOCK`` …) measuring one or more indicators."""

    code = models.CharField(max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=400, help_text=_("As the UN publishes it."))
    name_fr = models.CharField(_("French name"), max_length=400, blank=True)
    name_es = models.CharField(_("Spanish name"), max_length=400, blank=True)
    #: Set when a data manager translates the name in the admin: ``load_framework`` then keeps the French and
    #: Spanish names instead of resetting them to the bundled file's (the UN publishes English names only).
    names_edited_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    unit = models.CharField(max_length=40, blank=True, help_text=_("Unit code of the SDG DSD (PT, NUMBER, USD …)."))
    unit_multiplier = models.SmallIntegerField(default=0, help_text=_("Power of ten the values are expressed in."))
    allowed_dimensions = models.JSONField(
        default=dict, blank=True, help_text=_("Dimension name → allowed codes (or 'ALL'), from the DSD constraints.")
    )
    indicators = models.ManyToManyField(Indicator, related_name="series", blank=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text=_("Where the code, name and unit come from."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        language = (translation.get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en

    @property
    def name_is_fallback(self) -> bool:
        """True when the page's language has no name of its own and shows the English one (mark it lang="en")."""
        language = (translation.get_language() or "fr")[:2]
        return language != "en" and not getattr(self, f"name_{language}", "")


class GcmObjective(models.Model):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration.

    French full titles exist for only a few objectives in the sources we have: ``title_fr`` stays empty
    elsewhere and pages say so, rather than machine-translating silently.
    """

    number = models.PositiveSmallIntegerField(unique=True)
    title_en = models.TextField()
    title_fr = models.TextField(blank=True)
    title_fr_source = models.CharField(max_length=300, blank=True)
    short_label_en = models.CharField(max_length=120)
    short_label_fr = models.CharField(max_length=120, blank=True)
    targets = models.ManyToManyField(Target, through="GcmLink", related_name="gcm_objectives", blank=True)
    link_source = models.CharField(max_length=300, blank=True, help_text=_("Source of the objective → target links."))
    note = models.TextField(blank=True, help_text=_("Disagreements between the sources of the titles."))

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self) -> str:
        return f"GCM {self.number}"

    @property
    def has_french_title(self) -> bool:
        return bool(self.title_fr)

    @property
    def title(self) -> str:
        """The full title in the active language; English where no French title is known (see ``title_is_fallback``)."""
        if (translation.get_language() or "fr")[:2] == "fr" and self.title_fr:
            return self.title_fr
        return self.title_en

    @property
    def title_is_fallback(self) -> bool:
        """True when a French page shows the English title because no French title is known: pages must say so."""
        return (translation.get_language() or "fr")[:2] == "fr" and not self.title_fr

    @property
    def short_label(self) -> str:
        """The official short label, French on French pages (both exist for all 23 objectives)."""
        if (translation.get_language() or "fr")[:2] == "fr" and self.short_label_fr:
            return self.short_label_fr
        return self.short_label_en


class Dataset(models.Model):
    """A publication that is imported edition after edition (``undesa-ims``, ``sdg-global-database`` …)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    source_organisation = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ReleaseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ROLLED_BACK = "rolled_back", _("Rolled back")


class Release(models.Model):
    """One import of one file: where it came from, what it changed, and whether it still stands."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="releases")
    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    importer = models.CharField(max_length=80, help_text=_("Reader that parsed the file."))
    importer_version = models.CharField(max_length=40)
    edition = models.CharField(max_length=40, blank=True, help_text=_("Edition of the dataset, e.g. 2024."))
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text=_("Warnings and rejected rows, as messages."))
    status = models.CharField(max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.ACTIVE)
    rolled_back_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"#{self.pk} {self.dataset.code} {self.file_name}"


class DimensionSet(models.Model):
    """One combination of disaggregation codes, shared by every observation that has it.

    ``key`` is the canonical text (``AGE=Y15T24|SEX=F``, empty for totals) and ``codes`` the same as a
    mapping. The dimensions people filter on most have their own indexed columns, so "10.c.1 corridor
    costs from one sending country" or "women only" are plain indexed joins.
    """

    key = models.CharField(max_length=400, unique=True)
    codes = models.JSONField(default=dict)
    sex = models.CharField(max_length=8, blank=True, db_index=True)
    age = models.CharField(max_length=24, blank=True, db_index=True)
    location = models.CharField(max_length=16, blank=True, help_text=_("URBANISATION code"))
    migratory_status = models.CharField(max_length=40, blank=True, db_index=True)
    counterpart_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=True
    )

    class Meta:
        verbose_name = _("dimension set")

    def __str__(self) -> str:
        return self.key or "_T"


class ReportingType(models.TextChoices):
    """Who reported a value (the SDG DSD's REPORTING_TYPE, codes of CL_REPORTING_TYPE; see the vocabulary)."""

    GLOBAL = vocabulary.GLOBAL, _("Global")
    NATIONAL = vocabulary.NATIONAL, _("National")
    REGIONAL = vocabulary.REGIONAL, _("Regional")


class Observation(models.Model):
    """The current value for one (series, area, period, dimension set, reporting type).

    The reporting type is part of the key: a national platform's value and the UN Global SDG Database's value
    for the same country, period and series are two observations, each with its own release.
    """

    # No single-column indexes on series, area and dimensions: the composite indexes below start with them
    # (series, area), and every extra index costs each of the millions of inserts an import makes.
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False
    )
    period = models.CharField(max_length=16, help_text=_("Time period as published: 2020, 2019-2020 …"))
    year = models.SmallIntegerField(help_text=_("Year the period starts in, for range queries."))
    dimensions = models.ForeignKey(
        DimensionSet, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False
    )
    reporting_type = models.CharField(
        max_length=1, choices=ReportingType.choices, default=ReportingType.GLOBAL, help_text=_("Who reported it.")
    )
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    unit_multiplier = models.SmallIntegerField(default=0)
    nature = models.CharField(max_length=8, blank=True, help_text=_("C country data, E estimated, M modelled …"))
    footnote = models.TextField(blank=True)
    source = models.TextField(blank=True)
    # Indexed for rollback. Cheap to maintain: every row of an import has the newest release id, so its
    # entries are appended at the end of the index, never inserted at random.
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+", db_constraint=False)

    class Meta:
        # Every index costs each of the millions of inserts an import makes, and those on random keys cost most:
        # three serve every query. ``observation_key`` (series, area, period, dimensions, reporting type) also
        # answers "one series for some areas" through its prefix; ``obs_series_dims_year`` answers maps (one series,
        # one disaggregation, one year, every area); ``obs_area_series`` answers profiles (one area, every series).
        constraints = [
            models.UniqueConstraint(
                fields=["series", "area", "period", "dimensions", "reporting_type"], name="observation_key"
            ),
        ]
        indexes = [
            models.Index(fields=["series", "dimensions", "year"], name="obs_series_dims_year"),
            models.Index(fields=["area", "series"], name="obs_area_series"),
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.series_id} {self.area_id} {self.period} {self.value}"


class ObservationRevision(models.Model):
    """A value an observation held until a later release replaced it: the history behind :class:`Observation`.

    ``release`` set the value; ``replaced_by`` is the release that replaced or re-confirmed it, or ``None`` when
    the value was withdrawn by rolling ``release`` back. The history of an observation is its revisions plus its
    current row. The key is kept as plain fields so a revision survives its observation being removed by a
    rollback.
    """

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="revisions", db_constraint=False)
    replaced_by = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="replaced", db_constraint=False
    )
    # Looked up by the full key (``rev_key``) or by release, never by one of these alone: no extra indexes.
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    period = models.CharField(max_length=16)
    dimensions = models.ForeignKey(
        DimensionSet, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    reporting_type = models.CharField(max_length=1, choices=ReportingType.choices, default=ReportingType.GLOBAL)
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    unit_multiplier = models.SmallIntegerField(default=0)
    nature = models.CharField(max_length=8, blank=True)
    footnote = models.TextField(blank=True)
    source = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["series", "area", "period", "dimensions", "reporting_type"], name="rev_key")]
        verbose_name = _("observation revision")

    def __str__(self) -> str:
        return f"{self.series_id} {self.area_id} {self.period} = {self.value} (release {self.release_id})"


class GcmLinkStrength(models.TextChoices):
    SPECIFIC = "specific", _("Specific")
    GENERAL = "general", _("General")


class GcmLinkOrigin(models.TextChoices):
    FILE = "file", _("Curated file (gcm_sdg_targets.csv)")
    EDITORIAL = "editorial", _("Edited by a data manager")


class GcmLink(models.Model):
    """Why a GCM objective is linked to an SDG target (and, where the basis names one, to one of its indicators).

    Every objective is linked to 10.7 because the Compact is rooted in it: that link is *general*. A link whose
    basis names the objective's own subject (remittances ↔ 10.c.1) is *specific*, and pages list those first.
    ``origin`` keeps a data manager's edit from being overwritten by the next ``load_framework``.
    """

    objective = models.ForeignKey(GcmObjective, on_delete=models.CASCADE, related_name="links")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="gcm_links")
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gcm_links",
        help_text=_("The target's indicator the basis names, if it names one."),
    )
    strength = models.CharField(
        _("strength"), max_length=10, choices=GcmLinkStrength.choices, default=GcmLinkStrength.GENERAL
    )
    basis = models.TextField(_("basis"), blank=True, help_text=_("The grounds of the link (see SOURCES.md)."))
    origin = models.CharField(max_length=10, choices=GcmLinkOrigin.choices, default=GcmLinkOrigin.FILE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["objective__number", "-strength", "target__sort_key"]  # specific before general
        constraints = [models.UniqueConstraint(fields=["objective", "target"], name="gcm_link_unique")]
        verbose_name = _("GCM link")
        verbose_name_plural = _("GCM links")

    def __str__(self) -> str:
        return f"GCM {self.objective.number} ↔ {self.indicator or self.target} ({self.strength})"


class ProvisionalPeriod(models.Model):
    """A period of a series whose figures are still partial: its source had not finished recording it.

    The register's 10.7.3 totals for 2025 come from an IOM export of 2025-09-15: a count of part of the year,
    not a fall. A period listed here is *provisional, data as of* ``as_of``; a period not listed is final.
    Written by the app that knows (:func:`migmon.indicators.services.provisional_periods_set`), read with the
    observations by every answer (pages, API, downloads), so a partial year reads as one everywhere.
    """

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="provisional_periods")
    period = models.CharField(max_length=16)
    as_of = models.DateField(help_text=_("Date of the data the period's figures hold."))
    basis = models.CharField(max_length=300, blank=True, help_text=_("How the date is known, e.g. the export."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["series", "period"]
        constraints = [models.UniqueConstraint(fields=["series", "period"], name="provisional_period_unique")]
        verbose_name = _("provisional period")
        verbose_name_plural = _("provisional periods")

    def __str__(self) -> str:
        return f"{self.series_id} {self.period} (as of {self.as_of})"

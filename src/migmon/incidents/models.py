"""The Missing Migrants register: incidents, every change to them, the imports that brought them, and totals.

An :class:`Incident` follows IOM's Missing Migrants data. Its total (dead + missing) is a generated column: the
database computes it, so it can never disagree with the two counts it comes from. Every change — an import, an
edit, a workflow step — writes an :class:`IncidentRevision` holding the full snapshot and the fields that changed.
:class:`IncidentCube` holds the published totals by (year, region, route, cause), rebuilt after each change, so
the public totals stay fast whatever the number of incidents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from migmon.geo.models import Area
from migmon.importers.plausible import CORRECTABLE, MAX_COUNT, NEVER_NEGATIVE


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Under review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year only")


class CoordinatesReliability(models.TextChoices):
    REPORTED = "reported", _("Reported location")
    APPROXIMATE = "approximate", _("Approximate (unspecified location)")
    UNKNOWN = "unknown", _("No coordinates")


class Origin(models.TextChoices):
    IMPORT = "import", _("Imported from an IOM export")
    EDITORIAL = "editorial", _("Entered by a data manager")


#: The map clusters incidents on a grid of 32 × 2^zoom cells around the world; ``grid_x``/``grid_y`` hold the cell
#: at the finest zoom, so the cell at any coarser zoom is an integer division (no floating point in the query).
GRID_ZOOM = 12
#: Zoom levels whose clusters are precomputed in :class:`IncidentCell`.
CELL_ZOOM_MAX = 6


def grid_of(latitude: float | None, longitude: float | None) -> tuple[int | None, int | None]:
    """The finest-zoom grid cell of a point (columns from 180° W, rows from 90° S)."""
    if latitude is None or longitude is None:
        return None, None
    cells = 32 * 2**GRID_ZOOM
    column = min(cells - 1, int((longitude + 180.0) / 360.0 * cells))
    row = min(cells // 2 - 1, int((latitude + 90.0) / 360.0 * cells))
    return column, row


def count_checks(prefix: str) -> list[models.BaseConstraint]:
    """The database's half of :mod:`migmon.importers.plausible`: bounded counts, negatives only as corrections."""
    checks: list[models.BaseConstraint] = [
        models.CheckConstraint(
            condition=models.Q(**{f"{name}__gte": -MAX_COUNT, f"{name}__lte": MAX_COUNT}),
            name=f"{prefix}_{name}_bounded",
        )
        for name in CORRECTABLE
    ]
    checks += [
        models.CheckConstraint(
            condition=models.Q(**{f"{name}__gte": 0, f"{name}__lte": MAX_COUNT}), name=f"{prefix}_{name}_bounded"
        )
        for name in NEVER_NEGATIVE
    ]
    dead, missing, survivors = (Coalesce(name, 0) for name in CORRECTABLE)
    checks += [
        models.CheckConstraint(condition=GreaterThanOrEqual(dead + missing, 0), name=f"{prefix}_total_not_negative"),
        models.CheckConstraint(
            condition=GreaterThanOrEqual(dead + missing + survivors, 0), name=f"{prefix}_people_not_negative"
        ),
    ]
    return checks


class Incident(models.Model):
    """One incident in which migrants died or went missing, as IOM's Missing Migrants Project records it.

    ``values_as_of`` says how recent the values are — the export date for imported values, the time of the edit
    for editorial ones — so that importing an older export never overwrites newer values.
    """

    incident_id = models.CharField(_("incident id"), max_length=40, unique=True)
    incident_type = models.CharField(_("incident type"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.EDITORIAL)

    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    year = models.SmallIntegerField(_("year"))

    region = models.CharField(_("region of incident"), max_length=80, blank=True, help_text=_("As IOM wrote it."))
    #: Every region, route and country of incident listed (IOM merges several into one cell: 2020.MMP00507 is
    #: "Mediterranean,North America"), each with its ``|A|B|`` key so that one filter value matches any listed.
    regions = models.JSONField(_("regions of incident"), default=list, blank=True)
    regions_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B| for filtering by region."))
    country_name = models.CharField(_("country of incident"), max_length=120, blank=True)
    countries = models.JSONField(_("countries of incident"), default=list, blank=True)
    countries_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B| for filtering by country."))
    country = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    coordinates_reliability = models.CharField(
        _("coordinates reliability"),
        max_length=12,
        choices=CoordinatesReliability.choices,
        default=CoordinatesReliability.REPORTED,
    )
    grid_x = models.IntegerField(null=True, blank=True, editable=False, help_text=_("Map grid column (finest zoom)."))
    grid_y = models.IntegerField(null=True, blank=True, editable=False, help_text=_("Map grid row (finest zoom)."))
    far_from_country_km = models.FloatField(
        _("distance outside the country of incident (km)"),
        null=True,
        blank=True,
        help_text=_("0 inside; empty when the point or the country's outline is unknown. See incidents.far_points."),
    )
    place = models.TextField(_("location description"), blank=True)
    unsd_grouping = models.CharField(_("UN geographical grouping"), max_length=80, blank=True)

    dead = models.IntegerField(_("number dead"), null=True, blank=True)
    missing = models.IntegerField(_("minimum estimated number missing"), null=True, blank=True)
    total = models.GeneratedField(
        expression=Coalesce("dead", 0) + Coalesce("missing", 0),
        output_field=models.IntegerField(),
        db_persist=True,
        verbose_name=_("dead and missing"),
    )
    survivors = models.IntegerField(_("survivors"), null=True, blank=True)
    females = models.IntegerField(_("women and girls"), null=True, blank=True)
    males = models.IntegerField(_("men and boys"), null=True, blank=True)
    children = models.IntegerField(_("children"), null=True, blank=True)

    cause = models.CharField(_("cause of death"), max_length=120, blank=True, help_text=_("First listed cause."))
    causes = models.JSONField(_("causes of death"), default=list, blank=True)
    route = models.CharField(_("migration route"), max_length=120, blank=True, help_text=_("As IOM wrote it."))
    routes = models.JSONField(_("migration routes"), default=list, blank=True)
    routes_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B| for filtering by route."))
    origin_countries = models.JSONField(_("countries of origin"), default=list, blank=True)
    origin_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B| for filtering by origin."))
    origin_region = models.CharField(_("region of origin"), max_length=160, blank=True)
    origin_presumed = models.BooleanField(_("origin presumed"), default=False)

    information_source = models.TextField(_("information source"), blank=True)
    urls = models.JSONField(_("URLs"), default=list, blank=True)
    source_quality = models.CharField(_("source quality"), max_length=20, blank=True)
    parts = models.JSONField(default=list, blank=True, help_text=_("Rows of a split incident, as the file had them."))

    values_as_of = models.DateTimeField(null=True, blank=True)
    source_file = models.CharField(max_length=300, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by_label = models.CharField(max_length=200, blank=True, help_text=_("e.g. the import that published"))
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "incident_id"]
        constraints = count_checks("incident")
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(fields=["status", "year"], name="incident_status_year"),
            models.Index(fields=["status", "date"], name="incident_status_date"),
            models.Index(fields=["status", "region"], name="incident_status_region"),
            models.Index(fields=["status", "route"], name="incident_status_route"),
            models.Index(fields=["date", "latitude"], name="incident_date_lat"),
            models.Index(fields=["status", "grid_x", "grid_y"], name="incident_status_grid"),
        ]
        permissions = [
            ("review_incident", _("Can review incidents and return them to their author")),
            ("publish_incident", _("Can publish and withdraw incidents")),
        ]

    def __str__(self) -> str:
        return self.incident_id


def causes_key(causes: list[str] | tuple[str, ...]) -> str:
    """``|Drowning|Violence|``: lets ``cause=Violence`` match any listed cause with one ``contains`` filter.

    The same key holds listed regions, routes and countries (:func:`listed_key`)."""
    names = [name for name in causes if name]
    return f"|{'|'.join(names)}|" if names else ""


listed_key = causes_key


def key_values(key: str) -> list[str]:
    """The values of a ``|A|B|`` key; ``[""]`` for an empty key (a row that lists none still has a group)."""
    return key.strip("|").split("|") if key else [""]


class IncidentRow(models.Model):
    """One counted row of an incident: where, why and how many, as one row of IOM's file had it.

    IOM splits an incident over rows when its victims differ in cause, country or route (2025.MMP0956: one
    death by sickness in a hospital, ten missing at sea). Every total, filter, map cell, download and the
    SDG 10.7.3 series counts these rows, each under its own cause, country and route; an incident that is one
    row has one. Derived from the incident (its ``parts``, or its own fields) by
    :func:`migmon.incidents.rows.rows_sync` whenever the incident is written, so it never disagrees with it.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="rows")
    position = models.SmallIntegerField(help_text=_("Order of the row in the file (0 for the first)."))
    source_id = models.CharField(max_length=40, help_text=_("The row's own id in the file, else the incident's."))
    year = models.SmallIntegerField()
    date = models.DateField(null=True, blank=True)
    region = models.CharField(max_length=80, blank=True)
    regions_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B|: every region the row lists."))
    country_name = models.CharField(max_length=120, blank=True)
    country = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    grid_x = models.IntegerField(null=True, blank=True)
    grid_y = models.IntegerField(null=True, blank=True)
    place = models.TextField(blank=True)
    route = models.CharField(max_length=120, blank=True)
    routes_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B|: every route the row lists."))
    cause = models.CharField(max_length=120, blank=True, help_text=_("First listed cause: the one totals count."))
    causes = models.JSONField(default=list, blank=True)
    causes_key = models.CharField(max_length=600, blank=True, help_text=_("|A|B| for filtering by any cause."))
    dead = models.IntegerField(null=True, blank=True)
    missing = models.IntegerField(null=True, blank=True)
    total = models.GeneratedField(
        expression=Coalesce("dead", 0) + Coalesce("missing", 0), output_field=models.IntegerField(), db_persist=True
    )
    survivors = models.IntegerField(null=True, blank=True)
    females = models.IntegerField(null=True, blank=True)
    males = models.IntegerField(null=True, blank=True)
    children = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["incident", "position"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "position"], name="incident_row_position"),
            *count_checks("incident_row"),
        ]
        indexes = [models.Index(fields=["year", "region", "route", "cause"], name="incident_row_dims")]

    def __str__(self) -> str:
        return f"{self.source_id} ({self.incident_id} #{self.position})"


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    IMPORTED = "imported", _("Imported")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class IncidentRevision(models.Model):
    """One change to an incident: who (a person or an import), when, the full snapshot and what changed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=12, choices=RevisionAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=300, blank=True, help_text=_("The import, when no person acted."))
    status = models.CharField(max_length=12, choices=Status.choices)
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=dict, help_text=_("Field → [before, after]."))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("incident revision")
        verbose_name_plural = _("incident revisions")

    def __str__(self) -> str:
        return f"{self.incident_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def who(self) -> str:
        return str(self.actor) if self.actor else self.actor_label


class IncidentImport(models.Model):
    """One import of one IOM file: when it was exported (and how we know), what it added, changed and skipped."""

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    format_name = models.CharField(max_length=60)
    reader_version = models.CharField(max_length=20)
    exported_at = models.DateTimeField()
    exported_at_basis = models.CharField(max_length=120)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    years = models.JSONField(default=list, help_text=_("Years of the incidents the file holds."))
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped_older = models.JSONField(default=list, help_text=_("Incidents whose newer values were kept."))
    skipped_absent = models.JSONField(default=list, help_text=_("Incidents a newer export of their year omits."))
    withdrawn = models.JSONField(default=list, help_text=_("Incidents absent from this newer export."))
    far_points = models.JSONField(
        default=list, help_text=_("Incidents written whose point lies far outside their country (for review).")
    )
    warnings = models.JSONField(default=list)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("incident import")
        verbose_name_plural = _("incident imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.exported_at:%Y-%m-%d})"

    @property
    def label(self) -> str:
        return f"import #{self.pk} of {self.file_name} (exported {self.exported_at:%Y-%m-%d})"


class IncidentCube(models.Model):
    """Published totals by year, region, route and cause: the source of every public total and chart.

    Summed over :class:`IncidentRow`, so each row of a split incident counts under its own cause and route;
    ``causes_key`` (every cause the rows list) lets ``cause=`` match any listed cause, ``regions_key`` and
    ``routes_key`` likewise for regions and routes (a row listing two regions counts in each of them).
    """

    year = models.SmallIntegerField()
    region = models.CharField(max_length=80)
    regions_key = models.CharField(max_length=600, default="")
    route = models.CharField(max_length=120)
    routes_key = models.CharField(max_length=600, default="")
    cause = models.CharField(max_length=120)
    causes_key = models.CharField(max_length=600, default="")
    dead = models.IntegerField()
    missing = models.IntegerField()
    total = models.IntegerField()
    incidents = models.IntegerField(help_text=_("Distinct incidents with a row in this cell."))

    class Meta:
        indexes = [models.Index(fields=["year", "region", "route", "cause"], name="cube_dims")]

    def __str__(self) -> str:
        return f"{self.year} {self.region} {self.route} {self.cause}: {self.total}"


class IncidentCell(models.Model):
    """Published totals per map cell (zoom 0 to :data:`CELL_ZOOM_MAX`) and per cube dimension.

    The map at those zooms groups these rows instead of the incidents: the table grows with the number of
    distinct places, not with the number of incidents. Rebuilt with :class:`IncidentCube`.
    """

    zoom = models.SmallIntegerField()
    gx = models.IntegerField()
    gy = models.IntegerField()
    year = models.SmallIntegerField()
    region = models.CharField(max_length=80)
    regions_key = models.CharField(max_length=600, default="")
    route = models.CharField(max_length=120)
    routes_key = models.CharField(max_length=600, default="")
    cause = models.CharField(max_length=120)
    causes_key = models.CharField(max_length=600, default="")
    incidents = models.IntegerField()
    rows = models.IntegerField(default=0, help_text=_("Rows summed into the position sums (for the mean)."))
    dead = models.IntegerField()
    missing = models.IntegerField()
    total = models.IntegerField()
    latitude_sum = models.FloatField()
    longitude_sum = models.FloatField()
    first_incident = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["zoom", "year"], name="cell_zoom_year"),
            models.Index(fields=["zoom", "gx", "gy"], name="cell_zoom_xy"),
        ]

    def __str__(self) -> str:
        return f"z{self.zoom} {self.gx},{self.gy} {self.year}: {self.total}"

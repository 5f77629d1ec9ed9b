"""Every read of the register: pages, the API, downloads, the management screens and the derived tables' inputs.

This module is the one door into the incident models for reading (a test checks that no other module queries
them except to write). Public reads only ever see published incidents.

:class:`IncidentFilters` is the one definition of the public filters (years, region, route, cause, country of
origin); the map, the totals panel, the charts, the API and the CSV download all apply it, so they always
describe the same set. Totals come from :class:`IncidentCube` when the filters allow it (everything but
origin), which keeps them fast whatever the number of incidents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from migmon.core.http_cache import Version
from migmon.incidents.models import (
    CELL_ZOOM_MAX,
    GRID_ZOOM,
    Incident,
    IncidentCell,
    IncidentCube,
    IncidentImport,
    IncidentRevision,
    IncidentRow,
    Status,
)

DIMENSIONS = ("year", "region", "route", "cause")
#: A cube cell (see aggregates.CELL_KEY): the dimensions and every cause a row lists.
CELL_KEY = ("year", "region", "route", "cause", "causes_key")


class BadFilter(ValueError):
    """A filter value that cannot be read; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


YEAR_MIN, YEAR_MAX = 1900, 2100  # keeps a range such as 1-99999999 to real years


@dataclass(frozen=True)
class IncidentFilters:
    """The public filters; empty lists mean "all"."""

    years: tuple[int, ...] = ()
    start: int | None = None
    end: int | None = None
    regions: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    origins: tuple[str, ...] = field(default=())

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> IncidentFilters:
        """Read ``year``, ``region``, ``route``, ``cause`` and ``origin`` (each repeatable) and the period
        ``start``/``end`` (first and last year, inclusive, as on the observations) from a query dict.

        A year may also be a range ``2019-2021``; with ``start``/``end`` as well, both apply.
        """

        def values(name: str) -> tuple[str, ...]:
            raw = query.getlist(name) if hasattr(query, "getlist") else query.get(name) or []
            if isinstance(raw, str):
                raw = [raw]
            return tuple(dict.fromkeys(str(value).strip() for value in raw if value is not None and str(value).strip()))

        years: list[int] = []
        for text in values("year"):
            try:
                if "-" in text[1:]:
                    first, last = (int(part) for part in text.split("-", 1))
                else:
                    first = last = int(text)
                if not (YEAR_MIN <= first <= last <= YEAR_MAX):
                    raise ValueError(text)
                years.extend(range(first, last + 1))
            except ValueError:
                rule = f"year must be a year ({YEAR_MIN}-{YEAR_MAX}) such as 2019 or a range 2019-2021"
                raise BadFilter("year", f"{rule}, not {text!r}") from None

        def bound(name: str) -> int | None:
            given = values(name)
            if not given:
                return None
            if not given[-1].isdigit() or not YEAR_MIN <= int(given[-1]) <= YEAR_MAX:
                raise BadFilter(name, f"{name} must be a year ({YEAR_MIN}-{YEAR_MAX}), not {given[-1]!r}")
            return int(given[-1])

        start, end = bound("start"), bound("end")
        if start is not None and end is not None and start > end:
            raise BadFilter("start", f"start ({start}) must not be after end ({end})")
        return cls(
            years=tuple(sorted(set(years))),
            start=start,
            end=end,
            regions=values("region"),
            routes=values("route"),
            causes=values("cause"),
            origins=values("origin"),
        )

    def row_q(self) -> Q:
        """The filters on one counted row (or one cube cell): its year, region, route and any listed cause."""
        query = Q()
        if self.years:
            query &= Q(year__in=self.years)
        if self.start is not None:
            query &= Q(year__gte=self.start)
        if self.end is not None:
            query &= Q(year__lte=self.end)
        if self.regions:
            query &= Q(region__in=self.regions)
        if self.routes:
            query &= Q(route__in=self.routes)
        if self.causes:
            cause = Q()
            for name in self.causes:
                cause |= Q(causes_key__contains=f"|{name}|")
            query &= cause
        return query

    def origin_q(self, prefix: str = "") -> Q:
        """Country of origin, a property of the whole incident (``prefix`` reaches it from a row)."""
        query = Q()
        for name in self.origins:
            query |= Q(**{f"{prefix}origin_key__contains": f"|{name}|"})
        return query

    def q(self) -> Q:
        """Incidents with at least one row matching every row filter, and of a chosen origin."""
        query = self.origin_q()
        if self.years or self.start is not None or self.end is not None or self.regions or self.routes or self.causes:
            query &= Q(Exists(IncidentRow.objects.filter(self.row_q(), incident=OuterRef("pk"))))
        return query

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links such as the CSV download)."""
        pairs: list[tuple[str, str]] = [("year", str(year)) for year in self.years]
        pairs += [(name, str(value)) for name, value in (("start", self.start), ("end", self.end)) if value is not None]
        pairs += [("region", value) for value in self.regions]
        pairs += [("route", value) for value in self.routes]
        pairs += [("cause", value) for value in self.causes]
        pairs += [("origin", value) for value in self.origins]
        return pairs


def published() -> QuerySet[Incident]:
    return Incident.objects.filter(status=Status.PUBLISHED)


def incidents_public(filters: IncidentFilters) -> QuerySet[Incident]:
    """Published incidents matching the filters, newest first."""
    return published().filter(filters.q()).order_by("-year", "-date", "incident_id")


def public_incident(incident_id: str) -> Incident | None:
    return published().filter(incident_id=incident_id).select_related("country").first()


def published_rows(filters: IncidentFilters) -> QuerySet[IncidentRow]:
    """Counted rows of published incidents matching the filters."""
    published_only = Q(incident__status=Status.PUBLISHED)
    return IncidentRow.objects.filter(filters.row_q(), filters.origin_q("incident__"), published_only)


def split_overcount(rows: QuerySet[Any], group: tuple[str, ...], cell: tuple[str, ...]) -> Counter[tuple[Any, ...]]:
    """How many times summing distinct-per-cell counts counts an incident too often, per group.

    The cube (and the map cells) count an incident once in every cell its rows fall in; summed over a group,
    a split incident whose rows fall in k cells of that group counts k times instead of once. Only split
    incidents can, so this reads their few rows (``position`` > 0 marks one) and returns k − 1 per group
    (keyed by the values of ``group``'s fields).
    """
    split = IncidentRow.objects.filter(position__gt=0).values("incident_id")
    found: dict[tuple[Any, ...], set[tuple[Any, ...]]] = defaultdict(set)
    names = list(dict.fromkeys([*cell, *group]))
    for row in rows.filter(incident_id__in=split).values("incident_id", *names):
        key = tuple(row[name] for name in group)
        found[(*key, row["incident_id"])].add(tuple(row[name] for name in cell))
    over: Counter[tuple[Any, ...]] = Counter()
    for key, cells in found.items():
        over[key[:-1]] += len(cells) - 1
    return over


def totals(filters: IncidentFilters, by: str | None = None) -> list[dict[str, Any]]:
    """``[{"key", "dead", "missing", "total", "incidents"}]`` grouped by one dimension (or one overall row).

    Victims are summed over the counted rows, each under its own year, region, route and (first listed) cause;
    ``incidents`` counts each incident once per group it has a matching row in. Sorted by year for
    ``by=year``, else by total, largest first. Served from the cube unless ``origin`` is filtered (origin is
    multi-valued, so it is not a cube dimension).
    """
    if by is not None and by not in DIMENSIONS:
        raise BadFilter("by", f"by must be one of {', '.join(DIMENSIONS)}")
    over: Counter[tuple[Any, ...]] = Counter()
    if filters.origins:
        source: QuerySet[Any] = published_rows(filters)
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Count("incident_id", distinct=True)}
    else:
        source = IncidentCube.objects.filter(filters.row_q())
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Sum("incidents")}
        over = split_overcount(published_rows(filters), (by,) if by else (), CELL_KEY)
    rows = source.values(by).annotate(**sums).order_by() if by else [source.aggregate(**sums)]
    items = [
        {
            "key": row[by] if by else "all",
            "dead": row["d"] or 0,
            "missing": row["m"] or 0,
            "total": row["t"] or 0,
            "incidents": (row["n"] or 0) - over[(row[by],) if by else ()],
        }
        for row in rows
    ]
    if by == "year":
        items.sort(key=lambda item: item["key"])
    else:
        items.sort(key=lambda item: (-int(item["total"]), str(item["key"])))
    return items


def summary(filters: IncidentFilters) -> dict[str, Any]:
    """One row: dead, missing, total and number of incidents of the filtered set."""
    return totals(filters)[0]


def filter_choices() -> dict[str, list[Any]]:
    """Values offered in the filter form: those present among published incidents."""
    cube = IncidentCube.objects.order_by()
    origins: set[str] = set()
    for names in published().exclude(origin_key="").values_list("origin_countries", flat=True).distinct():
        origins.update(name for name in names if name)
    return {
        "years": sorted(set(cube.values_list("year", flat=True)), reverse=True),
        "regions": sorted(value for value in set(cube.values_list("region", flat=True)) if value),
        "routes": sorted(value for value in set(cube.values_list("route", flat=True)) if value),
        "causes": sorted(value for value in set(cube.values_list("cause", flat=True)) if value),
        "origins": sorted(origins),
    }


def cell_degrees(zoom: int) -> float:
    """Size of one clustering cell: 360° over 32 cells at zoom 0, halving at each zoom level."""
    return 360.0 / (32 * 2**zoom)


def clusters(
    filters: IncidentFilters, *, zoom: int = 0, bbox: tuple[float, float, float, float] | None = None
) -> list[dict[str, Any]]:
    """Published incidents grouped into grid cells (one GROUP BY in the database), for the map.

    The cell at ``zoom`` is the stored finest-zoom cell divided by a power of two: integer arithmetic, which
    both databases do natively. Each item: mean position, incident count, dead, missing, total, and the
    incident id when the cell holds one.
    """
    if zoom <= CELL_ZOOM_MAX and not filters.origins:
        return _clusters_from_cells(filters, zoom=zoom, bbox=bbox)
    factor = 2 ** (GRID_ZOOM - min(zoom, GRID_ZOOM))
    query = published_rows(filters).filter(grid_x__isnull=False)
    if bbox is not None:
        west, south, east, north = bbox
        query = query.filter(latitude__range=(south, north))
        if west <= east:
            query = query.filter(longitude__range=(west, east))
    rows = (
        query.annotate(
            gx=ExpressionWrapper(F("grid_x") / factor, output_field=IntegerField()),
            gy=ExpressionWrapper(F("grid_y") / factor, output_field=IntegerField()),
        )
        .values("gx", "gy")
        .annotate(
            lat=Avg("latitude"),
            lon=Avg("longitude"),
            n=Count("incident_id", distinct=True),
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            first=Min("incident__incident_id"),
        )
        .order_by()
    )
    return [_cluster_item(row, lat=row["lat"], lon=row["lon"]) for row in rows]


def _clusters_from_cells(
    filters: IncidentFilters, *, zoom: int, bbox: tuple[float, float, float, float] | None
) -> list[dict[str, Any]]:
    """The same clusters from the precomputed cells (a box keeps every cell it touches)."""
    query = IncidentCell.objects.filter(filters.row_q(), zoom=zoom)
    rows_query = published_rows(filters).filter(grid_x__isnull=False)
    if bbox is not None:
        west, south, east, north = bbox
        cells = 32 * 2**zoom
        size = 360.0 / cells
        query = query.filter(gy__range=(int((south + 90) // size), int((north + 90) // size)))
        if west <= east:
            query = query.filter(gx__range=(int((west + 180) // size), int((east + 180) // size)))
    rows = (
        query.values("gx", "gy")
        .annotate(
            n=Sum("incidents"),
            r=Sum("rows"),
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            la=Sum("latitude_sum"),
            lo=Sum("longitude_sum"),
            first=Min("first_incident"),
        )
        .order_by()
    )
    # A split incident counts once per stored cell its rows fall in (a stored cell is a zoom-6 cell and the
    # dimensions): count it once per cluster instead.
    finest = 2 ** (GRID_ZOOM - CELL_ZOOM_MAX)
    shift = 2 ** (CELL_ZOOM_MAX - zoom)
    located = rows_query.annotate(
        gx=ExpressionWrapper(F("grid_x") / (finest * shift), output_field=IntegerField()),
        gy=ExpressionWrapper(F("grid_y") / (finest * shift), output_field=IntegerField()),
        fx=ExpressionWrapper(F("grid_x") / finest, output_field=IntegerField()),
        fy=ExpressionWrapper(F("grid_y") / finest, output_field=IntegerField()),
    )
    over = split_overcount(located, ("gx", "gy"), ("fx", "fy", *CELL_KEY))
    items = []
    for row in rows:
        row["n"] -= over[(row["gx"], row["gy"])]
        items.append(_cluster_item(row, lat=row["la"] / row["r"], lon=row["lo"] / row["r"]))
    return items


def _cluster_item(row: Mapping[str, Any], *, lat: float, lon: float) -> dict[str, Any]:
    """One map cluster as the API and the map script read it, from an aggregate row (n, d, m, t, first)."""
    return {
        "lat": round(lat, 4),
        "lon": round(lon, 4),
        "incidents": row["n"],
        "dead": row["d"] or 0,
        "missing": row["m"] or 0,
        "total": row["t"] or 0,
        "id": row["first"] if row["n"] == 1 else None,
    }


#: Fields of the JSON items (one per incident), in order; each item also lists its counted ``rows``.
EXPORT_FIELDS = (
    "incident_id",
    "incident_type",
    "date",
    "date_precision",
    "year",
    "region",
    "country_name",
    "latitude",
    "longitude",
    "coordinates_reliability",
    "place",
    "dead",
    "missing",
    "total",
    "survivors",
    "females",
    "males",
    "children",
    "causes",
    "route",
    "origin_countries",
    "origin_region",
    "origin_presumed",
    "unsd_grouping",
    "information_source",
    "urls",
    "source_quality",
)
LIST_FIELDS = {"causes", "origin_countries", "urls"}
#: What each counted row says for itself (the rest of a row line comes from its incident).
ROW_FIELDS = (
    "date",
    "year",
    "region",
    "country_name",
    "latitude",
    "longitude",
    "place",
    "dead",
    "missing",
    "total",
    "survivors",
    "females",
    "males",
    "children",
    "causes",
    "route",
)
#: Columns of the CSV download and properties of the GeoJSON features: one line per counted row, so a split
#: incident's rows keep their own cause, country, route and counts (``row_id`` is IOM's id of the row).
ROW_EXPORT_FIELDS = ("incident_id", "row_id", *(name for name in EXPORT_FIELDS if name != "incident_id"))


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("date") is not None:
        row["date"] = row["date"].isoformat()
    return row


def rows_by_incident(incident_pks: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Incident pk → its counted rows as plain dicts (own date, place, country, route, causes and counts)."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = IncidentRow.objects.filter(incident_id__in=incident_pks).order_by("incident_id", "position")
    for row in rows.values("incident_id", "source_id", *ROW_FIELDS):
        incident = row.pop("incident_id")
        row["row_id"] = row.pop("source_id")
        found[incident].append(_iso(row))
    return found


def export_rows(filters: IncidentFilters, *, offset: int = 0, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The filtered published incidents as plain dicts (dates as ISO text) with their counted ``rows``."""
    query = incidents_public(filters).values("pk", *EXPORT_FIELDS)
    if limit is not None:
        query = query[offset : offset + limit]
    chunk: list[dict[str, Any]] = []
    for row in query.iterator(chunk_size=2000):
        chunk.append(row)
        if len(chunk) == 2000:
            yield from _with_rows(chunk)
            chunk = []
    yield from _with_rows(chunk)


def _with_rows(chunk: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    rows = rows_by_incident([row["pk"] for row in chunk])
    for row in chunk:
        row["rows"] = rows[row.pop("pk")]
        yield _iso(row)


def export_row_lines(filters: IncidentFilters) -> Iterator[dict[str, Any]]:
    """One dict per counted row matching the filters (:data:`ROW_EXPORT_FIELDS`), streamed in chunks."""
    shared = [name for name in EXPORT_FIELDS if name not in ROW_FIELDS]
    query = (
        published_rows(filters)
        .order_by("-year", "-incident__date", "incident__incident_id", "position")
        .values("source_id", *ROW_FIELDS, *(f"incident__{name}" for name in shared))
    )
    for row in query.iterator(chunk_size=2000):
        line = {name: row[f"incident__{name}"] for name in shared}
        line["row_id"] = row["source_id"]
        line.update((name, row[name]) for name in ROW_FIELDS)
        yield _iso({name: line[name] for name in ROW_EXPORT_FIELDS})


# ------------------------------------------------------------------------------------ the register's version


def register_version() -> Version:
    """Changes whenever public data may have changed: two primary-key maxima, so it costs two index lookups.

    Every change to an incident writes a revision, and every change to published figures rebuilds the cube
    (whose ids only grow), so together they identify the register's state without scanning incidents; the
    last revision's time is the register's Last-Modified.
    """
    revision = IncidentRevision.objects.aggregate(last=Max("id"), at=Max("created_at"))
    cube = IncidentCube.objects.aggregate(last=Max("id"))["last"] or 0
    return Version(tag=f"{revision['last'] or 0}.{cube}", modified=revision["at"])


# ------------------------------------------------------------------------------ the data managers' reads


def incidents_for_managers(*, status: str | None, search: str = "") -> QuerySet[Incident]:
    """Every incident (any status, or one), optionally by part of its id, most recently changed first."""
    incidents = Incident.objects.all()
    if status in Status.values:
        incidents = incidents.filter(status=status)
    if search:
        incidents = incidents.filter(incident_id__icontains=search)
    return incidents.order_by("-updated_at", "-id")


def status_counts() -> dict[str, int]:
    """Status → number of incidents (every status, zero included), in one GROUP BY."""
    counts = dict(Incident.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {value: counts.get(value, 0) for value in Status.values}


def incident_for_managers(pk: int) -> Incident | None:
    """One incident whatever its status (the management pages), with its country."""
    return Incident.objects.select_related("country").filter(pk=pk).first()


def revisions_of(incident: Incident) -> QuerySet[IncidentRevision]:
    """The incident's history, newest first, with who acted."""
    return incident.revisions.select_related("actor").order_by("-created_at", "-id")


def imports_recent(limit: int = 100) -> list[IncidentImport]:
    """The latest imports, newest first (the management page)."""
    return list(IncidentImport.objects.order_by("-imported_at", "-id")[:limit])


def imports_by_export_date() -> QuerySet[IncidentImport]:
    """Every import in the order IOM exported the files (the methodology page)."""
    return IncidentImport.objects.order_by("exported_at")


def incident_id_taken(incident_id: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another incident already has this id."""
    others = Incident.objects.filter(incident_id=incident_id)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def near_incidents(
    *,
    dates: tuple[date, date],
    latitudes: tuple[float, float],
    longitudes: tuple[float, float],
    exclude_pk: int | None = None,
) -> QuerySet[Incident]:
    """Incidents that are not withdrawn, dated and placed inside the given ranges (the duplicate search's box)."""
    candidates = Incident.objects.filter(
        date__range=dates, latitude__range=latitudes, longitude__range=longitudes
    ).exclude(status=Status.WITHDRAWN)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates


# ----------------------------------------------------------------------------- inputs of the derived tables


def all_published_rows() -> QuerySet[IncidentRow]:
    """Every counted row of a published incident (what the cube, the map cells and the 10.7.3 series sum)."""
    return IncidentRow.objects.filter(incident__status=Status.PUBLISHED)


def cube_sums() -> QuerySet[Any]:
    """Published rows summed per cube cell: dead, missing, total and distinct incidents."""
    return (
        all_published_rows()
        .values(*CELL_KEY)
        .annotate(d=Sum("dead"), m=Sum("missing"), t=Sum("total"), n=Count("incident_id", distinct=True))
        .order_by()
    )


def map_cell_sums(zoom: int) -> QuerySet[Any]:
    """Published rows with coordinates summed per map cell of ``zoom`` and cube cell (positions summed too)."""
    factor = 2 ** (GRID_ZOOM - zoom)
    return (
        all_published_rows()
        .filter(grid_x__isnull=False)
        .annotate(
            cx=ExpressionWrapper(F("grid_x") / factor, output_field=IntegerField()),
            cy=ExpressionWrapper(F("grid_y") / factor, output_field=IntegerField()),
        )
        .values("cx", "cy", *CELL_KEY)
        .annotate(
            n=Count("incident_id", distinct=True),
            r=Count("id"),
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            la=Sum("latitude"),
            lo=Sum("longitude"),
            first=Min("incident__incident_id"),
        )
        .order_by()
    )


def totals_by_country_year() -> QuerySet[Any]:
    """Dead + missing of published rows per (country of the row, year): the 10.7.3 series' input."""
    return all_published_rows().values("country_id", "year").annotate(t=Sum("total")).order_by()


def map_cells_built() -> bool:
    return IncidentCell.objects.exists()

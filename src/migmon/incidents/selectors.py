"""Reads of the register for pages, the API and downloads. Public reads only ever see published incidents.

:class:`IncidentFilters` is the one definition of the public filters (years, region, route, cause, country of
origin); the map, the totals panel, the charts, the API and the CSV download all apply it, so they always
describe the same set. Totals come from :class:`IncidentCube` when the filters allow it (everything but
origin), which keeps them fast whatever the number of incidents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, ExpressionWrapper, F, IntegerField, Min, Q, QuerySet, Sum

from migmon.incidents.models import CELL_ZOOM_MAX, GRID_ZOOM, Incident, IncidentCell, IncidentCube, Status

DIMENSIONS = ("year", "region", "route", "cause")


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
    regions: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    origins: tuple[str, ...] = field(default=())

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> IncidentFilters:
        """Read ``year``, ``region``, ``route``, ``cause`` and ``origin`` (each repeatable) from a query dict.

        A year may also be a range ``2019-2021``.
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
        return cls(
            years=tuple(sorted(set(years))),
            regions=values("region"),
            routes=values("route"),
            causes=values("cause"),
            origins=values("origin"),
        )

    def q(self) -> Q:
        query = Q()
        if self.years:
            query &= Q(year__in=self.years)
        if self.regions:
            query &= Q(region__in=self.regions)
        if self.routes:
            query &= Q(route__in=self.routes)
        if self.causes:
            query &= Q(cause__in=self.causes)
        if self.origins:
            origin = Q()
            for name in self.origins:
                origin |= Q(origin_key__contains=f"|{name}|")
            query &= origin
        return query

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links such as the CSV download)."""
        pairs: list[tuple[str, str]] = [("year", str(year)) for year in self.years]
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


def _cube_q(filters: IncidentFilters) -> Q:
    query = Q()
    if filters.years:
        query &= Q(year__in=filters.years)
    if filters.regions:
        query &= Q(region__in=filters.regions)
    if filters.routes:
        query &= Q(route__in=filters.routes)
    if filters.causes:
        query &= Q(cause__in=filters.causes)
    return query


def totals(filters: IncidentFilters, by: str | None = None) -> list[dict[str, Any]]:
    """``[{"key", "dead", "missing", "total", "incidents"}]`` grouped by one dimension (or one overall row).

    Sorted by year for ``by=year``, else by total, largest first. Served from the cube unless ``origin`` is
    filtered (origin is multi-valued, so it is not a cube dimension).
    """
    if by is not None and by not in DIMENSIONS:
        raise BadFilter("by", f"by must be one of {', '.join(DIMENSIONS)}")
    if filters.origins:
        source: QuerySet[Any] = published().filter(filters.q())
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Count("id")}
    else:
        source = IncidentCube.objects.filter(_cube_q(filters))
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Sum("incidents")}
    rows = source.values(by).annotate(**sums).order_by() if by else [source.aggregate(**sums)]
    items = [
        {
            "key": row[by] if by else "all",
            "dead": row["d"] or 0,
            "missing": row["m"] or 0,
            "total": row["t"] or 0,
            "incidents": row["n"] or 0,
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
    query = published().filter(filters.q()).filter(grid_x__isnull=False)
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
            n=Count("id"),
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            first=Min("incident_id"),
        )
        .order_by()
    )
    return [_cluster_item(row, lat=row["lat"], lon=row["lon"]) for row in rows]


def _clusters_from_cells(
    filters: IncidentFilters, *, zoom: int, bbox: tuple[float, float, float, float] | None
) -> list[dict[str, Any]]:
    """The same clusters from the precomputed cells (a box keeps every cell it touches)."""
    query = IncidentCell.objects.filter(_cube_q(filters), zoom=zoom)
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
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            la=Sum("latitude_sum"),
            lo=Sum("longitude_sum"),
            first=Min("first_incident"),
        )
        .order_by()
    )
    return [_cluster_item(row, lat=row["la"] / row["n"], lon=row["lo"] / row["n"]) for row in rows]


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


#: Columns of the CSV download and of the JSON items, in order.
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


def export_rows(filters: IncidentFilters, *, offset: int = 0, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The filtered published incidents as plain dicts (dates as ISO text), streamed in chunks."""
    query = incidents_public(filters).values(*EXPORT_FIELDS)
    if limit is not None:
        query = query[offset : offset + limit]
    for row in query.iterator(chunk_size=2000):
        if row["date"] is not None:
            row["date"] = row["date"].isoformat()
        yield row

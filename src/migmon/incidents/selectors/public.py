"""Public reads: published incidents, their totals (from the cube) and the map's clusters.

Totals come from :class:`~migmon.incidents.models.IncidentCube` when the filters allow it (everything but
origin), which keeps them fast whatever the number of incidents; victims are summed over the counted rows, so
each row of a split incident counts under its own year, region, route and cause.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Avg, Count, ExpressionWrapper, F, IntegerField, Min, Q, QuerySet, Sum

from migmon.incidents.models import (
    CELL_ZOOM_MAX,
    GRID_ZOOM,
    Incident,
    IncidentCell,
    IncidentCube,
    IncidentRow,
    Status,
    key_values,
    listed_key,
)
from migmon.incidents.selectors.filters import CELL_KEY, DIMENSIONS, LISTED_DIMENSIONS, BadFilter, IncidentFilters

LISTED_KEYS = frozenset(LISTED_DIMENSIONS.values())


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


def _group_keys(row: Mapping[str, Any], group: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The groups a row falls in: one per value of each listed field (``regions_key`` lists several)."""
    keys: list[tuple[Any, ...]] = [()]
    for name in group:
        values = key_values(row[name]) if name in LISTED_KEYS else [row[name]]
        keys = [(*key, value) for key in keys for value in values]
    return keys


def split_overcount(rows: QuerySet[Any], group: tuple[str, ...], cell: tuple[str, ...]) -> Counter[tuple[Any, ...]]:
    """How many times summing distinct-per-cell counts counts an incident too often, per group.

    The cube (and the map cells) count an incident once in every cell its rows fall in; summed over a group,
    a split incident whose rows fall in k cells of that group counts k times instead of once. Only split
    incidents can, so this reads their few rows (``position`` > 0 marks one) and returns k − 1 per group
    (keyed by the values of ``group``'s fields; a listed field such as ``regions_key`` by each value it lists).
    """
    split = IncidentRow.objects.filter(position__gt=0).values("incident_id")
    found: dict[tuple[Any, ...], set[tuple[Any, ...]]] = defaultdict(set)
    names = list(dict.fromkeys([*cell, *group]))
    for row in rows.filter(incident_id__in=split).values("incident_id", *names):
        for key in _group_keys(row, group):
            found[(*key, row["incident_id"])].add(tuple(row[name] for name in cell))
    over: Counter[tuple[Any, ...]] = Counter()
    for key, cells in found.items():
        over[key[:-1]] += len(cells) - 1
    return over


def totals(filters: IncidentFilters, by: str | None = None) -> list[dict[str, Any]]:
    """``[{"key", "dead", "missing", "total", "incidents"}]`` grouped by one dimension (or one overall row).

    Victims are summed over the counted rows, each under its own year, region, route and (first listed) cause;
    ``incidents`` counts each incident once per group it has a matching row in. A row listing several regions
    (or routes) counts in full under each of them — IOM does not say how its victims divide — so totals by
    region or route may add up to more than the overall total. Sorted by year for ``by=year``, else by total,
    largest first. Served from the cube unless ``origin`` is filtered (origin is multi-valued, so it is not a
    cube dimension).
    """
    if by is not None and by not in DIMENSIONS:
        raise BadFilter("by", f"by must be one of {', '.join(DIMENSIONS)}")
    column = LISTED_DIMENSIONS.get(by, by) if by else None
    over: Counter[tuple[Any, ...]] = Counter()
    if filters.origins:
        source: QuerySet[Any] = published_rows(filters)
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Count("incident_id", distinct=True)}
    else:
        source = IncidentCube.objects.filter(filters.row_q())
        sums = {"d": Sum("dead"), "m": Sum("missing"), "t": Sum("total"), "n": Sum("incidents")}
        over = split_overcount(published_rows(filters), (column,) if column else (), CELL_KEY)
    if column is None:
        rows: list[dict[str, Any]] = [{"key": "all", **source.aggregate(**sums)}]
    elif filters.origins and column in LISTED_KEYS:
        rows = _listed_distinct(source, column)
    else:
        rows = [{**row, "key": row[column]} for row in source.values(column).annotate(**sums).order_by()]
    grouped: dict[Any, dict[str, Any]] = {}
    for row in rows:
        for (key,) in _group_keys(row, (column,)) if column in LISTED_KEYS else [(row["key"],)]:
            item = grouped.setdefault(key, {"key": key, "dead": 0, "missing": 0, "total": 0, "incidents": 0})
            item["dead"] += row["d"] or 0
            item["missing"] += row["m"] or 0
            item["total"] += row["t"] or 0
            item["incidents"] += row["n"] or 0
    for key, item in grouped.items():
        item["incidents"] -= over[(key,) if column else ()]
    items = list(grouped.values())
    if by == "year":
        items.sort(key=lambda item: item["key"])
    else:
        items.sort(key=lambda item: (-int(item["total"]), str(item["key"])))
    return items


def _listed_distinct(rows: QuerySet[Any], column: str) -> list[dict[str, Any]]:
    """Counted rows summed per listed key, and per listed value its distinct incidents, as items that
    :func:`totals` spreads over the values a key lists (an incident counts once per value)."""
    sums = rows.values(column).annotate(d=Sum("dead"), m=Sum("missing"), t=Sum("total")).order_by()
    items: list[dict[str, Any]] = [{**row, "n": 0} for row in sums]
    incidents: dict[str, set[int]] = defaultdict(set)
    for key, incident in rows.order_by().values_list(column, "incident_id").distinct():  # no ordering in DISTINCT
        for value in key_values(key):
            incidents[value].add(incident)
    items += [
        {column: listed_key([value]), "d": 0, "m": 0, "t": 0, "n": len(found)} for value, found in incidents.items()
    ]
    return items


def summary(filters: IncidentFilters) -> dict[str, Any]:
    """One row: dead, missing, total and number of incidents of the filtered set."""
    return totals(filters)[0]


def origin_recorded(name: str) -> bool:
    """Whether a published incident names ``name`` (IOM's English country name) among its victims' origins,
    so a country profile can lead to the register filtered on it."""
    return bool(name) and incidents_public(IncidentFilters(origins=(name,))).exists()


def filter_choices() -> dict[str, list[Any]]:
    """Values offered in the filter form: those present among published incidents."""
    cube = IncidentCube.objects.order_by()
    origins: set[str] = set()
    for names in published().exclude(origin_key="").order_by().values_list("origin_countries", flat=True).distinct():
        origins.update(name for name in names if name)

    def listed(key: str) -> list[str]:
        values = {value for found in set(cube.values_list(key, flat=True)) for value in key_values(found)}
        return sorted(value for value in values if value)

    return {
        "years": sorted(set(cube.values_list("year", flat=True)), reverse=True),
        "regions": listed("regions_key"),
        "routes": listed("routes_key"),
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

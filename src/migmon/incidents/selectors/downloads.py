"""What the API's JSON pages, CSV and GeoJSON downloads and an incident's detail hold, as plain dicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from migmon.incidents.models import IncidentRow
from migmon.incidents.selectors.filters import IncidentFilters
from migmon.incidents.selectors.public import incidents_public, published_rows

#: Fields of the JSON items (one per incident), in order; each item also lists its counted ``rows``.
EXPORT_FIELDS = (
    "incident_id",
    "incident_type",
    "date",
    "date_precision",
    "year",
    "region",
    "regions",
    "country_name",
    "countries",
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
    "routes",
    "origin_countries",
    "origin_region",
    "origin_presumed",
    "unsd_grouping",
    "information_source",
    "urls",
    "source_quality",
)
LIST_FIELDS = {"causes", "origin_countries", "urls", "regions", "routes", "countries"}
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

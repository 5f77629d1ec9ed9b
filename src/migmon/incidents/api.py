"""/api/v1/incidents: published Missing Migrants incidents, their totals and map clusters (django-ninja router).

Every endpoint takes the same filters as the public pages — ``year`` (repeatable, or a range ``2019-2021``),
``region``, ``route``, ``cause``, ``origin`` (country of origin) — and answers only with published incidents.
Responses carry an ETag derived from the register's state, so repeat calls cost one small query.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any, Literal

import orjson
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Query, Router, Schema

from migmon.core.http_cache import conditional_answer
from migmon.incidents import selectors
from migmon.incidents.selectors import EXPORT_FIELDS, LIST_FIELDS, ROW_EXPORT_FIELDS, BadFilter, IncidentFilters

router = Router(tags=["incidents"])

MAX_PAGE = 5000


class Filters(Schema):
    year: list[str] = []
    region: list[str] = []
    route: list[str] = []
    cause: list[str] = []
    origin: list[str] = []


class TotalItem(Schema):
    key: str | int
    dead: int
    missing: int
    total: int
    incidents: int


class Totals(Schema):
    by: str | None
    items: list[TotalItem]


class Cluster(Schema):
    lat: float
    lon: float
    incidents: int
    dead: int
    missing: int
    total: int
    id: str | None


class Clusters(Schema):
    zoom: int
    cell_degrees: float
    items: list[Cluster]


def _error(message: str, parameter: str | None, status: int = 400) -> HttpResponse:
    body = orjson.dumps({"message": message, "parameter": parameter})
    return HttpResponse(body, status=status, content_type="application/json")


def _filters(request: HttpRequest) -> IncidentFilters:
    return IncidentFilters.from_query(request.GET)


def _cached(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """ETag and Last-Modified on the register's state, 304s per RFC 9110 (:mod:`migmon.core.http_cache`)."""
    try:
        return conditional_answer(request, version=selectors.register_version, render=render, max_age=60)
    except BadFilter as exc:
        return _error(str(exc), exc.parameter)


def _json(data: Any) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), content_type="application/json")


def _csv_cell(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return "; ".join(value or [])
    return "" if value is None else value


def csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The CSV download, one counted row per line (header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROW_EXPORT_FIELDS)
    for row in rows:
        writer.writerow([_csv_cell(name, row[name]) for name in ROW_EXPORT_FIELDS])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def geojson(rows: Iterator[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude")}
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


@router.get("", summary="Published incidents (JSON pages, CSV or GeoJSON of the whole filtered set)")
def incidents_list(
    request: HttpRequest,
    filters: Query[Filters],
    format: Literal["json", "csv", "geojson"] = "json",  # noqa: A002 - the public parameter name
    offset: int = 0,
    limit: int = 1000,
) -> HttpResponse:
    """``format=json`` answers ``{"items": [...], "count", "next"}`` (``offset``/``limit`` ≤ 5000);
    ``csv`` and ``geojson`` return every incident of the filtered set."""
    if limit < 1 or limit > MAX_PAGE:
        return _error(f"limit must be between 1 and {MAX_PAGE}", "limit")
    if offset < 0:
        return _error("offset must be ≥ 0", "offset")

    def render() -> HttpResponse:
        chosen = _filters(request)
        if format == "csv":
            response = StreamingHttpResponse(
                csv_lines(selectors.export_row_lines(chosen)), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="missing-migrants-incidents.csv"'
            return response  # type: ignore[return-value]
        if format == "geojson":
            return HttpResponse(
                orjson.dumps(geojson(selectors.export_row_lines(chosen))), content_type="application/geo+json"
            )
        count = selectors.incidents_public(chosen).count()
        items = list(selectors.export_rows(chosen, offset=offset, limit=limit))
        following = offset + limit
        next_url = None
        if following < count:
            query = request.GET.copy()
            query["offset"] = str(following)
            next_url = f"{request.path}?{query.urlencode()}"
        return _json({"count": count, "items": items, "next": next_url})

    return _cached(request, render)


@router.get("/totals", response=Totals, summary="Dead, missing, total and incidents, grouped by one dimension")
def incidents_totals(
    request: HttpRequest, filters: Query[Filters], by: Literal["year", "region", "route", "cause"] | None = None
) -> HttpResponse:
    """``{"by", "items": [{"key", "dead", "missing", "total", "incidents"}]}``; without ``by``, one item "all"."""
    return _cached(request, lambda: _json({"by": by, "items": selectors.totals(_filters(request), by)}))


@router.get("/clusters", response=Clusters, summary="Incidents grouped into map cells for a zoom level")
def incidents_clusters(
    request: HttpRequest,
    filters: Query[Filters],
    zoom: int = 0,
    west: float | None = None,
    south: float | None = None,
    east: float | None = None,
    north: float | None = None,
) -> HttpResponse:
    """Grid clusters (cells of 11.25° at zoom 0, halving per level, up to 12) inside the optional bounding box.

    Zooms 0–6 without an origin filter are served from precomputed cells (a box keeps every cell it touches);
    deeper zooms group the incidents themselves."""
    if not 0 <= zoom <= 12:
        return _error("zoom must be between 0 and 12", "zoom")
    bounds = (west, south, east, north)
    bbox = None
    if any(value is not None for value in bounds):
        if any(value is None for value in bounds):
            return _error("give all of west, south, east and north, or none", "west")
        bbox = (float(west or 0), float(south or 0), float(east or 0), float(north or 0))

    def render() -> HttpResponse:
        items = selectors.clusters(_filters(request), zoom=zoom, bbox=bbox)
        return _json({"zoom": zoom, "cell_degrees": selectors.cell_degrees(zoom), "items": items})

    return _cached(request, render)


@router.get("/{incident_id}", summary="One published incident")
def incident_detail(request: HttpRequest, incident_id: str) -> HttpResponse:
    incident = selectors.public_incident(incident_id)
    if incident is None:
        return _error(f"no published incident {incident_id!r}", "incident_id", status=404)
    row = {name: getattr(incident, name) for name in EXPORT_FIELDS}
    row["date"] = incident.date.isoformat() if incident.date else None
    row["rows"] = selectors.rows_by_incident([incident.pk])[incident.pk]
    return _json(row)

"""/api/v1/incidents: published Missing Migrants incidents, their totals and map clusters (django-ninja router).

Every endpoint takes the same filters as the public pages — ``year`` (repeatable, or a range ``2019-2021``),
``start``/``end`` (the period, as on the observations), ``region``, ``route``, ``cause``, ``origin`` — and
answers only with published incidents, read through :mod:`migmon.incidents.selectors`. The shared HTTP layer
does the rest: unknown parameters are 400s (:mod:`migmon.core.strict_query`), answers carry an ETag and
Last-Modified from the register's version and repeat calls get 304s (:mod:`migmon.core.http_cache`).
Parameters and answers are described in :mod:`migmon.incidents.api_schemas` for the OpenAPI schema.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any, Literal

import orjson
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Path, Query, Router

from migmon.core import csv_safe
from migmon.core.http_cache import conditional_answer
from migmon.incidents import selectors
from migmon.incidents.api_schemas import ERRORS, Clusters, Error, Filters, Incident, IncidentPage, Totals
from migmon.incidents.selectors import EXPORT_FIELDS, LIST_FIELDS, ROW_EXPORT_FIELDS, BadFilter, IncidentFilters

router = Router(tags=["incidents"])

MAX_PAGE = 5000
#: Past any register (databases refuse an OFFSET beyond 64 bits; SQLite fails with "datatype mismatch").
MAX_OFFSET = 2**31 - 1


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
    writer = csv_safe.writer(buffer)
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


@router.get(
    "",
    response={200: IncidentPage, **ERRORS},
    summary="Published incidents (JSON pages, CSV or GeoJSON of the whole filtered set)",
    description=(
        "`format=json` answers pages of incidents (`offset`/`limit`, at most 5000), each with its counted `rows`. "
        "`format=csv` and `format=geojson` answer the whole filtered set with one line (one feature) per counted "
        "row, so a split incident's rows keep their own cause, country, route and counts; `row_id` is IOM's id "
        "of the row."
    ),
)
def incidents_list(
    request: HttpRequest,
    filters: Query[Filters],
    format: Literal["json", "csv", "geojson"] = Query(  # noqa: A002, B008 - the public name; ninja's marker
        "json", description="json (default, paginated), csv or geojson (the whole filtered set).", examples=["csv"]
    ),
    offset: int = Query(0, description=f"Incidents to skip, 0 to {MAX_OFFSET} (format=json).", examples=[1000]),
    limit: int = Query(1000, description=f"Incidents per page, 1 to {MAX_PAGE} (format=json).", examples=[100]),
) -> HttpResponse:
    if limit < 1 or limit > MAX_PAGE:
        return _error(f"limit must be between 1 and {MAX_PAGE}", "limit")
    if not 0 <= offset <= MAX_OFFSET:
        return _error(f"offset must be between 0 and {MAX_OFFSET}", "offset")

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


@router.get(
    "/totals",
    response={200: Totals, **ERRORS},
    summary="Dead, missing, total and incidents, grouped by one dimension",
    description=(
        "Victims are summed over the counted rows, each under its own year, region, route and (first listed) "
        "cause; `incidents` counts each incident once per group in which it has a matching row. Without `by`, "
        'one item with key "all". A row that lists several regions or routes (IOM merged 2020.MMP00507 into '
        '"Mediterranean,North America") counts in full under each, so items `by=region` or `by=route` can add '
        "up to more than the overall total; `region=` and `route=` match any value a row lists."
    ),
)
def incidents_totals(
    request: HttpRequest,
    filters: Query[Filters],
    by: Literal["year", "region", "route", "cause"] | None = Query(  # noqa: B008 - ninja's parameter marker
        None, description="Group by year, region, route or cause; omit for one overall item.", examples=["region"]
    ),
) -> HttpResponse:
    return _cached(request, lambda: _json({"by": by, "items": selectors.totals(_filters(request), by)}))


@router.get(
    "/clusters",
    response={200: Clusters, **ERRORS},
    summary="Incidents grouped into map cells for a zoom level",
    description=(
        "Grid clusters (cells of 11.25° at zoom 0, halving per level, up to 12) inside the optional bounding box "
        "(give all four of west, south, east and north, in degrees). Each row of a split incident sits where it "
        "says, so an incident found on two shores is in two cells. Zooms 0–6 without an origin filter are "
        "served from precomputed cells (a box keeps every cell it touches); deeper zooms group the rows."
    ),
)
def incidents_clusters(
    request: HttpRequest,
    filters: Query[Filters],
    zoom: int = Query(0, description="Zoom level, 0 (the world) to 12.", examples=[3]),
    west: float | None = Query(None, description="Western edge of the box, degrees east.", examples=[-10.0]),
    south: float | None = Query(None, description="Southern edge of the box, degrees north.", examples=[30.0]),
    east: float | None = Query(None, description="Eastern edge of the box, degrees east.", examples=[40.0]),
    north: float | None = Query(None, description="Northern edge of the box, degrees north.", examples=[46.0]),
) -> HttpResponse:
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


@router.get(
    "/{incident_id}",
    response={200: Incident, 404: Error, **ERRORS},
    summary="One published incident, with its counted rows",
)
def incident_detail(
    request: HttpRequest,
    incident_id: str = Path(..., description="IOM's incident id.", examples=["2025.MMP0956"]),  # noqa: B008
) -> HttpResponse:

    def render() -> HttpResponse:
        incident = selectors.public_incident(incident_id)
        if incident is None:
            return _error(f"no published incident {incident_id!r}", "incident_id", status=404)
        row = {name: getattr(incident, name) for name in EXPORT_FIELDS}
        row["date"] = incident.date.isoformat() if incident.date else None
        row["rows"] = selectors.rows_by_incident([incident.pk])[incident.pk]
        return _json(row)

    return _cached(request, render)

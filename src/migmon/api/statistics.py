"""The statistics store over HTTP: framework, areas, releases and observations (/api/v1).

Views are thin: they validate parameters, call :mod:`migmon.api.selectors` (observations: the domain's one
query object) and hand the rows to :func:`migmon.api.caching.cached_response`, which answers 304s and keeps
rendered bodies per data version. The domain's ``QueryError`` becomes a 400 naming the parameter
(:mod:`migmon.api.core`).
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from pydantic import Field

from migmon.api import schemas, selectors
from migmon.api.caching import cached_response
from migmon.api.errors import ApiError
from migmon.api.rendering import csv_response, json_response, observations_csv
from migmon.core.strict_query import accepts_dynamic_names
from migmon.geo.models import Area, AreaKind
from migmon.indicators.exporters import SdmxCsvExporter, SdmxMlExporter, exporter_for
from migmon.indicators.models import GcmLink, GcmObjective, Indicator, Series, Target
from migmon.indicators.sdmx import SdmxRefused

router = Router()

ERRORS: dict[int, type] = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
OBSERVATION_PARAMETERS = {"series", "area", "start", "end", "release", "reporting_type", "cursor", "limit", "format"}
#: Formats written by the domain's exporters (the SDMX ones, against the global SDG DSD).
EXPORTED_FORMATS = ("sdmx-ml", "sdmx-csv")
SDMX_ML_TYPE = SdmxMlExporter.media_type
SDMX_CSV_TYPE = SdmxCsvExporter.media_type


def one(rows: list, what: str, parameter: str) -> HttpResponse:
    if not rows:
        raise ApiError(f"No {what} with this {parameter}.", parameter=parameter, status=404)
    return json_response(rows[0])


@router.get("/goals", response={200: list[schemas.Goal], **ERRORS}, tags=["framework"], summary="The 17 SDGs")
def list_goals(request: HttpRequest) -> HttpResponse:
    return cached_response(request, lambda: json_response(selectors.goals()), tables=(Target,))


@router.get("/targets", response={200: list[schemas.Target], **ERRORS}, tags=["framework"], summary="SDG targets")
def list_targets(request: HttpRequest, goal: int | None = None) -> HttpResponse:
    return cached_response(request, lambda: json_response(selectors.targets(goal=goal)), tables=(Target,))


@router.get("/targets/{code}", response={200: schemas.Target, **ERRORS}, tags=["framework"], summary="One target")
def get_target(request: HttpRequest, code: str) -> HttpResponse:
    return cached_response(request, lambda: one(selectors.targets(code=code), "target", "code"), tables=(Target,))


@router.get(
    "/indicators", response={200: list[schemas.Indicator], **ERRORS}, tags=["framework"], summary="SDG indicators"
)
def list_indicators(
    request: HttpRequest, target: str | None = None, migration_relevant: bool | None = None
) -> HttpResponse:
    return cached_response(
        request,
        lambda: json_response(selectors.indicators(target=target, migration_relevant=migration_relevant)),
        tables=(Indicator,),
    )


@router.get(
    "/indicators/{code}", response={200: schemas.Indicator, **ERRORS}, tags=["framework"], summary="One indicator"
)
def get_indicator(request: HttpRequest, code: str) -> HttpResponse:
    return cached_response(
        request, lambda: one(selectors.indicators(code=code), "indicator", "code"), tables=(Indicator,)
    )


@router.get("/series", response={200: list[schemas.Series], **ERRORS}, tags=["framework"], summary="Series")
def list_series(request: HttpRequest, indicator: str | None = None, with_data: bool = False) -> HttpResponse:
    return cached_response(
        request,
        lambda: json_response(selectors.series_list(indicator=indicator, with_data=with_data)),
        tables=(Series,),
    )


@router.get("/series/{code}", response={200: schemas.Series, **ERRORS}, tags=["framework"], summary="One series")
def get_series(request: HttpRequest, code: str) -> HttpResponse:
    return cached_response(request, lambda: one(selectors.series_list(code=code), "series", "code"), tables=(Series,))


@router.get(
    "/gcm-objectives",
    response={200: list[schemas.GcmObjective], **ERRORS},
    tags=["framework"],
    summary="The 23 objectives of the Global Compact for Migration",
)
def list_gcm_objectives(request: HttpRequest) -> HttpResponse:
    return cached_response(request, lambda: json_response(selectors.gcm_objectives()), tables=(GcmObjective, GcmLink))


@router.get(
    "/gcm-objectives/{number}",
    response={200: schemas.GcmObjective, **ERRORS},
    tags=["framework"],
    summary="One GCM objective",
)
def get_gcm_objective(request: HttpRequest, number: int) -> HttpResponse:
    return cached_response(
        request,
        lambda: one(selectors.gcm_objectives(number=number), "GCM objective", "number"),
        tables=(GcmObjective, GcmLink),
    )


@router.get("/areas", response={200: list[schemas.Area], **ERRORS}, tags=["geography"], summary="Areas (UN M49)")
def list_areas(request: HttpRequest, kind: AreaKind | None = None) -> HttpResponse:
    return cached_response(request, lambda: json_response(selectors.areas(kind=kind)), tables=(Area,))


@router.get(
    "/areas/{code}",
    response={200: schemas.Area, **ERRORS},
    tags=["geography"],
    summary="One area, by any code (M49 434, ISO LBY or LY) or name (Libya)",
)
def get_area(request: HttpRequest, code: str) -> HttpResponse:
    return cached_response(request, lambda: one(selectors.areas(code=code), "area", "code"), tables=(Area,))


@router.get("/releases", response={200: list[schemas.Release], **ERRORS}, tags=["provenance"], summary="Releases")
def list_releases(request: HttpRequest) -> HttpResponse:
    return cached_response(request, lambda: json_response(selectors.releases()))


@router.get("/releases/{release_id}", response={200: schemas.Release, **ERRORS}, tags=["provenance"])
def get_release(request: HttpRequest, release_id: int) -> HttpResponse:
    return cached_response(request, lambda: one(selectors.releases(release_id=release_id), "release", "release_id"))


class ObservationParams(schemas.Schema):
    series: str | None = Field(None, description="Series code, e.g. SM_DTH_MIGR (see /series).")
    area: list[str] = Field(
        default_factory=list,
        description="M49 numeric code (434), ISO alpha-3 (LBY) or alpha-2 (LY), or a name in English, French or "
        "Spanish (Libya); repeat for several areas.",
    )
    start: int | None = Field(None, description="First year (inclusive).", ge=0, le=9999)
    end: int | None = Field(None, description="Last year (inclusive).", ge=0, le=9999)
    release: int | None = Field(None, description="Only the values this release set (see /releases).", ge=1)
    reporting_type: list[schemas.ReportingTypeCode] = Field(
        default_factory=list,
        description="Who reported the values: G global (UN Global SDG Database, UN DESA, IOM), N national, "
        "R regional; repeat for several. Without it, every reporting type: a country's national value and the "
        "UN's global value for the same key are two items.",
    )
    cursor: str | None = Field(None, description="The `next` value of the previous page.")
    limit: int = Field(selectors.DEFAULT_LIMIT, ge=1, le=selectors.MAX_LIMIT, description="Items per page.")
    format: Literal["json", "csv", "sdmx-ml", "sdmx-csv"] = Field(
        "json",
        description="json (default), csv, or the page against the global SDG DSD IAEG-SDGs:SDG(1.14): sdmx-ml "
        "(SDMX-ML 2.1 StructureSpecificData, " + SDMX_ML_TYPE + ") or sdmx-csv (SDMX-CSV 2.0). The SDMX formats "
        "refuse (400) a page holding 10.c.1 corridor values, which the DSD has no dimension for (add "
        "counterpart_area=_T), and SDMX-ML refuses series outside the DSD's CL_SERIES (UN DESA's).",
    )


@router.get(
    "/observations",
    response={200: schemas.ObservationPage, **ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ObservationPage"}},
                    "text/csv": {"schema": {"type": "string"}},
                    SDMX_ML_TYPE: {"schema": {"type": "string", "format": "binary"}},
                    SDMX_CSV_TYPE: {"schema": {"type": "string"}},
                }
            }
        }
    },
    tags=["observations"],
    summary="Observations, filtered and paginated",
    description=(
        "Filter by `series`, `area` (repeatable), `start`/`end` years and any dimension by its name in lower "
        "case, e.g. `sex=F`, `age=Y15T24`, `counterpart_area=FRA` (repeat a dimension to accept several codes; "
        "`_T` selects totals), and `reporting_type` (G global, N national, R regional; without it, both a "
        "country's national value and the UN's global value for the same key). Pages follow the `next` cursor. "
        "`format=csv` answers the same page as CSV, with "
        'the next page in a `Link: <…>; rel="next"` header. Responses carry ETag/Last-Modified: send them back '
        "(If-None-Match / If-Modified-Since) to get a 304."
    ),
)
@accepts_dynamic_names(selectors.is_dimension_name, described_as="dimension names (sex, age, counterpart_area…)")
def list_observations(request: HttpRequest, params: Query[ObservationParams]) -> HttpResponse:
    dimensions = {name: request.GET.getlist(name) for name in request.GET if name not in OBSERVATION_PARAMETERS}
    query = selectors.ObservationQuery(
        series=[params.series] if params.series else [],
        areas=params.area,
        start=params.start,
        end=params.end,
        dimensions=dimensions,
        release=params.release,
        reporting_types=list(params.reporting_type),
    )

    def render() -> HttpResponse:
        if params.format in EXPORTED_FORMATS:
            selected, next_cursor = selectors.page_observations(query, cursor=params.cursor, limit=params.limit)
            try:
                exported = exporter_for(params.format)(selected, name=params.series or "observations").render()
            except SdmxRefused as refused:
                raise ApiError(str(refused), parameter="format") from None
            response = HttpResponse(exported.read(), content_type=exported.media_type)
            response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        else:
            items, next_cursor = selectors.observation_page(query, cursor=params.cursor, limit=params.limit)
            if params.format != "csv":
                return json_response({"items": items, "next": next_cursor})
            response = csv_response(observations_csv(items), filename=f"{params.series or 'observations'}.csv")
        if next_cursor:
            nxt = request.GET.copy()
            nxt["cursor"] = next_cursor
            response["Link"] = f'<{request.path}?{nxt.urlencode()}>; rel="next"'
        return response

    return cached_response(request, render)

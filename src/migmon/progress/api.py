"""/api/v1/progress: progress toward 2030 per area and series, or rolled up to indicator, target, goal or GCM objective.

``level=series`` (default) answers one row per assessed unit — a series, or one disaggregation of it such as a
10.7.2 policy domain, or the 10.c corridor measure — with every component of both methods. A region answers its
own series where the data has them (``basis=own_series``) and the unweighted mean of its countries
(``basis=country_mean``). Higher levels answer one row per area and framework entry. Answers follow the data
version and the target register, with ETag/304 like the rest of the API; ``format=csv`` gives the same rows.
"""

from __future__ import annotations

from typing import Any, Literal

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from migmon.core.http_cache import Version, conditional_answer
from migmon.geo.selectors import area_by_code
from migmon.indicators.framework_selectors import indicator_by_code
from migmon.indicators.selectors import data_version
from migmon.progress import answers, selectors

router = Router(tags=["progress"])


class BadQuery(Exception):  # noqa: N818 - reads as what the client sent
    """A parameter the answer cannot be built from: answered as ``{"message", "parameter"}`` with ``status``."""

    def __init__(self, message: str, *, parameter: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.parameter, self.status = message, parameter, status


def json_answer(data: Any, *, status: int = 200) -> HttpResponse:
    body = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    return HttpResponse(body, status=status, content_type="application/json")


def csv_answer(text: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


Level = Literal["series", "indicator", "target", "goal", "gcm"]
Method = Literal["both", "open_sdg", "anticipated"]


class ProgressParams(Schema):
    area: list[str] = Field(
        default_factory=list, description="M49 numeric code (051) or ISO alpha-3 (ARM); repeat for several areas."
    )
    indicator: str | None = Field(None, description="Indicator code, e.g. 10.c.1: its series, or its roll-up.")
    series: str | None = Field(None, description="Series code, e.g. SI_RMT_COST (level=series only).")
    method: Method = Field("both", description="open_sdg, anticipated, or both (default).")
    level: Level = Field("series", description="series (default), indicator, target, goal or gcm.")
    format: Literal["json", "csv"] = Field("json", description="json (default) or csv.")


class Assessment(Schema):
    status: str = Field(
        description="target_achieved, substantial_progress, moderate_progress, limited_progress, deterioration "
        "(Open SDG); on_track, accelerate, regressing (anticipated); not_available."
    )
    score: float | None = Field(None, description="Open SDG score, −5 … 5.")
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target_value: float | None = None
    target_year: int | None = None
    direction: str | None = None
    limit: float | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = Field(None, description="R with a target; the direction-signed growth P without.")
    limit_factor: float | None = None
    projected_value: float | None = Field(None, description="Anticipated: weighted trend's value in the target year.")
    gap: float | None = Field(None, description="Anticipated: (TV − Î) / (TV − I₀).")
    points: int | None = None
    worsening: bool | None = Field(None, description="The observed trend goes the wrong way.")
    warnings: list[str] | None = None
    members: int | None = Field(None, description="Roll-ups: how many members had a status.")
    counts: dict[str, int] | None = Field(None, description="Roll-ups: members per status.")


class ProgressRow(Schema):
    area: str
    area_name: str
    area_kind: str
    series: str | None = None
    disaggregation: str | None = None
    measure: str | None = None
    basis: str | None = Field(None, description="own_series, or country_mean for a region's mean of its countries.")
    countries: int | None = None
    level: str | None = None
    code: str | None = None
    open_sdg: Assessment | None = None
    anticipated: Assessment | None = None
    corridors: list[dict[str, int]] | None = Field(None, description="10.c: per year, corridors priced and above 5 %.")


class ProgressAnswer(Schema):
    level: str
    method: str
    version: str
    items: list[ProgressRow]


class Error(Schema):
    message: str
    parameter: str | None


def _area_ids(codes: list[str]) -> list[int] | None:
    if not codes:
        return None
    ids = []
    for code in codes:
        area = area_by_code(code)
        if area is None:
            raise BadQuery(f"No area with code {code!r}.", parameter="area")
        ids.append(area.pk)
    return ids


def _indicator_code(code: str | None) -> str | None:
    if code is None:
        return None
    indicator = indicator_by_code(code)
    if indicator is None:
        raise BadQuery(f"No indicator {code!r}.", parameter="indicator")
    return indicator.code


def progress_rows(params: ProgressParams) -> list[dict[str, Any]]:
    """The rows of one answer (also used by the CSV)."""
    if params.series is not None and params.level != "series":
        raise BadQuery("series applies to level=series only.", parameter="series")
    table = selectors.progress_table()
    area_ids = _area_ids(params.area)
    indicator = _indicator_code(params.indicator)
    methods = answers.METHODS if params.method == "both" else (params.method,)
    if params.level == "series":
        return _series_rows(table, area_ids, indicator, params.series, methods)
    return _level_rows(table, area_ids, indicator, params.level, methods)


def _series_rows(table, area_ids, indicator, series, methods) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    wanted = {series} if series else None
    if indicator is not None:
        of_indicator = {s for s, codes in table.framework.series_indicators.items() if indicator in codes}
        wanted = of_indicator if wanted is None else wanted & of_indicator
    rows = []
    for (area_id, key), progress in sorted(table.results.items(), key=lambda item: (item[0][0], item[0][1])):
        if (area_ids is None or area_id in area_ids) and (wanted is None or key[0] in wanted):
            rows.append(answers.unit_row(progress, table.areas.get(area_id), methods))
    for (area_id, key), mean in sorted(table.region_means.items(), key=lambda item: (item[0][0], item[0][1])):
        if (area_ids is None or area_id in area_ids) and (wanted is None or key[0] in wanted):
            rows.append(answers.region_row(mean, table.areas.get(area_id), methods))
    return rows


def _level_rows(table, area_ids, indicator, level, methods) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    codes = None
    if indicator is not None:
        framework = table.framework
        targets = set(framework.indicator_targets.get(indicator, ()))
        codes = {
            "indicator": {indicator},
            "target": targets,
            "goal": {framework.target_goal[t] for t in targets if t in framework.target_goal},
            "gcm": {o for o, ts in framework.gcm_targets.items() if targets & set(ts)},
        }[level]
    ids = area_ids if area_ids is not None else sorted(set(table.by_area) | set(table.means_by_area))
    rows = []
    for area_id in ids:
        for code, status in sorted(selectors.levels_for(area_id, table=table)[level].items()):
            if codes is None or code in codes:
                rows.append(answers.level_row(level, status, table.areas.get(area_id), area_id, methods))
    return rows


def progress_version() -> Version:
    """The data version and the register's state: an edited target changes the answers."""
    current = data_version()
    return Version(tag=f"{current.tag}:{selectors.register_version()}", modified=current.modified)


@router.get(
    "",
    response={200: ProgressAnswer, 400: Error, 429: Error},
    summary="Progress toward the 2030 targets, by both methods",
    description=(
        "Open SDG's progress measure (score −5 … 5 from compound annual growth against the target or desired "
        "direction) and anticipated progress (ESCAP/UNECE: time-weighted trend projected to the target year), "
        "with every component. Filter by `area` (repeatable), `indicator` and `series`; choose `method` and "
        "`level` (series, indicator, target, goal, gcm). Regions answer their own series and the unweighted "
        "mean of their countries, labelled by `basis`. `format=csv` gives the same rows as CSV."
    ),
)
def progress(request: HttpRequest, params: Query[ProgressParams]) -> HttpResponse:
    def render() -> HttpResponse:
        try:
            rows = progress_rows(params)
        except BadQuery as error:
            return json_answer({"message": error.message, "parameter": error.parameter}, status=error.status)
        if params.format == "csv":
            return csv_answer(answers.rows_csv(rows), filename=f"progress-{params.level}.csv")
        table = selectors.progress_table()
        return json_answer({"level": params.level, "method": params.method, "version": table.version, "items": rows})

    return conditional_answer(request, version=progress_version, render=render, max_age=settings.MIGMON_API_MAX_AGE)

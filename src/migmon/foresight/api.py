"""/api/v1/scenarios: published scenario sets, their scenarios, drivers and signposts with states and history.

Texts come in the three languages (``{"fr": …, "en": …, "es": …}``). A signpost answers its rule, and per
subject (an area's code, or ``group`` for a count or share) its current state with the years it checked; one
signpost's answer adds its history by year and by release. Parameters are declared, so an unknown one is a 400;
answers carry an ETag and Last-Modified from the data version and the workspace's edits (304 on a match).
"""

from __future__ import annotations

from typing import Any, Literal

import orjson
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from migmon.core.http_cache import Version, conditional_answer
from migmon.foresight import selectors
from migmon.foresight.models import Driver, Scenario, ScenarioSet, Signpost
from migmon.foresight.projection import project
from migmon.foresight.selectors import SignpostState
from migmon.indicators.selectors import data_version

router = Router(tags=["scenarios"])

LANGUAGES = ("fr", "en", "es")
StateName = Literal["on", "off", "insufficient"]


class Error(Schema):
    message: str
    parameter: str | None


class Texts(Schema):
    fr: str
    en: str
    es: str


class ScenarioOut(Schema):
    slug: str
    name: Texts
    premise: Texts
    narrative: Texts = Field(description="Rich text (HTML) written by editors; empty until written.")
    pole_x: str
    pole_y: str
    assumptions: list[dict[str, Any]] = Field(description="statement (Texts), load_bearing, vulnerable.")


class SetSummary(Schema):
    slug: str
    title: Texts
    focal_question: Texts
    notice: Texts = Field(description="The set's reading notice: scenarios are not forecasts.")
    horizon_year: int
    method: str = Field(description="independent_teams, two_axes or three_horizons.")
    period: str
    partners: list[str]
    publication_url: str | None
    scenario_count: int


class CheckOut(Schema):
    year: int
    holds: bool | None = Field(description="null when the data cannot say (a missing year).")


class StateOut(Schema):
    subject: str = Field(description="The area's code, or 'group' for a count or share.")
    state: StateName
    reason: str = Field(description="held, broke, gap, no_data or too_few_points.")
    year: int | None
    value: float | None
    points: int
    checks: list[CheckOut]


class SignpostOut(Schema):
    id: int
    scenario: str
    assumption: int | None
    statement: Texts
    direction: str = Field(description="toward or away (from the scenario).")
    series: str
    areas: list[str]
    region: str | None
    dimensions: str
    rule: dict[str, Any] = Field(
        description="aggregate, window, cut, comparator, threshold, persistence, min_points (see the docs)."
    )
    states: list[StateOut]


class DriverOut(Schema):
    name: Texts
    description: Texts
    category: str = Field(description="STEEP-V: social, technological, economic, environmental, political, values.")
    impact: int | None
    uncertainty: int | None
    evidence_links: list[str]
    series: list[str]
    gcm_objectives: list[int]


class SetOut(SetSummary):
    scenarios: list[ScenarioOut]
    drivers: list[DriverOut]
    signposts: list[SignpostOut]


class SetList(Schema):
    count: int
    items: list[SetSummary]


class HistoryYear(Schema):
    year: int | None
    state: StateName
    value: float | None


class HistoryRelease(Schema):
    recorded_at: str
    release: int | None
    state: StateName
    year: int | None
    value: float | None


class ProjectionOut(Schema):
    method: str = Field(description="time_weighted_linear_trend: weighted least squares, recent years weigh more.")
    horizon: int
    points: int = Field(description="Yearly figures the trend is fitted on.")
    refused: str | None = Field(description="too_few_points when the figures are fewer than the method needs.")
    bounded_at_zero: bool = Field(description="The series never fell below zero: trend and interval cut at zero.")
    years: list[dict[str, float]] = Field(description="year, value, low, high (95 % prediction interval).")


class SignpostDetail(SignpostOut):
    history_by_year: dict[str, list[HistoryYear]]
    history_by_release: dict[str, list[HistoryRelease]]
    projection: dict[str, ProjectionOut] = Field(description="Per subject: the trend to the set's horizon year.")


ERRORS: dict[int, type] = {400: Error, 404: Error, 429: Error}


def scenarios_version() -> Version:
    """The data version and the latest edit of a set, scenario, driver or signpost."""
    data = data_version()
    edits = [
        model.objects.aggregate(n=Max("pk"), at=Max("updated_at"))
        for model in (ScenarioSet, Scenario, Driver, Signpost)
    ]
    stamp = ".".join(f"{e['n'] or 0}-{e['at'].timestamp() if e['at'] else 0}" for e in edits)
    modified = max([data.modified, *(e["at"] for e in edits if e["at"])])
    return Version(tag=f"{data.tag}:{stamp}", modified=modified)


def json_response(data: Any, *, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


def _texts(obj: object, name: str) -> dict[str, str]:
    return {code: str(getattr(obj, f"{name}_{code}", "") or "") for code in LANGUAGES}


def _summary(item: ScenarioSet) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "title": _texts(item, "title"),
        "focal_question": _texts(item, "focal_question"),
        "notice": _texts(item, "notice"),
        "horizon_year": item.horizon_year,
        "method": item.method,
        "period": item.period,
        "partners": item.partner_list,
        "publication_url": item.publication_url or None,
        "scenario_count": item.scenarios.count(),
    }


def _scenario(item: Scenario) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "name": _texts(item, "name"),
        "premise": _texts(item, "premise"),
        "narrative": _texts(item, "narrative"),
        "pole_x": item.pole_x,
        "pole_y": item.pole_y,
        "assumptions": [
            {
                "id": a.pk,
                "statement": _texts(a, "statement"),
                "load_bearing": a.load_bearing,
                "vulnerable": a.vulnerable,
            }
            for a in item.assumptions.all()
        ],
    }


def _driver(item: Driver) -> dict[str, Any]:
    return {
        "name": _texts(item, "name"),
        "description": _texts(item, "description"),
        "category": item.category,
        "impact": item.impact,
        "uncertainty": item.uncertainty,
        "evidence_links": item.links,
        "series": [s.code for s in item.series.all()],
        "gcm_objectives": [o.number for o in item.gcm_objectives.all()],
    }


def _state(found: SignpostState) -> dict[str, Any]:
    e = found.evaluation
    return {
        "subject": found.subject.code,
        "state": e.state,
        "reason": e.reason,
        "year": e.year,
        "value": e.value,
        "points": e.points,
        "checks": [{"year": c.year, "holds": c.holds} for c in e.checks],
    }


def _signpost(item: Signpost, found: list[SignpostState]) -> dict[str, Any]:
    return {
        "id": item.pk,
        "scenario": item.scenario.slug,
        "assumption": item.assumption_id,
        "statement": _texts(item, "statement"),
        "direction": item.direction,
        "series": item.series.code,
        "areas": [a.code for a in item.areas.all()],
        "region": item.region.code if item.region else None,
        "dimensions": item.dimensions,
        "rule": {
            "aggregate": item.aggregate,
            "window": item.window,
            "cut": item.cut,
            "comparator": item.comparator,
            "threshold": item.threshold,
            "persistence": item.persistence,
            "min_points": item.min_points,
        },
        "states": [_state(s) for s in found if s.signpost.pk == item.pk],
    }


def _projection(found: SignpostState, horizon: int) -> dict[str, Any]:
    result = project(found.evaluation.values, horizon=horizon)
    return {
        "method": result.method,
        "horizon": result.horizon,
        "points": result.points,
        "refused": result.refused,
        "bounded_at_zero": result.bounded_at_zero,
        "years": [{"year": y.year, "value": y.value, "low": y.low, "high": y.high} for y in result.years],
    }


def _not_found(request: HttpRequest, message: str, parameter: str) -> HttpResponse:
    request.urlconf = "migmon.api.root_urls"  # type: ignore[attr-defined]
    return json_response({"message": message, "parameter": parameter}, status=404)


def _answer(request: HttpRequest, render: Any) -> HttpResponse:
    return conditional_answer(  # type: ignore[return-value]
        request, version=scenarios_version, render=render, max_age=settings.MIGMON_API_MAX_AGE
    )


@router.get(
    "",
    response={200: SetList, **ERRORS},
    summary="Published scenario sets",
    description="Each set's title, focal question, reading notice (not a forecast), horizon, method and partners.",
)
def sets_list(request: HttpRequest) -> HttpResponse:
    def render() -> HttpResponse:
        items = [_summary(item) for item in selectors.scenario_sets()]
        return json_response({"count": len(items), "items": items})

    return _answer(request, render)


@router.get(
    "/{slug}",
    response={200: SetOut, **ERRORS},
    summary="One scenario set with its scenarios, drivers and signposts (current states)",
)
def set_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def render() -> HttpResponse:
        item = selectors.scenario_set(slug)
        if item is None:
            return _not_found(request, f"No published scenario set {slug!r}.", "slug")
        items = list(selectors.signposts(scenario_set=item))
        found = selectors.states(items)
        answer = _summary(item) | {
            "scenarios": [_scenario(s) for s in item.scenarios.all()],
            "drivers": [_driver(d) for d in item.drivers.all()],
            "signposts": [_signpost(s, found) for s in items],
        }
        return json_response(answer)

    return _answer(request, render)


@router.get(
    "/{slug}/signposts/{signpost_id}",
    response={200: SignpostDetail, **ERRORS},
    summary="One signpost with its states, history by year and history by release",
)
def signpost_detail(request: HttpRequest, slug: str, signpost_id: int) -> HttpResponse:
    def render() -> HttpResponse:
        item = selectors.signpost(signpost_id)
        if item is None or item.scenario.scenario_set.slug != slug:
            return _not_found(request, f"No published signpost {signpost_id} in set {slug!r}.", "signpost_id")
        found = selectors.states([item])
        answer = _signpost(item, found)
        answer["history_by_year"] = {
            s.subject.code: [
                {"year": e.year, "state": e.state, "value": e.value}
                for e in selectors.year_history(item, s.subject.code)
            ]
            for s in found
        }
        answer["history_by_release"] = {
            s.subject.code: [
                {
                    "recorded_at": r.recorded_at.isoformat(),
                    "release": r.release_id,
                    "state": r.state,
                    "year": r.year,
                    "value": r.value,
                }
                for r in selectors.release_history(item, s.subject.code)
            ]
            for s in found
        }
        answer["projection"] = {s.subject.code: _projection(s, item.scenario.scenario_set.horizon_year) for s in found}
        return json_response(answer)

    return _answer(request, render)

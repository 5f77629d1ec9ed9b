"""/api/v1/pledges and /api/v1/reviews: published pledges and GCM reviews (django-ninja router).

Filters are declared parameters, so an unknown one is a 400 (the API's strict-query layer). Answers carry an
ETag and Last-Modified from the follow-up's state (:func:`follow_up_version`), so repeat calls cost two index
lookups or a 304. JSON answers say the licence (CC BY 4.0); CSV answers say it in a ``Link`` header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import orjson
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from migmon.core.http_cache import Version, conditional_answer
from migmon.gcm import exports, selectors
from migmon.gcm.choices import PledgeStatus, PledgeType, ReviewKind
from migmon.gcm.models import Pledge, WorkflowEvent
from migmon.geo.selectors import area_by_code

router = Router(tags=["gcm follow-up"])


class Error(Schema):
    message: str
    parameter: str | None


class PledgeUpdateOut(Schema):
    date: str
    status_before: str
    status: str
    narrative: str
    evidence: str


class PledgeOut(Schema):
    public_id: str = Field(examples=["P-2026-0001"])
    title: str
    text: str
    pledge_type: str
    matched_pledge: str | None = Field(description="public_id of the pledge a matching pledge matches.")
    forms: list[str]
    objectives: list[int] = Field(description="GCM objectives (1–23).")
    guiding_principles: list[str]
    level: str
    pledging_states: list[str] = Field(description="ISO alpha-3 (countries) or M49 (regions).")
    stakeholders: list[str]
    partners: list[str]
    areas: list[str]
    start: str
    end: str
    metric: str
    status: str
    updates: list[PledgeUpdateOut]
    has_attachment: bool
    published_at: str | None


class PledgeList(Schema):
    licence: str
    licence_url: str
    notice: str
    count: int
    items: list[PledgeOut]


class ReviewOut(Schema):
    area: str
    area_name: str
    year: int
    kind: str
    title: str
    document_url: str | None
    has_document: bool
    objectives: list[int]
    published_at: str | None


class ReviewList(Schema):
    licence: str
    licence_url: str
    notice: str
    count: int
    items: list[ReviewOut]


AREA_HELP = "ISO alpha-3, ISO alpha-2 or M49 code; a region includes its countries."
ERRORS: dict[int, type] = {400: Error, 404: Error, 429: Error}


def follow_up_version() -> Version:
    """Every write of the follow-up writes a workflow event, so the last event identifies the public state."""
    last = WorkflowEvent.objects.aggregate(last=Max("id"), at=Max("created_at"))
    return Version(tag=f"gcm.{last['last'] or 0}", modified=last["at"])


def _cached(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    return conditional_answer(request, version=follow_up_version, render=render, max_age=settings.MIGMON_API_MAX_AGE)  # type: ignore[return-value]


def _json(data: object, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


def _error(request: HttpRequest, message: str, parameter: str | None, status: int = 400) -> HttpResponse:
    """A JSON error; a 404 is answered under the API's URL configuration so that the language middleware never
    redirects it into ``/fr/…`` (the URL configuration is named as text: the app does not import the API)."""
    if status == 404:
        request.urlconf = "migmon.api.root_urls"  # type: ignore[attr-defined]
    return _json({"message": message, "parameter": parameter}, status=status)


@router.get(
    "/pledges",
    response={200: PledgeList, **ERRORS},
    summary="Published pledges toward the GCM objectives (JSON, or CSV with format=csv)",
)
def pledges_list(
    request: HttpRequest,
    status: PledgeStatus | None = None,
    objective: int | None = Query(None, ge=1, le=23),  # type: ignore[type-arg]
    pledge_type: PledgeType | None = None,
    area: str | None = Query(
        None, description="ISO alpha-3, ISO alpha-2 or M49 code; a region includes its countries."
    ),  # type: ignore[type-arg]
    format: Literal["json", "csv"] = "json",  # noqa: A002 - the public parameter name
) -> HttpResponse:
    chosen = None
    if area is not None:
        chosen = area_by_code(area)
        if chosen is None:
            return _error(request, f"unknown area {area!r}", "area")

    def render() -> HttpResponse:
        pledges = selectors.filter_pledges(
            selectors.public_pledges(), status=status, objective=objective, pledge_type=pledge_type, area=chosen
        )
        if format == "csv":
            response = HttpResponse(exports.pledges_csv(pledges).encode(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="gcm-pledges.csv"'
            response["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
            return response
        return _json(exports.with_notice([exports.pledge_row(pledge) for pledge in pledges]))

    return _cached(request, render)


@router.get("/pledges/{public_id}", response={200: PledgeOut, **ERRORS}, summary="One published pledge")
def pledge_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    def render() -> HttpResponse:
        pledge: Pledge | None = selectors.public_pledge(public_id)
        if pledge is None:
            return _error(request, f"no published pledge {public_id!r}", "public_id", status=404)
        return _json(exports.pledge_row(pledge))

    return _cached(request, render)


@router.get("/reviews", response={200: ReviewList, **ERRORS}, summary="Published GCM reviews")
def reviews_list(
    request: HttpRequest,
    area: str | None = None,
    year: int | None = None,
    kind: ReviewKind | None = None,
) -> HttpResponse:
    chosen = None
    if area is not None:
        chosen = area_by_code(area)
        if chosen is None:
            return _error(request, f"unknown area {area!r}", "area")

    def render() -> HttpResponse:
        reviews = selectors.public_reviews()
        if chosen is not None:
            reviews = reviews.filter(area=chosen)
        if year is not None:
            reviews = reviews.filter(year=year)
        if kind is not None:
            reviews = reviews.filter(kind=kind)
        return _json(exports.with_notice([exports.review_row(review) for review in reviews]))

    return _cached(request, render)

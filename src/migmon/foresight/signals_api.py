"""/api/v1/signals and /api/v1/trends: the approved signals of change and trends, texts in three languages.

Only what curators approved is served (the pages show the same). Parameters are declared, so an unknown one is
a 400; answers carry an ETag and Last-Modified from the latest edit of a signal or trend (304 on a match).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from migmon.core.http_cache import Version, conditional_answer
from migmon.foresight import selectors
from migmon.foresight.api import ERRORS, json_response
from migmon.foresight.choices import Horizon, Steepv
from migmon.foresight.models import Curated, Signal, Trend

router = Router(tags=["signals and trends"])

LANGUAGES = ("fr", "en", "es")
EPOCH = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))


class TrendOut(Schema):
    id: int
    headline: dict[str, str] = Field(description="fr, en, es")
    description: dict[str, str]
    category: str = Field(description="STEEP-V: " + ", ".join(Steepv.values))
    horizon: str = Field(description="Years from now: " + ", ".join(Horizon.values))
    impact: int = Field(description="1 low, 2 medium, 3 high")
    drivers: list[str]
    series: list[str] = Field(description="Codes of the linked series")
    signals: int = Field(description="Approved signals linked to the trend")


class SignalOut(Schema):
    id: int
    headline: dict[str, str] = Field(description="fr, en, es")
    description: dict[str, str]
    category: str
    source_url: str
    novelty: int = Field(description="1 (known) to 5 (new)")
    location: str | None = Field(description="Code of the area the signal comes from")
    keywords: list[str]
    trends: list[int] = Field(description="Ids of the approved trends it points to")
    drivers: list[str]
    series: list[str]
    approved_at: str | None


class SignalList(Schema):
    count: int
    items: list[SignalOut]


class TrendList(Schema):
    count: int
    items: list[TrendOut]


def curated_version() -> Version:
    """The latest edit of any signal or trend (an approval or archiving is an edit)."""
    edits = [model.objects.aggregate(n=Count("pk"), at=Max("updated_at")) for model in (Signal, Trend)]
    modified = max([EPOCH, *(e["at"] for e in edits if e["at"])])
    tag = ".".join(f"{e['n']}-{e['at'].timestamp() if e['at'] else 0}" for e in edits)
    return Version(tag=f"curated:{tag}", modified=modified)


def _texts(obj: Curated, name: str) -> dict[str, str]:
    return {code: str(getattr(obj, f"{name}_{code}") or "") for code in LANGUAGES}


def _common(item: Curated) -> dict[str, Any]:
    return {
        "id": item.pk,
        "headline": _texts(item, "headline"),
        "description": _texts(item, "description"),
        "category": item.category,
        "drivers": [str(d) for d in item.drivers.all()],
        "series": [s.code for s in item.series.all()],
    }


def _trend(item: Trend) -> dict[str, Any]:
    signals = getattr(item, "approved_signals", 0)
    return _common(item) | {"horizon": item.horizon, "impact": item.impact, "signals": signals}


def _signal(item: Signal) -> dict[str, Any]:
    return _common(item) | {
        "source_url": item.source_url,
        "novelty": item.novelty,
        "location": item.location.code if item.location else None,
        "keywords": item.keyword_list,
        "trends": [t.pk for t in item.trends.all()],
        "approved_at": item.reviewed_at.isoformat() if item.reviewed_at else None,
    }


def _answer(request: HttpRequest, render: Any) -> HttpResponse:
    return conditional_answer(  # type: ignore[return-value]
        request, version=curated_version, render=render, max_age=settings.MIGMON_API_MAX_AGE
    )


@router.get(
    "/signals",
    response={200: SignalList, **ERRORS},
    summary="Approved signals of change",
    description="Newest first; narrowed by STEEP-V category, trend, location or keyword.",
)
def signals_list(
    request: HttpRequest,
    category: Steepv | None = None,
    trend: int | None = Query(None, ge=1, le=2**31 - 1),  # type: ignore[type-arg]
    location: str | None = Query(None, max_length=16, description="The area's code (ISO alpha-3 or M49)"),  # type: ignore[type-arg]
    keyword: str | None = Query(None, max_length=80),  # type: ignore[type-arg]
) -> HttpResponse:
    where = selectors.SignalFilter(
        category=category.value if category else "", trend=trend, location=location or "", keyword=keyword or ""
    )

    def render() -> HttpResponse:
        items = [_signal(item) for item in selectors.signals(where)]
        return json_response({"count": len(items), "items": items})

    return _answer(request, render)


@router.get("/trends", response={200: TrendList, **ERRORS}, summary="Approved trends, with their signal counts")
def trends_list(request: HttpRequest) -> HttpResponse:
    def render() -> HttpResponse:
        items = [_trend(item) for item in selectors.trends()]
        return json_response({"count": len(items), "items": items})

    return _answer(request, render)

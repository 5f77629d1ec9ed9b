"""Public pages of the signals and trends (fr/en/es): approved items only, filterable, each linked to its data."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from migmon.foresight import selectors
from migmon.foresight.choices import Horizon, Steepv

PER_PAGE = 30


def _filter(request: HttpRequest) -> selectors.SignalFilter:
    trend = request.GET.get("trend", "")
    category = request.GET.get("category", "")
    return selectors.SignalFilter(
        category=category if category in Steepv.values else "",
        trend=int(trend) if trend.isdecimal() and len(trend) < 10 else None,
        location=request.GET.get("location", "")[:16],
        keyword=request.GET.get("keyword", "").strip()[:80],
    )


def signal_list(request: HttpRequest) -> HttpResponse:
    where = _filter(request)
    page = Paginator(selectors.signals(where), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "where": where,
        "categories": Steepv.choices,
        "trends": selectors.trends(),
        "locations": selectors.signal_locations(),
    }
    return render(request, "foresight/signals.html", context)


def signal_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.signal(pk)
    if found is None:
        raise Http404("no such signal")
    return render(request, "foresight/signal.html", {"signal": found})


def trend_list(request: HttpRequest) -> HttpResponse:
    found = list(selectors.trends())
    by_horizon = [(label, [t for t in found if t.horizon == value]) for value, label in Horizon.choices]
    return render(request, "foresight/trends.html", {"by_horizon": by_horizon, "count": len(found)})


def trend_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.trend(pk)
    if found is None:
        raise Http404("no such trend")
    context = {"trend": found, "signals": selectors.signals(selectors.SignalFilter(trend=found.pk))}
    return render(request, "foresight/trend.html", context)

"""Progress pages (fr/en/es): overview, country or region progress, indicator and series progress, the method."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from migmon.geo.models import AreaKind
from migmon.geo.selectors import area_by_code
from migmon.indicators.framework_selectors import indicator_by_code, series_by_codes
from migmon.progress import pages, selectors
from migmon.progress.examples import EXAMPLES, MEAN_OF, mean_example
from migmon.progress.statuses import ANTICIPATED_ORDER, OPEN_SDG_ORDER


def index(request: HttpRequest) -> HttpResponse:
    table = selectors.progress_table()
    areas = [table.areas[a] for a in table.by_area if a in table.areas]
    countries = sorted((a for a in areas if a.kind == AreaKind.COUNTRY), key=lambda a: a.name)
    regions = sorted(
        (table.areas[a] for a in table.means_by_area if a in table.areas and table.areas[a].kind != AreaKind.COUNTRY),
        key=lambda a: (a.kind != AreaKind.WORLD, a.name),
    )
    world = next((a for a in regions if a.kind == AreaKind.WORLD), None)
    context: dict[str, Any] = {"countries": countries, "regions": regions, "world": world}
    if world is not None:
        context["world_page"] = pages.area_page(world)
    return render(request, "progress/index.html", context)


def area_progress(request: HttpRequest, code: str) -> HttpResponse:
    area = area_by_code(code)
    if area is None:
        raise Http404("no such area")
    context = {"area": area, "is_region": area.kind != AreaKind.COUNTRY, "page": pages.area_page(area)}
    return render(request, "progress/area.html", context)


def indicator_progress(request: HttpRequest, code: str) -> HttpResponse:
    indicator = indicator_by_code(code)
    if indicator is None:
        raise Http404("no such indicator")
    context = {"indicator": indicator} | pages.status_map("indicator", indicator.code)
    return render(request, "progress/map_page.html", context)


def series_progress(request: HttpRequest, code: str) -> HttpResponse:
    series = series_by_codes([code]).get(code)
    if series is None:
        raise Http404("no such series")
    context = {"series": series} | pages.status_map("series", series.code)
    return render(request, "progress/map_page.html", context)


def method(request: HttpRequest) -> HttpResponse:
    examples = [(example, example.assess()) for example in EXAMPLES]
    context = {
        "examples": [(example, result, pages.chip(result.status)) for example, result in examples],
        "mean": mean_example(),
        "mean_chip": pages.chip(mean_example().status),
        "mean_of": ", ".join(MEAN_OF),
        "open_statuses": [pages.chip(s) for s in OPEN_SDG_ORDER],
        "anticipated_statuses": [pages.chip(s) for s in ANTICIPATED_ORDER],
    }
    return render(request, "progress/method.html", context)

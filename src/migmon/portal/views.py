"""Public data pages: browse the framework, indicator and series views, area profiles, downloads, embeds.

Views are thin: they read the state from the URL, call the selectors and render. Every page is complete
server-rendered HTML (tables, lists, forms that submit by GET); charts and maps are drawn on top by
``portal/js/series.js`` from data embedded in the page.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import PageLogEntry

from migmon.core.pdf_answers import pdf_answer
from migmon.foresight.series_projections import line_projections
from migmon.geo import selectors as geo
from migmon.geo.models import REGION_KINDS, Area, AreaKind
from migmon.geo.names import fold_name
from migmon.incidents import selectors as incidents
from migmon.indicators import framework_selectors, sdmx
from migmon.indicators.exporters import exporter_for
from migmon.indicators.models import GcmObjective, Goal, Indicator, Series
from migmon.indicators.sdmx import SdmxRefused
from migmon.indicators.selectors import QueryError, data_version, observations, provisional_periods, series_by_code
from migmon.portal import profiles, related, selectors, sharing
from migmon.portal.selectors import SeriesState
from migmon.progress import pages as progress_pages
from migmon.progress.selectors import register_version as progress_register_version

DOWNLOAD_FORMATS = ("csv", "json", "sdmx-csv", "sdmx-ml")
#: The downloads written against the global SDG DSD, which some views cannot be (see migmon.indicators.sdmx).
SDMX_FORMATS = ("sdmx-csv", "sdmx-ml")


# --- browsing ----------------------------------------------------------------------------------------------


def data_index(request: HttpRequest) -> HttpResponse:
    with_data = selectors.series_by_indicator()
    relevant = framework_selectors.migration_relevant_indicators()
    goals = framework_selectors.goals_with_targets()
    return render(
        request,
        "portal/data_index.html",
        {"relevant": relevant, "with_data": with_data, "goals": goals, "objectives": GcmObjective.objects.all()},
    )


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = get_object_or_404(Goal, number=number)
    targets = goal.targets.prefetch_related("indicators", "gcm_objectives").order_by("sort_key")
    return render(
        request,
        "portal/goal_detail.html",
        {"goal": goal, "targets": targets, "with_data": selectors.series_by_indicator()},
    )


def gcm_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/gcm_index.html", {"objectives": framework_selectors.gcm_objectives_with_targets()})


def gcm_detail(request: HttpRequest, number: int) -> HttpResponse:
    objective = get_object_or_404(GcmObjective, number=number)
    return render(
        request,
        "portal/gcm_detail.html",
        {
            "objective": objective,
            "gcm_links": framework_selectors.gcm_links(objective=number),
            "with_data": selectors.series_by_indicator(),
        },
    )


def country_index(request: HttpRequest) -> HttpResponse:
    """Every country or area, A–Z in the active language, grouped by initial letter."""
    countries = geo.countries_alphabetical(language=selectors.language())
    groups = [
        (letter, list(items)) for letter, items in groupby(countries, key=lambda a: fold_name(a.name)[:1].upper())
    ]
    regions = geo.regions(kinds=REGION_KINDS)
    return render(request, "portal/country_index.html", {"groups": groups, "regions": regions})


# --- series views ------------------------------------------------------------------------------------------


def _series_context(request: HttpRequest, series: Series, indicator: Indicator | None = None) -> dict[str, Any]:
    state = SeriesState.from_query(request.GET)
    view = selectors.series_view(series, state)
    context: dict[str, Any] = {"series": series, "view": view, "state": view["state"], "tabs": selectors.TABS}
    if not view["empty"]:
        # The country picker filters on every name of an area, in any language (portal/area_picker.js).
        search_names = geo.names_for_search(a["code"] for a in view["area_choices"])
        context["area_options"] = [
            {**a, "search": " | ".join(search_names.get(a["code"], []))} for a in view["area_choices"]
        ]
        queries = {what: selectors.view_query(series, view, what=what) for what in ("chart", "map")}
        state_params = _state_params(view["state"])
        context["state_query"] = urlencode(state_params)
        # SDMX is offered only where the DSD can carry the view; otherwise the page says why.
        refusals = {what: _sdmx_refusals(query) for what, query in queries.items()}
        context["downloads"] = {
            what: [
                (
                    fmt,
                    reverse("portal:series_download", args=[series.code])
                    + "?"
                    + urlencode([*state_params, ("what", what), ("format", fmt)]),
                )
                for fmt in DOWNLOAD_FORMATS
                if fmt not in refusals[what]
            ]
            for what in queries
        }
        context["sdmx_refusals"] = {what: sorted(set(found.values())) for what, found in refusals.items() if found}
        context["api_urls"] = {
            what: "/api/v1/observations?" + urlencode(selectors.api_params(query)) for what, query in queries.items()
        }
        partial = provisional_periods([series.pk]).get(series.pk, {})
        # A trend through categories (10.7.2: 1 "Requires further progress" … 4 "Fully meets") would read an
        # order as a quantity: categorical series get no projection.
        context["projections"] = (
            []
            if view["categories"]
            else line_projections(series.code, view["chart_rows"], provisional=partial, split=view["split"])
        )
        context["projection_charts"] = [p.chart() for p in context["projections"]]
        context["embed_url"] = request.build_absolute_uri(
            reverse("portal:series_embed", args=[series.code]) + "?" + urlencode(state_params)
        )
        page_params = [("series", series.code), *state_params] if indicator else state_params
        page = (
            reverse("portal:indicator_detail", args=[indicator.code])
            if indicator
            else reverse("portal:series_detail", args=[series.code])
        )
        context["credits"] = sharing.chart_credits(
            request, series, view, f"{page}?{urlencode(page_params)}", indicator=indicator
        )
        context["embed_code"] = sharing.embed_code(context["embed_url"], context["credits"]["title"])
    return context


def _state_params(state: SeriesState) -> list[tuple[str, str]]:
    params = [("tab", state.tab)] + [("area", code) for code in state.areas]
    if state.year is not None:
        params.append(("year", str(state.year)))
    for name in ("start", "end"):
        if (bound := getattr(state, name)) is not None:
            params.append((name, str(bound)))
    if state.breakdown:
        params.append(("breakdown", state.breakdown))
    if state.map:
        params.append(("map", state.map))
    return params


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.prefetch_related("targets__goal"), code=code)
    series_list = selectors.indicator_series(indicator)
    context: dict[str, Any] = {"indicator": indicator, "series_list": series_list}
    if series_list:
        chosen = next((s for s in series_list if s.code == request.GET.get("series")), series_list[0])
        context.update(_series_context(request, chosen, indicator))
        context["progress"] = progress_pages.status_map("indicator", indicator.code)
    return render(request, "portal/series_page.html", context)


def _series(code: str) -> Series:
    series = series_by_code(code)
    if series is None:
        raise Http404(_("No series with this code."))
    return series


def series_detail(request: HttpRequest, code: str) -> HttpResponse:
    series = _series(code)
    context = _series_context(request, series)
    context["series_list"] = [series]
    context["progress"] = progress_pages.status_map("series", series.code)
    return render(request, "portal/series_page.html", context)


@xframe_options_exempt
def series_embed(request: HttpRequest, code: str) -> HttpResponse:
    """The chart alone, for an iframe on another site (framing allowed here only)."""
    series = _series(code)
    return render(request, "portal/series_embed.html", _series_context(request, series))


def _sdmx_refusals(query) -> dict[str, str]:
    """SDMX format → why the view's rows cannot be written in it (only the formats refused)."""
    try:
        selected = observations(query)
    except QueryError:
        return {}
    found = {fmt: sdmx.refusal(selected, ml=fmt == "sdmx-ml") for fmt in SDMX_FORMATS}
    return {fmt: reason for fmt, reason in found.items() if reason}


def series_download(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """The rows of the current view (``what``: chart/table or map) as CSV, JSON, SDMX-CSV or SDMX-ML."""
    series = _series(code)
    fmt = request.GET.get("format", "csv")
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404("unknown format")
    view = selectors.series_view(series, SeriesState.from_query(request.GET))
    if view["empty"]:
        raise Http404("no data")
    what = "map" if request.GET.get("what") == "map" else "chart"
    query = selectors.view_query(series, view, what=what)
    try:
        queryset = observations(query)
    except QueryError as error:
        raise Http404(error.message) from error
    name = f"{view['map_series'].code}-{view['state'].year}" if what == "map" else series.code
    try:
        export = exporter_for(fmt)(queryset, name=name).render()
    except SdmxRefused as refused:
        raise Http404(str(refused)) from refused
    response = StreamingHttpResponse(export.content, content_type=export.media_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# --- area profiles -----------------------------------------------------------------------------------------


def _profile_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    version = data_version().tag
    data = profiles.profile_data(area, version)
    register_origin = area.kind == AreaKind.COUNTRY and incidents.origin_recorded(area.name_en)
    register_url = reverse("incidents:map")
    return {
        "register_origin": register_origin,
        "register_url": register_url + ("?" + urlencode({"origin": area.name_en}) if register_origin else ""),
        "area": area,
        "profile": data,
        "profile_body": profiles.profile_body(area, data, version),
        "related_pages": related.related_pages(area, selectors.language()),
        "is_region": area.kind != AreaKind.COUNTRY,
        "pdf_url": reverse(
            "portal:region_pdf" if area.kind != AreaKind.COUNTRY else "portal:country_pdf",
            args=[area.m49 if area.kind != AreaKind.COUNTRY else area.code],
        ),
    }


def _country(code: str) -> Area:
    """A country by its area code: ISO alpha-3 where it has one, else its own (``desa-830`` Channel Islands,
    ``XKX`` Kosovo), so the countries without an ISO code have a profile too."""
    area = geo.area_of_kind(code, by="code", kinds=[AreaKind.COUNTRY])
    if area is None:
        raise Http404(_("No country or area with this code."))
    return area


def _region(m49: str) -> Area:
    area = geo.area_of_kind(m49, by="m49", kinds=REGION_KINDS)
    if area is None:
        raise Http404(_("No region with this code."))
    return area


def _profile_version() -> str:
    """What a profile shows depends on: the data version (releases), the content version (the latest Wagtail page
    log entry: any publish, unpublish, move or deletion) and the progress register's version (a data manager's new
    target changes a status)."""
    content_version = PageLogEntry.objects.aggregate(last=Max("id"))["last"]
    targets_version = progress_register_version()  # profiles show progress statuses, which targets decide
    return f"{data_version().tag}:{content_version}:{targets_version}"


def _cached_page(request: HttpRequest, render_page: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve a profile from the page cache for anonymous visitors, keyed on :func:`_profile_version`.

    A new figure, a new menu entry, a newly tagged news item or a changed status all show at once; a hit costs
    three small aggregate queries and a cache lookup.
    """
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):  # signed-in editors always get a fresh page
        return render_page()
    key = f"migmon.portal.page:{request.get_full_path()}:{_profile_version()}"
    body = cache.get(key)
    if body is not None:
        return HttpResponse(body)
    response = render_page()
    if response.status_code == 200:
        cache.set(key, response.content, 3600)
    return response


def country_profile(request: HttpRequest, iso3: str) -> HttpResponse:
    area = _country(iso3)
    if iso3 != area.code:  # /countries/mlt/ → /countries/MLT/: one URL per profile
        return redirect("portal:country_profile", iso3=area.code, permanent=True)
    return _cached_page(request, lambda: render(request, "portal/area_profile.html", _profile_context(request, area)))


def region_profile(request: HttpRequest, m49: str) -> HttpResponse:
    return _cached_page(
        request, lambda: render(request, "portal/area_profile.html", _profile_context(request, _region(m49)))
    )


def _pdf(request: HttpRequest, area: Area) -> HttpResponse:
    """The profile printed by WeasyPrint with the print stylesheet (same template, no scripts), cached while
    :func:`_profile_version` holds and printed a few at a time (:mod:`migmon.core.pdf_answers`)."""

    def print_pdf() -> bytes:
        from migmon.core.pdf import html_to_pdf  # WeasyPrint takes time to import; only PDFs need it

        context = _profile_context(request, area) | {"for_pdf": True}
        html = render_to_string("portal/area_profile.html", context, request=request)
        return html_to_pdf(html, base_url=request.build_absolute_uri("/"))

    filename = f"migmon-{area.code}-{selectors.language()}.pdf"
    return pdf_answer(request, version=_profile_version(), filename=filename, print_pdf=print_pdf)


def country_pdf(request: HttpRequest, iso3: str) -> HttpResponse:
    return _pdf(request, _country(iso3))


def region_pdf(request: HttpRequest, m49: str) -> HttpResponse:
    return _pdf(request, _region(m49))

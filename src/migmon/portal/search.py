"""Site search results for the data: the data destinations (the Missing Migrants register and its regions,
routes and causes, migrant stock…), series, indicators and countries, added to the content app's registry.

Matching is on folded text (accents and case ignored) in the active language and in English, with the
content search's synonyms ("IOM" finds the register, "Méditerranée" its Mediterranean routes), so "Turquie",
"turkey" and "TUR" all find the same profile; an indicator is found by its code ("10.7.3") or title words.
Ranks put what the query names first: "stock" lists the migrant stock series before an indicator on fish stocks.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from migmon.content.search import (
    RANK_COUNTRY,
    RANK_DESTINATION,
    RANK_EXACT,
    RANK_INDICATOR,
    RANK_OTHER_INDICATOR,
    RANK_SERIES,
    SearchResult,
    fold,
    matches,
    register_search_provider,
)
from migmon.geo.models import Area, AreaKind
from migmon.incidents import selectors as incidents
from migmon.incidents.vocabulary import category_label
from migmon.indicators.models import Indicator
from migmon.indicators.selectors import series_with_data
from migmon.portal.hub import DATA_ENTRIES
from migmon.portal.selectors import language

MAX_RESULTS = 20

# What else a destination is called: the organisations behind it (their acronyms expand through the synonyms).
DESTINATION_KEYWORDS = {
    "missing-migrants": "IOM Missing Migrants Project 10.7.3",
    "migrant-stock": "UN DESA MIGSTOCK",
    "gcm": "GCM",
    "indicators": "SDG",
}
REGISTER_FILTERS = (
    ("regions", "region", gettext_lazy("Region of incident")),
    ("routes", "route", gettext_lazy("Migration route")),
)


def _is_code(query: str) -> bool:
    """A framework code such as ``10.7.3`` or ``10.7``: found by code only, not by the numbers in titles."""
    return re.fullmatch(r"\d+(\.\w+)+", query.strip()) is not None


@register_search_provider("destinations")
def destination_results(query: str, request: HttpRequest) -> list[SearchResult]:
    """The data destinations (portal.hub) whose title, here or in English, or other names have the query."""
    results = []
    for entry in DATA_ENTRIES:
        with override("en"):
            english = str(entry.title)
        if matches(query, str(entry.title), english, DESTINATION_KEYWORDS.get(entry.key, "")) and not _is_code(query):
            results.append(
                SearchResult(
                    title=str(entry.title),
                    url=entry.url(),
                    kind=_("Data"),
                    snippet=str(entry.description),
                    rank=RANK_DESTINATION,
                )
            )
    return results


@register_search_provider("register")
def register_results(query: str, request: HttpRequest) -> list[SearchResult]:
    """The register filtered on each region or route of incident whose name has the query ("Mediterranean")."""
    choices = incidents.filter_choices()
    url = reverse("incidents:map")
    results = []
    for choice, parameter, label in REGISTER_FILTERS:
        for value in choices[choice]:
            shown = category_label(value)  # IOM's English value, in the page's language
            if "," in value or not matches(query, value, shown):  # merged source strings are not options of their own
                continue
            results.append(
                SearchResult(
                    title=f"{_('Missing Migrants register')}: {shown}",
                    url=f"{url}?{urlencode({parameter: value})}",
                    kind=str(label),
                    rank=RANK_DESTINATION,
                )
            )
    return results[:MAX_RESULTS]


@register_search_provider("series")
def series_results(query: str, request: HttpRequest) -> list[SearchResult]:
    """Series with data whose code, name (here or in English) or description has the query."""
    lang = language()
    results = []
    for series in series_with_data():
        name = getattr(series, f"name_{lang}", "") or series.name_en
        code_asked = fold(query.strip()) == fold(series.code)
        if code_asked or matches(query, series.code.replace("_", " "), name, series.name_en):
            results.append(
                SearchResult(
                    title=name,
                    url=reverse("portal:series_detail", args=[series.code]),
                    kind=_("Series"),
                    snippet=series.code,
                    rank=RANK_EXACT if code_asked else RANK_SERIES,
                    language="en" if name == series.name_en and lang != "en" else "",
                )
            )
        if len(results) >= MAX_RESULTS:
            break
    return results


@register_search_provider("indicators")
def indicator_results(query: str, request: HttpRequest) -> list[SearchResult]:
    lang = language()
    results = []
    for indicator in Indicator.objects.order_by("-migration_relevant", "sort_key"):
        title = getattr(indicator, f"title_{lang}", "") or indicator.title_en
        code_asked = fold(query.strip()) == indicator.code
        if _is_code(query):
            found = code_asked or indicator.code.startswith(query.strip() + ".")
        else:
            found = matches(query, indicator.code, title, indicator.title_en)
        if found:
            rank = RANK_INDICATOR if indicator.migration_relevant else RANK_OTHER_INDICATOR
            results.append(
                SearchResult(
                    title=f"{indicator.code} {title}",
                    url=reverse("portal:indicator_detail", args=[indicator.code]),
                    kind=_("Indicator"),
                    snippet=indicator.relevance_note,
                    rank=RANK_EXACT if code_asked else rank,
                )
            )
        if len(results) >= MAX_RESULTS:
            break
    return results


@register_search_provider("countries")
def country_results(query: str, request: HttpRequest) -> list[SearchResult]:
    lang = language()
    results = []
    kinds = (AreaKind.COUNTRY, AreaKind.WORLD, AreaKind.REGION, AreaKind.SUBREGION, AreaKind.INTERMEDIATE_REGION)
    for area in Area.objects.filter(kind__in=kinds).order_by("kind", "name_en"):
        name = area.name_in(lang)
        codes = " ".join(code for code in (area.iso3, area.iso2, area.m49) if code)
        if _is_code(query) or not matches(query, name, area.name_en, codes):
            continue
        if area.kind == AreaKind.COUNTRY:
            url, kind = reverse("portal:country_profile", args=[area.code]), _("Country profile")
        elif area.m49:
            url, kind = reverse("portal:region_profile", args=[area.m49]), _("Region profile")
        else:
            continue
        results.append(SearchResult(title=name, url=url, kind=kind, rank=RANK_COUNTRY))
        if len(results) >= MAX_RESULTS:
            break
    return results

"""Site search results for indicators, series and countries, added to the content app's search registry.

Matching is on folded text (accents and case ignored) in the active language and in English, so "Turquie",
"turkey" and "TUR" all find the same profile; an indicator is found by its code ("10.7.3") or title words.
"""

from __future__ import annotations

import unicodedata

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from migmon.content.search import SearchResult, register_search_provider
from migmon.geo.models import Area, AreaKind
from migmon.indicators.models import Indicator
from migmon.portal.selectors import language

MAX_RESULTS = 20


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _words(query: str) -> list[str]:
    return [word for word in fold(query).split() if word]


def _matches(words: list[str], *texts: str) -> bool:
    haystack = " ".join(fold(text) for text in texts if text)
    return bool(words) and all(word in haystack for word in words)


@register_search_provider("indicators")
def indicator_results(query: str, request: HttpRequest) -> list[SearchResult]:
    words = _words(query)
    lang = language()
    results = []
    for indicator in Indicator.objects.order_by("-migration_relevant", "sort_key"):
        title = getattr(indicator, f"title_{lang}", "") or indicator.title_en
        if fold(query.strip()) == indicator.code or _matches(words, indicator.code, title, indicator.title_en):
            results.append(
                SearchResult(
                    title=f"{indicator.code} {title}",
                    url=reverse("portal:indicator_detail", args=[indicator.code]),
                    kind=_("Indicator"),
                    snippet=indicator.relevance_note,
                )
            )
        if len(results) >= MAX_RESULTS:
            break
    return results


@register_search_provider("countries")
def country_results(query: str, request: HttpRequest) -> list[SearchResult]:
    words = _words(query)
    lang = language()
    results = []
    kinds = (AreaKind.COUNTRY, AreaKind.WORLD, AreaKind.REGION, AreaKind.SUBREGION, AreaKind.INTERMEDIATE_REGION)
    for area in Area.objects.filter(kind__in=kinds).order_by("kind", "name_en"):
        name = area.name_in(lang)
        codes = " ".join(code for code in (area.iso3, area.iso2, area.m49) if code)
        if not _matches(words, name, area.name_en, codes):
            continue
        if area.kind == AreaKind.COUNTRY:
            url, kind = reverse("portal:country_profile", args=[area.code]), _("Country profile")
        elif area.m49:
            url, kind = reverse("portal:region_profile", args=[area.m49]), _("Region profile")
        else:
            continue
        results.append(SearchResult(title=name, url=url, kind=kind))
        if len(results) >= MAX_RESULTS:
            break
    return results

"""``/sitemap.xml``: every public page in French, English and Spanish, each with its ``hreflang`` alternates.

Two kinds of pages: the editors' pages (the Wagtail tree of each language, live and public only, so drafts,
private and unpublished pages never appear; a page's alternates are its published translations) and the data
pages outside the tree (framework, indicators and series with data, country and region profiles with their
progress and GCM views, the register, the GCM follow-up and its published pledges, the published foresight and
the areas its signposts watch), which exist in every language under the same route. URLs are absolute, from the
request's scheme and host.

Building the map reverses a few thousand URLs, so the finished XML is cached. The key holds the data version
(releases), the content version (the latest Wagtail page log entry) and the host; curated records published
outside both (pledges, foresight signals) show within :data:`CACHE_SECONDS`. The map stays far below the
protocol's 50,000 URLs per file (about 4,000 with the bundled data), so there is no sitemap index.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.views.decorators.http import require_safe
from wagtail.models import PageLogEntry, Site

from migmon.foresight import selectors as foresight
from migmon.gcm import selectors as gcm
from migmon.geo import selectors as geo
from migmon.geo.models import REGION_KINDS
from migmon.indicators.models import GcmObjective, Goal, IndicatorEntry
from migmon.indicators.selectors import data_version, series_codes_by_indicator
from migmon.portal import selectors

CACHE_SECONDS = 900
#: Data pages with no argument, in the order a reader meets them.
FIXED_ROUTES = (
    "portal:data_index",
    "portal:country_index",
    "portal:gcm_index",
    "gcm:dashboard",
    "gcm:pledges",
    "gcm:reviews",
    "incidents:map",
    "incidents:methodology",
    "progress:index",
    "progress:method",
    "foresight:index",
    "foresight:signals",
    "foresight:trends",
)

Route = tuple[str, tuple[str | int, ...]]


@dataclass(frozen=True)
class Entry:
    """One ``<url>``: where the page is, its translations by language code, when it last changed."""

    location: str
    alternates: dict[str, str] = field(default_factory=dict)
    lastmod: datetime.datetime | None = None

    @property
    def x_default(self) -> str | None:
        """The page for readers whose language the site lacks: the French one (French first), if it exists."""
        return self.alternates.get(settings.LANGUAGE_CODE)


def data_routes() -> list[Route]:
    """(URL name, arguments) of every public data page, once each (languages are added by :func:`data_entries`)."""
    routes: list[Route] = [(name, ()) for name in FIXED_ROUTES]
    routes += [("portal:goal_detail", (number,)) for number in Goal.objects.values_list("number", flat=True)]
    routes += [("portal:gcm_detail", (number,)) for number in GcmObjective.objects.values_list("number", flat=True)]
    with_data = series_codes_by_indicator()
    # The progress pages find an indicator by its number in the framework (its entries), as readers type it.
    numbered = set(IndicatorEntry.objects.filter(code__in=with_data).values_list("code", flat=True))
    for indicator in sorted(with_data):
        routes.append(("portal:indicator_detail", (indicator,)))
        if indicator in numbered:
            routes.append(("progress:indicator", (indicator,)))
    for series in sorted({code for codes in with_data.values() for code in codes}):
        routes += [("portal:series_detail", (series,)), ("progress:series", (series,))]
    for country in geo.countries_alphabetical(language=settings.LANGUAGE_CODE):
        routes += [(name, (country.code,)) for name in ("portal:country_profile", "gcm:country_profile")]
        routes.append(("progress:area", (country.code,)))
    for region in geo.regions(kinds=REGION_KINDS):
        if region.m49:  # the profiles' URLs name a region by its M49 code
            routes += [(name, (region.m49,)) for name in ("portal:region_profile", "gcm:region_profile")]
        routes.append(("progress:area", (region.code,)))
    routes += [("gcm:pledge", (public_id,)) for public_id in gcm.public_pledges().values_list("public_id", flat=True)]
    for scenario_set in foresight.scenario_sets().prefetch_related("scenarios"):
        routes += [("foresight:set", (scenario_set.slug,)), ("foresight:dashboard", (scenario_set.slug,))]
        routes += [("foresight:scenario", (scenario_set.slug, s.slug)) for s in scenario_set.scenarios.all()]
    # The areas the published signposts watch, as the foresight index lists them.
    watched: set[str] = set()
    for signpost in foresight.signposts():
        watched.update(area.code for area in signpost.areas.all())
        if signpost.region is not None:
            watched.add(signpost.region.code)
    routes += [("foresight:area", (code,)) for code in sorted(watched)]
    routes += [("foresight:signal", (pk,)) for pk in foresight.signals().values_list("pk", flat=True)]
    routes += [("foresight:trend", (pk,)) for pk in foresight.trends().values_list("pk", flat=True)]
    return routes


def data_entries(request: HttpRequest, routes: list[Route], lastmod: datetime.datetime | None) -> list[Entry]:
    """Each route in each site language, every one listing all three as alternates."""
    languages = [code for code, _name in settings.LANGUAGES]
    urls: dict[str, list[str]] = {}
    for code in languages:
        with translation.override(code):
            urls[code] = [request.build_absolute_uri(reverse(name, args=args)) for name, args in routes]
    entries = []
    for index in range(len(routes)):
        alternates = {code: urls[code][index] for code in languages}
        entries += [Entry(alternates[code], alternates, lastmod) for code in languages]
    return entries


def page_entries(request: HttpRequest) -> list[Entry]:
    """The live, public pages of every language's tree, with the published translations as alternates."""
    site = Site.find_for_request(request) or Site.objects.select_related("root_page").get(is_default_site=True)
    pages = selectors.published_pages(site.root_page)
    # Relative to the request's site, then made absolute with the request's host (the Site record may still
    # name "localhost"); a page of another site keeps that site's absolute URL.
    located = [(page, url and request.build_absolute_uri(url)) for page in pages if (url := page.get_url(request))]
    by_key: dict[object, dict[str, str]] = {}
    for page, url in located:
        if url:
            by_key.setdefault(page.translation_key, {})[page.locale.language_code] = url
    return [
        Entry(url, by_key[page.translation_key], page.last_published_at or page.latest_revision_created_at)
        for page, url in located
        if url
    ]


def render_xml(entries: list[Entry]) -> str:
    """The sitemap protocol's ``<urlset>`` with Google's ``xhtml:link`` alternates, written directly: the
    template engine took seconds over thousands of entries."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        parts = [f"<url><loc>{escape(entry.location)}</loc>"]
        if entry.lastmod:
            parts.append(f"<lastmod>{entry.lastmod.date().isoformat()}</lastmod>")
        links = [*entry.alternates.items(), *([("x-default", entry.x_default)] if entry.x_default else [])]
        parts += [f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(url)}"/>' for code, url in links]
        lines.append("".join(parts) + "</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def sitemap_xml(request: HttpRequest) -> bytes:
    version = data_version()
    entries = page_entries(request) + data_entries(request, data_routes(), version.modified)
    return render_xml(entries).encode("utf-8")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    content_version = PageLogEntry.objects.aggregate(last=Max("id"))["last"]
    key = f"migmon.portal.sitemap:{request.scheme}://{request.get_host()}:{data_version().tag}:{content_version}"
    body = cache.get(key)
    if body is None:
        body = sitemap_xml(request)
        cache.set(key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")

"""No public page scrolls sideways, on a 390 px phone or a 1366 px laptop: every page type is measured
(``document.documentElement.scrollWidth <= innerWidth``) and screenshotted, in French. Wide tables scroll in
their own container and charts take the container's width instead."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from migmon.content.models import EventPage, NewsPage
from migmon.incidents.imports import incidents_import
from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data

pytestmark = pytest.mark.browser

WIDTHS = (390, 1366)
PORTAL_PAGES = {
    "home": "/fr/",
    "section": "/fr/qui-sommes-nous/",
    "data-landing": "/fr/data/",
    "indicator": "/fr/data/indicators/10.7.3/",
    "series": "/fr/data/series/MIGSTOCK/",
    "country-profile": "/fr/data/countries/MLT/",
    "region-profile": "/fr/data/regions/150/",
    "search": "/fr/search/?q=migration",
    "progress": "/fr/progress/",
    "register": "/fr/missing-migrants/",
}

# The elements that stick out while their parent does not: where the CSS needs fixing.
OUTERMOST_OVERFLOW = """() => {
  function* ancestors(e) { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) yield a; }
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1
        && e.parentElement.getBoundingClientRect().right <= innerWidth + 1
        && ![...ancestors(e)].some(a => getComputedStyle(a).overflowX !== 'visible'))
    .slice(0, 3)
    .map(e => `${e.parentElement.tagName}.${e.parentElement.className} > ${e.tagName}.${e.className}`
        + ` (${Math.round(e.getBoundingClientRect().width)}px)`)
    .join(' | ');
}"""


@pytest.fixture
def site(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    call_command("import_seeds", verbosity=0)
    load_portal_data(data_dir, SDG_10_7_3, DESA_2024_DESTINATION)
    incidents_import(path=data_dir / "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv")


def test_no_page_scrolls_sideways(site, live_server, page, artifacts_dir):
    pages = PORTAL_PAGES | {"news": NewsPage.objects.live().first().url, "event": EventPage.objects.live().first().url}
    overflowing = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")
            scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            page.screenshot(path=str(artifacts_dir / f"overflow-{name}-{width}.png"), full_page=True)
            if scroll_width > inner_width:
                culprit = page.evaluate(OUTERMOST_OVERFLOW)
                overflowing.append(f"{name} at {width}px: {scroll_width} > {inner_width} ({culprit})")
    assert not overflowing, "\n".join(overflowing)

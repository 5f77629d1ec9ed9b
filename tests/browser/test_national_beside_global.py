"""A national value beside the UN's global one, in Chromium: Kazakhstan's own 17.3.2 figures (SDMX-ML from its
national platform) and the UN Global SDG Database's, drawn as two lines (the national one dashed), listed side by
side in the table with their releases and a mark where they differ, and on the country profile; every page fits
1366 and 390 px. Screenshots go to the artifacts folder."""

from __future__ import annotations

import pytest

from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.indicators.services import FileSource, release_import
from tests.portal_data import load_portal_data

pytestmark = pytest.mark.browser


@pytest.fixture
def both(transactional_db, settings, data_dir):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_portal_data(data_dir, "sdg-indicators-open-sdg-eca/indicator_17-3-2.csv")
    reader = SdmxMlReader(series="BX_TRF_PWKR", area="398")
    release_import(source=FileSource(data_dir / "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml", reader))


def test_series_page_and_profile_show_both_sources(both, live_server, page, artifacts_dir):
    series = f"{live_server.url}/fr/data/series/BX_TRF_PWKR/?area=KAZ&start=2012"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(series)
        page.wait_for_selector("#chart[data-ready='true'] svg")
        legend = page.inner_text("#chart")
        assert "Kazakhstan — National" in legend
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts_dir / f"national-global-chart-{width}.png"), full_page=True)
        page.goto(series + "&tab=table")
        row = page.locator("#data-table tbody tr.differs", has_text="2020")
        assert "≠" in row.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts_dir / f"national-global-table-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/fr/data/countries/KAZ/")
        figure = page.locator("#indicators .side-by-side.differs")
        assert "Mondial" in figure.inner_text() and "National" in figure.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        figure.scroll_into_view_if_needed()
        page.locator("#indicators").screenshot(path=str(artifacts_dir / f"national-global-profile-{width}.png"))

"""The data portal in Chromium: the 10.7.3 indicator page (chart → map → year → reload), a country profile in
Spanish, and the CSV download checked against the API. Screenshots go to the artifacts folder."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

import pytest

from migmon.geo.models import AreaKind
from migmon.indicators.models import Observation
from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(transactional_db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_portal_data(data_dir, SDG_10_7_3, DESA_2024_DESTINATION)


def test_indicator_map_year_survives_reload(portal, live_server, page, artifacts_dir):
    page.goto(f"{live_server.url}/fr/data/indicators/10.7.3/")
    page.wait_for_selector("#chart[data-ready='true'] svg")
    page.screenshot(path=str(artifacts_dir / "portal-10.7.3-chart.png"), full_page=True)
    for kind, magic in (("svg", b"<svg"), ("png", b"\x89PNG")):
        with page.expect_download() as info:
            page.click(f"button[data-image='{kind}']")
        image = artifacts_dir / f"portal-10.7.3-chart-export.{kind}"
        info.value.save_as(str(image))
        assert image.read_bytes().startswith(magic)

    page.click("#tab-map")
    assert parse_qs(urlparse(page.url).query)["tab"] == ["map"]
    page.wait_for_selector("#map[data-ready='true'] svg")

    with page.expect_navigation():
        page.select_option("#state-year", "2019")
    query = parse_qs(urlparse(page.url).query)
    assert query["tab"] == ["map"] and query["year"] == ["2019"]

    page.reload()
    page.wait_for_selector("#map[data-ready='true'] svg")
    assert page.get_attribute("#tab-map", "aria-selected") == "true"
    assert page.is_hidden("#panel-chart") and page.is_visible("#panel-map")
    assert page.input_value("#state-year") == "2019"
    assert "2019" in page.inner_text("#map-caption")

    # Every country with a 2019 value is drawn, Malta (too small for 110m shapes) as a dot.
    expected = set(
        Observation.objects.filter(
            series__code="SM_DTH_MIGR", year=2019, area__kind=AreaKind.COUNTRY, value__isnull=False
        ).values_list("area__m49", flat=True)
    )
    drawn = set(page.eval_on_selector_all("#map .area", "nodes => nodes.map(n => n.dataset.m49)"))
    assert drawn == expected
    assert page.locator("#map circle.dot[data-m49='470']").count() == 1

    # Keyboard: focusing an area shows its value.
    page.focus("#map circle.dot[data-m49='470']")
    tooltip = page.inner_text("#map-tooltip")
    malta = Observation.objects.get(series__code="SM_DTH_MIGR", year=2019, area__m49="470").value
    assert tooltip.startswith("Malte") and str(int(malta)) in tooltip
    page.screenshot(path=str(artifacts_dir / "portal-10.7.3-map-2019.png"), full_page=True)


def test_country_profile_in_spanish(portal, live_server, page, artifacts_dir):
    page.goto(f"{live_server.url}/es/data/countries/MLT/")
    assert page.inner_text("h1") == "Malta"
    assert page.get_attribute("html", "lang") == "es"
    stock = Observation.objects.get(series__code="MIGSTOCK", area__iso3="MLT", year=2024, dimensions__key="").value
    figure = page.inner_text("#stock .figure .big")
    assert figure.replace("\u00a0", "").replace(".", "").replace(" ", "") == str(int(stock))
    assert "10.7.3" in page.inner_text("#indicators")
    assert page.locator("#availability table.matrix tbody tr").count() > 5
    assert page.locator("a[href$='/pdf/']").count() == 1
    page.screenshot(path=str(artifacts_dir / "portal-profile-MLT-es.png"), full_page=True)


def test_csv_download_matches_the_api(portal, live_server, page, artifacts_dir):
    page.goto(f"{live_server.url}/en/data/indicators/10.7.3/?tab=table&area=MLT&area=GRC")
    page.wait_for_selector("#panel-table:not([hidden])")
    with page.expect_download() as info:
        page.click("#panel-table a[data-download='csv']")
    download = info.value
    path = artifacts_dir / "portal-10.7.3-table.csv"
    download.save_as(str(path))
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))  # with its byte-order mark
    assert rows and {row["area"] for row in rows} == {"MLT", "GRC"}

    api_url = page.get_attribute("#panel-table a[data-api]", "href")
    with urlopen(live_server.url + api_url) as response:  # noqa: S310 - the local test server
        items = json.load(response)["items"]
    assert [(r["series"], r["area"], r["period"], float(r["value"])) for r in rows] == [
        (i["series"], i["area"], i["period"], i["value"]) for i in items
    ]
    table_rows = page.locator("#data-table tbody tr").count()
    assert table_rows == len(rows)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_year_range_limits_the_table_and_its_download(portal, live_server, page, artifacts_dir, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/fr/data/series/SM_DTH_MIGR/?tab=table&area=Grèce&area=ITA")
    with page.expect_navigation():
        page.select_option("#state-start", "2018")
    with page.expect_navigation():
        page.select_option("#state-end", "2020")
    query = parse_qs(urlparse(page.url).query)
    assert query["start"] == ["2018"] and query["end"] == ["2020"] and query["area"] == ["GRC", "ITA"]
    page.screenshot(path=str(artifacts_dir / f"portal-series-year-range-{width}.png"), full_page=True)

    expected = sorted(
        Observation.objects.filter(
            series__code="SM_DTH_MIGR", area__iso3__in=["GRC", "ITA"], year__gte=2018, year__lte=2020
        ).values_list("area__iso3", "period")
    )
    link = page.get_attribute("a[href*='what=chart'][href*='format=csv']", "href")
    with urlopen(f"{live_server.url}{link}") as response:  # noqa: S310 - the test server
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert sorted((row["area"], row["period"]) for row in rows) == expected


@pytest.mark.parametrize("width", [1366, 390])
def test_migrant_stock_map_is_the_share_of_the_population(portal, live_server, page, artifacts_dir, width):
    """The migrant stock's map tab draws UN DESA Table 3 (legend in %, tooltip with %), and 'Number of
    migrants' draws the counts; no sideways scroll at either width."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/data/series/MIGSTOCK/?tab=map&year=2024")
    page.wait_for_selector("#map[data-ready='true'] svg")
    assert page.inner_text("#map-legend .legend-title").startswith("% 2024")
    share = Observation.objects.get(series__code="MIGSTOCK_SHARE", area__iso3="LBY", year=2024, dimensions__key="")
    page.focus("#map path.area[data-m49='434']")
    shown = f"{share.value:.2f}".rstrip("0").rstrip(".")  # Intl.NumberFormat, at most two decimals
    assert page.inner_text("#map-tooltip") == f"Libya: {shown} % (2024)"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"portal-MIGSTOCK-share-map-{width}.png"), full_page=True)
    page.click(".map-choice a:has-text('Number of migrants')")
    page.wait_for_selector("#map[data-ready='true'] svg")
    assert parse_qs(urlparse(page.url).query)["map"] == ["count"]
    assert page.inner_text("#map-legend .legend-title").startswith("Number 2024")  # the unit as a word, not its code

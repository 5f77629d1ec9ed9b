"""UN DESA Table 3 on the portal (issue 10, item 5): profiles show the share of the population, and the migrant
stock's map is that share (the Migration Data Portal's headline map), with the counts one click away. Every
expected figure is read from the workbook with openpyxl, not typed here."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from migmon.indicators.models import Series
from migmon.portal.selectors import SeriesState, series_view
from migmon.portal.templatetags.portal_tags import percent
from tests.portal_data import DESA_2024_DESTINATION, load_portal_data

pytestmark = pytest.mark.django_db

SHARE_TEXT = {
    "fr": "de la population sont des migrants internationaux (2024)",
    "en": "of the population are international migrants (2024)",
    "es": "de la población son migrantes internacionales (2024)",
}


@pytest.fixture
def desa(db, data_dir, settings):
    settings.MIGMON_API_RATE_LIMIT = "0"
    load_portal_data(data_dir, DESA_2024_DESTINATION)
    yield
    cache.clear()


@pytest.fixture(scope="module")
def table_3(data_dir):
    """M49 code → {(year, sex block): value} of Table 3, both sexes, read from the workbook's cells."""
    workbook = load_workbook(data_dir / DESA_2024_DESTINATION, read_only=True, data_only=True)
    rows = list(workbook["Table 3"].iter_rows(values_only=True))
    workbook.close()
    header = rows[10]
    code_column = header.index("Location code")
    both_sexes = [(i, year) for i, year in enumerate(header[: header.index(2024) + 1]) if isinstance(year, int)]
    return {str(row[code_column]): {year: row[i] for i, year in both_sexes} for row in rows[11:] if row[code_column]}


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_profiles_show_the_share_of_the_population_from_table_3(client, desa, table_3, lang):
    from django.utils import translation

    for iso3, m49 in (("LBY", "434"), ("DEU", "276"), ("FRA", "250")):
        html = _html(client, f"/{lang}/data/countries/{iso3}/")
        figure = re.search(r'<div class="figure" id="stock-share"><span class="big">([^<]+)</span>([^<]+)', html)
        assert figure, f"no share-of-population figure for {iso3}"
        with translation.override(lang):
            expected = percent(table_3[m49][2024])
        assert figure.group(1) == expected
        assert " ".join(figure.group(2).split()) == SHARE_TEXT[lang]
        assert "not computed" not in html and "non calculée" not in html
        assert f'href="/{lang}/data/series/MIGSTOCK_SHARE/?area={iso3}"' in html


def test_the_comparison_table_gives_the_region_and_world_share(client, desa, table_3):
    html = _html(client, "/en/data/countries/LBY/")
    table = re.search(r'<table class="data-table compare">(.*?)</table>', html, re.S).group(1)
    assert '<th scope="col" class="num">Share of the population</th>' in table
    world = re.search(r'<tr><th scope="row">World</th>(.*?)</tr>', table).group(1)
    assert re.findall(r'<td class="num">([^<]+)</td>', world)[-1] == percent(table_3["900"][2024])


def test_the_migrant_stock_map_is_the_share_of_the_population(desa, table_3):
    stock = Series.objects.get(code="MIGSTOCK")
    view = series_view(stock, SeriesState(tab="map", year=2024))
    assert view["map_series"].code == "MIGSTOCK_SHARE" and view["state"].map == "share"
    shown = {row["m49"].lstrip("0") or "0": Decimal(repr(row["value"])) for row in view["map_rows"]}
    countries = {code: years[2024] for code, years in table_3.items() if int(code) < 900 and years[2024] is not None}
    assert shown == {code: Decimal(repr(value)) for code, value in countries.items()}
    # The table and the chart stay the stock itself.
    assert {row["value"] for row in view["chart_rows"] if row["year"] == 2024 and row["code"] == "001"} == {304_021_813}
    counts = series_view(stock, SeriesState(tab="map", year=2024, map="count"))
    assert counts["map_series"] == stock
    assert {r["code"]: r["value"] for r in counts["map_rows"]}["LBY"] == 897_751  # Table 1 (PROVENANCE)


def test_the_map_download_and_api_link_hold_the_shares_shown(client, desa, table_3):
    html = _html(client, "/en/data/series/MIGSTOCK/?tab=map&year=2024")
    assert 'aria-current="true">Share of the population (%)</a>' in html
    assert "Map: International migrant stock as a percentage of the total population." in html
    libya = re.search(r'<li data-m49="434" data-placement="[a-z]+">Libya: ([^<]+)</li>', html).group(1)
    assert libya == percent(table_3["434"][2024])
    download = re.search(r'href="([^"]+what=map[^"]+format=csv)"', html).group(1).replace("&amp;", "&")
    content = b"".join(client.get(download).streaming_content).decode("utf-8-sig")  # spreadsheets: a BOM
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["series"] for row in rows} == {"MIGSTOCK_SHARE"}
    by_area = {row["area"]: float(row["value"]) for row in rows}
    assert by_area["LBY"] == pytest.approx(table_3["434"][2024], rel=1e-12)
    api = re.search(r'href="(/api/v1/observations\?[^"]+)" class="api-link" data-api="map"', html).group(1)
    answer = client.get(api.replace("&amp;", "&")).json()
    assert {item["series"] for item in answer["items"]} == {"MIGSTOCK_SHARE"}
    assert len(answer["items"]) == len(rows)
    counts = _html(client, "/en/data/series/MIGSTOCK/?tab=map&year=2024&map=count")
    assert 'aria-current="true">Number of migrants</a>' in counts
    assert re.search(r'data-m49="434" data-placement="[a-z]+">Libya: 897,751</li>', counts)


@pytest.mark.parametrize(
    ("lang", "share", "count"),
    [
        ("fr", "Part de la population (%)", "Nombre de migrants"),
        ("es", "Proporción de la población (%)", "Número de migrantes"),
    ],
)
def test_the_map_choice_is_translated(client, desa, lang, share, count):
    html = _html(client, f"/{lang}/data/series/MIGSTOCK/?tab=map")
    assert f">{share}</a>" in html and f">{count}</a>" in html

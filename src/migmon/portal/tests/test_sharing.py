"""A shared chart carries its credits (issue 12, item 6): title, subtitle (areas, breakdown), source with the
release date, the licence the data's PROVENANCE states, the page's address; the embed box offers ``<iframe>``
code and the embed honours its tab."""

from __future__ import annotations

import html
import json
import re

import pytest
from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data

from migmon.portal.sharing import licence_of


@pytest.fixture
def real(db, data_dir):
    load_portal_data(data_dir, DESA_2024_DESTINATION, SDG_10_7_3)


def _credits(page: str) -> dict:
    match = re.search(r'<script id="chart-credits" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no chart credits on the page"
    return json.loads(match.group(1))


def test_migrant_stock_credits_name_un_desa_its_release_and_cc_by(client, real):
    page = client.get("/fr/data/series/MIGSTOCK/", {"area": ["DEU", "FRA"]}).content.decode()
    credits = _credits(page)
    assert credits["title"] == "Stock de migrants internationaux en milieu d’année"
    assert credits["subtitle"][0] == "Allemagne, France"
    assert credits["source"].startswith(
        "Source : UN DESA Population Division, UN DESA International Migrant Stock 2024"
    )
    assert "(publication du " in credits["source"]
    assert credits["licence"] == "Licence : CC BY 3.0 IGO"
    assert credits["url"].startswith("http://testserver/fr/data/series/MIGSTOCK/?tab=chart&area=DEU&area=FRA&year=2024")


def test_indicator_credits_carry_the_indicator_code_and_its_page(client, real):
    page = client.get("/en/data/indicators/10.7.3/", {"area": "GRC"}).content.decode()
    credits = _credits(page)
    assert credits["title"].startswith("10.7.3 ")
    assert credits["url"].startswith(
        "http://testserver/en/data/indicators/10.7.3/?series=SM_DTH_MIGR&tab=chart&area=GRC"
    )
    assert credits["licence"] == "Licence: UN SDG database: free to use with attribution"


def test_embed_box_offers_iframe_code_and_the_embed_honours_the_map_tab(client, real):
    page = client.get("/en/data/series/MIGSTOCK/", {"area": "DEU", "tab": "map"}).content.decode()
    code = html.unescape(
        re.search(r'<textarea readonly rows="3" id="embed-code">(.*?)</textarea>', page, re.S).group(1)
    )
    assert code.startswith('<iframe src="http://testserver/en/data/series/MIGSTOCK/embed/?tab=map&amp;area=DEU')
    assert 'title="International migrant stock at mid-year"' in code and code.endswith("></iframe>")
    src = html.unescape(re.search(r'src="([^"]+)"', code).group(1))
    embed = client.get(src.removeprefix("http://testserver")).content.decode()
    assert 'id="map"' in embed and 'id="chart"' not in embed
    chart = client.get("/en/data/series/MIGSTOCK/embed/", {"area": "DEU"}).content.decode()
    assert 'id="chart"' in chart and 'id="map"' not in chart


def test_licences_of_the_bundled_datasets():
    # As each data/*/PROVENANCE.md states.
    assert licence_of("undesa-ims-2024") == licence_of("undesa-ims-od-2019") == "CC BY 3.0 IGO"
    assert licence_of("migmon-missing-migrants-register").startswith("CC BY IGO")
    assert licence_of("national-data") == ""

"""SDMX-ML and SDMX-CSV downloads on series pages: offered where the DSD can carry the view, with the SDMX media
types; where it cannot, the page says why instead of offering a download that would fail."""

from __future__ import annotations

import pytest
from lxml import etree

from migmon.indicators.exporters import SdmxMlExporter
from migmon.indicators.models import Series
from migmon.indicators.services import FileSource, release_import
from migmon.indicators.tests.conftest import ListReader, record


def download_links(content: bytes) -> dict[str, str]:
    page = etree.HTML(content)
    return {link.get("data-download"): link.get("href") for link in page.iter("a") if link.get("data-download")}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_a_series_page_offers_sdmx_ml_with_the_rows_it_shows(client, sample, language):
    page = client.get(f"/{language}/data/series/SM_DTH_MIGR/", {"area": "MLT"})
    links = download_links(page.content)
    assert {"csv", "json", "sdmx-csv", "sdmx-ml"} <= set(links)
    assert b">SDMX-ML</a>" in page.content
    response = client.get(links["sdmx-ml"])
    assert response.status_code == 200 and response["Content-Type"] == SdmxMlExporter.media_type
    root = etree.fromstring(b"".join(response.streaming_content))
    assert {series.get("REF_AREA") for series in root.iter("Series")} == {"470"}
    values = {obs.get("TIME_PERIOD"): float(obs.get("OBS_VALUE")) for obs in root.iter("Obs")}
    malta = sample["areas"]["MLT"].name_en
    assert values == {row["Year"]: float(row["Value"]) for row in sample["rows"] if row["GeoAreaName"] == malta}


@pytest.mark.django_db
def test_a_series_the_dsd_does_not_have_says_why_it_has_no_sdmx_ml(client, sample, tmp_path):
    # Malta, mid-2024: 199,466 international migrants (UN DESA 2024, Table 1); MIGSTOCK is not in CL_SERIES.
    Series.objects.create(code="MIGSTOCK", name_en="International migrant stock", unit="NUMBER")
    source = tmp_path / "stock.csv"
    source.write_text("stock")
    release_import(source=FileSource(source, ListReader([record("MIGSTOCK", "MLT", "2024", "199466", kind="iso3")])))
    page = client.get("/en/data/series/MIGSTOCK/", HTTP_ACCEPT_LANGUAGE="en")
    links = download_links(page.content)
    assert "sdmx-csv" in links and "sdmx-ml" not in links
    notes = [note.text for note in etree.HTML(page.content).iter("p") if note.get("data-sdmx-refused") is not None]
    assert notes and all("MIGSTOCK is not a series of the global SDG DSD" in note for note in notes)
    refused = client.get(links["sdmx-csv"].replace("format=sdmx-csv", "format=sdmx-ml"))
    assert refused.status_code == 404

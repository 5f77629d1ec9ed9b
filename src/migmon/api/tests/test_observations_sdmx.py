"""GET /api/v1/observations?format=sdmx-ml|sdmx-csv: the same page as the JSON answer, against the SDG DSD, with
the SDMX media types, the next page linked, corridor values refused as a 400 naming ``format``."""

from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from migmon.indicators.exporters import SdmxCsvExporter, SdmxMlExporter
from migmon.indicators.models import Series
from migmon.indicators.services import FileSource, release_import
from migmon.indicators.tests.conftest import ListReader, record

URL = "/api/v1/observations"


@pytest.mark.django_db
def test_sdmx_ml_holds_the_page_the_json_answer_holds(client, sample):
    params = {"series": "SM_DTH_MIGR", "limit": 20}
    items = client.get(URL, params).json()["items"]
    response = client.get(URL, {**params, "format": "sdmx-ml"})
    assert response.status_code == 200 and response["Content-Type"] == SdmxMlExporter.media_type
    assert response["Content-Disposition"] == 'attachment; filename="SM_DTH_MIGR.sdmx.xml"'
    root = etree.fromstring(response.content)
    written = {
        (series.get("REF_AREA"), obs.get("TIME_PERIOD")): float(obs.get("OBS_VALUE"))
        for series in root.iter("Series")
        for obs in series.iter("Obs")
    }
    m49 = {area.iso3: str(int(area.m49)) for area in sample["areas"].values()}
    assert written == {(m49[item["area"]], item["period"]): item["value"] for item in items}
    assert 'rel="next"' in response["Link"] and "format=sdmx-ml" in response["Link"]


@pytest.mark.django_db
def test_sdmx_csv_has_its_media_type_and_the_dsd_key(client, sample):
    response = client.get(URL, {"series": "SM_DTH_MIGR", "area": "MLT", "format": "sdmx-csv"})
    assert response["Content-Type"] == SdmxCsvExporter.media_type
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["REF_AREA"], r["REPORTING_TYPE"], r["STRUCTURE_ID"]) for r in rows} == {
        ("470", "G", "IAEG-SDGs:SDG(1.14)")
    }


@pytest.mark.django_db
def test_a_selection_the_dsd_cannot_carry_is_a_400_naming_format(client, sample, tmp_path):
    assert client.get(URL, {"series": "NOPE", "format": "sdmx-ml"}).json()["parameter"] == "series"
    # MIGSTOCK is UN DESA's, not in CL_SERIES: no SDMX-ML. Malta, mid-2024: 199,466 migrants (DESA 2024, Table 1).
    Series.objects.create(code="MIGSTOCK", name_en="International migrant stock", unit="NUMBER")
    source = tmp_path / "stock.csv"
    source.write_text("stock")
    release_import(source=FileSource(source, ListReader([record("MIGSTOCK", "MLT", "2024", "199466", kind="iso3")])))
    answer = client.get(URL, {"series": "MIGSTOCK", "format": "sdmx-ml"}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400 and answer.json()["parameter"] == "format"
    assert "MIGSTOCK" in answer.json()["message"] and "CL_SERIES" in answer.json()["message"]


def test_the_openapi_documents_the_sdmx_formats(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/observations"]["get"]
    assert SdmxMlExporter.media_type in operation["responses"]["200"]["content"]
    assert "application/json" in operation["responses"]["200"]["content"]
    (fmt,) = [parameter for parameter in operation["parameters"] if parameter["name"] == "format"]
    assert {"sdmx-ml", "sdmx-csv"} <= set(fmt["schema"]["enum"])

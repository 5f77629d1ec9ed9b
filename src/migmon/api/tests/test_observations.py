"""GET /api/v1/observations: filters, cursor pagination, CSV, errors, caching headers and the rate limit."""

from __future__ import annotations

import csv
import io
from typing import get_args

import pytest

from migmon.api import schemas
from migmon.indicators import vocabulary
from migmon.indicators.services import FileSource, release_import

URL = "/api/v1/observations"


def file_values(sample, iso3):
    name = sample["areas"][iso3].name_en
    aliases = {"Netherlands": "Netherlands (Kingdom of the)"}
    return {row["Year"]: float(row["Value"]) for row in sample["rows"] if row["GeoAreaName"] == aliases.get(name, name)}


@pytest.mark.django_db
def test_one_area_by_iso3_or_m49_gives_the_file_values(client, sample):
    by_iso = client.get(URL, {"series": "SM_DTH_MIGR", "area": "MLT"}).json()
    by_m49 = client.get(URL, {"series": "SM_DTH_MIGR", "area": "470"}).json()
    assert by_iso == by_m49
    assert {item["period"]: item["value"] for item in by_iso["items"]} == file_values(sample, "MLT")
    item = by_iso["items"][0]
    assert set(item) == {
        "series",
        "area",
        "period",
        "value",
        "unit",
        "dimensions",
        "reporting_type",
        "nature",
        "footnote",
        "source",
        "release",
        "provisional",
        "as_of",
    }
    assert item["series"] == "SM_DTH_MIGR" and item["area"] == "MLT" and item["release"] == sample["release"].pk
    assert item["reporting_type"] == "G"  # the UN Global SDG Database's figure
    assert by_iso["next"] is None


@pytest.mark.django_db
def test_repeated_area_and_year_range(client, sample):
    data = client.get(URL + "?series=SM_DTH_MIGR&area=MLT&area=GRC&start=2016&end=2018").json()
    expected = {("MLT", y): v for y, v in file_values(sample, "MLT").items() if 2016 <= int(y) <= 2018}
    expected |= {("GRC", y): v for y, v in file_values(sample, "GRC").items() if 2016 <= int(y) <= 2018}
    assert {(i["area"], i["period"]): i["value"] for i in data["items"]} == expected


@pytest.mark.django_db
def test_cursor_pagination_walks_every_row_once(client, sample):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"series": "SM_DTH_MIGR", "limit": 50}
        if cursor:
            params["cursor"] = cursor
        data = client.get(URL, params).json()
        seen += [(i["area"], i["period"]) for i in data["items"]]
        pages += 1
        cursor = data["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == len(sample["rows"])
    assert pages == -(-len(sample["rows"]) // 50)


@pytest.mark.django_db
def test_csv_has_the_same_rows_as_json(client, sample):
    json_items = client.get(URL, {"series": "SM_DTH_MIGR"}).json()["items"]
    response = client.get(URL, {"series": "SM_DTH_MIGR", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["area"], r["period"], float(r["value"])) for r in rows] == [
        (i["area"], i["period"], i["value"]) for i in json_items
    ]


@pytest.mark.django_db
def test_csv_pages_link_to_the_next_page(client, sample):
    response = client.get(URL, {"series": "SM_DTH_MIGR", "format": "csv", "limit": 10})
    assert 'rel="next"' in response["Link"] and "cursor=" in response["Link"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter", "status"),
    [
        ({"series": "NOPE"}, "series", 400),
        ({"area": "XXX"}, "area", 400),
        ({"start": "abc"}, "start", 400),
        ({"start": 2020, "end": 2010}, "end", 400),
        ({"limit": 0}, "limit", 400),
        ({"limit": 100000}, "limit", 400),
        ({"format": "xml"}, "format", 400),
        ({"cursor": "!!"}, "cursor", 400),
        ({"colour": "blue"}, "colour", 400),
        ({"reporting_type": "X"}, "reporting_type", 400),
    ],
)
def test_errors_are_json_naming_the_parameter(client, sample, params, parameter, status):
    response = client.get(URL, params)
    assert response.status_code == status
    body = response.json()
    assert body["parameter"] == parameter and body["message"]


@pytest.mark.django_db
def test_dimension_filters(client, sample):
    totals = client.get(URL, {"series": "SM_DTH_MIGR", "sex": "_T"}).json()["items"]
    women = client.get(URL, {"series": "SM_DTH_MIGR", "sex": "F"}).json()["items"]
    assert len(totals) == len(sample["rows"]) and women == []


@pytest.mark.django_db
def test_etag_and_last_modified_give_304(client, sample):
    first = client.get(URL, {"series": "SM_DTH_MIGR"})
    assert first["Cache-Control"].startswith("public, max-age=")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(URL, {"series": "SM_DTH_MIGR"}, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(URL, {"series": "SM_DTH_MIGR"}, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(URL, {"series": "SM_DTH_MIGR", "area": "MLT"}, headers={"If-None-Match": first["ETag"]})
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_new_release_changes_the_etag(client, sample):
    from migmon.indicators.models import Release

    first = client.get(URL, {"series": "SM_DTH_MIGR"})
    old = sample["release"]
    Release.objects.create(
        dataset=old.dataset, file_name="again.csv", sha256="1" * 64, importer="x", importer_version="1"
    )
    second = client.get(URL, {"series": "SM_DTH_MIGR"}, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200 and second["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_rate_limit_answers_429_with_retry_after(client, sample, settings, monkeypatch):
    settings.MIGMON_API_RATE_LIMIT = "3/60"
    monkeypatch.setattr("migmon.core.rate_limit.time.time", lambda: 1_800_000_010.0)  # 50 s left in the window
    statuses = [client.get("/api/v1/goals").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/goals")
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response.json()["message"]
    other_client = client.get("/api/v1/goals", REMOTE_ADDR="10.0.0.2")
    assert other_client.status_code == 200


@pytest.mark.django_db
def test_a_national_value_beside_the_global_one_filtered_by_reporting_type(client, sample, tmp_path):
    # Malta 2019 as the UN file gives it (84), imported a second time as Malta's own (national) figure.
    malta_2019 = file_values(sample, "MLT")["2019"]
    path = tmp_path / "malta_national.csv"
    path.write_text(f"series,area,period,value,reporting_type\nSM_DTH_MIGR,MLT,2019,{malta_2019:g},N\n")
    national = FileSource(path)
    imported = release_import(source=national)
    query = {"series": "SM_DTH_MIGR", "area": "MLT", "start": 2019, "end": 2019}

    both = client.get(URL, query).json()["items"]
    assert [(i["reporting_type"], i["value"], i["release"]) for i in both] == [
        ("G", malta_2019, sample["release"].pk),
        ("N", malta_2019, imported.release.pk),
    ]
    assert client.get(URL, {**query, "reporting_type": "N"}).json()["items"] == both[1:]
    assert client.get(URL, {**query, "reporting_type": ["G", "N"]}).json()["items"] == both
    rows = list(csv.DictReader(io.StringIO(client.get(URL, {**query, "format": "csv"}).content.decode())))
    assert [(r["reporting_type"], r["release"]) for r in rows] == [
        ("G", str(sample["release"].pk)),
        ("N", str(imported.release.pk)),
    ]


def test_the_openapi_schema_documents_the_reporting_type(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/observations"]["get"]["parameters"]}
    documented = parameters["reporting_type"]
    assert "national" in documented["description"] and documented["schema"]["items"]["enum"] == ["G", "N", "R"]
    item = schema["components"]["schemas"]["Observation"]["properties"]["reporting_type"]
    assert item["enum"] == ["G", "N", "R"] and "REPORTING_TYPE" in item["description"]
    assert get_args(schemas.ReportingTypeCode) == tuple(vocabulary.REPORTING_TYPES)

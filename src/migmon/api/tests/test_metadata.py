"""Framework, area and release endpoints, and the OpenAPI document."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_framework_chain(client, sample):
    goals = client.get("/api/v1/goals").json()
    assert [g["code"] for g in goals] == ["10"] and goals[0]["targets"] == ["10.7"]
    target = client.get("/api/v1/targets/10.7").json()
    assert target["indicators"] == ["10.7.3"] and target["goal"] == "10"
    indicator = client.get("/api/v1/indicators/10.7.3").json()
    assert indicator["series"] == ["SM_DTH_MIGR"]
    assert indicator["title"]["fr"].startswith("Nombre de personnes")
    assert indicator["title"]["es"] != indicator["title"]["en"]
    series = client.get("/api/v1/series/SM_DTH_MIGR").json()
    years = sorted(int(row["Year"]) for row in sample["rows"])
    assert (series["observations"], series["start"], series["end"]) == (len(sample["rows"]), years[0], years[-1])
    assert [s["code"] for s in client.get("/api/v1/series", {"indicator": "10.7.3"}).json()] == ["SM_DTH_MIGR"]


@pytest.mark.django_db
def test_unknown_codes_are_404_naming_the_parameter(client, sample):
    for url in ("/api/v1/targets/99.9", "/api/v1/indicators/1.1.9", "/api/v1/series/NOPE", "/api/v1/releases/999999"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["parameter"]
    area = client.get("/api/v1/areas/ZZZ")
    assert area.status_code == 400 and area.json()["parameter"] == "code"


@pytest.mark.django_db
def test_areas_by_iso3_and_m49(client, sample):
    malta = client.get("/api/v1/areas/MLT").json()
    assert malta == client.get("/api/v1/areas/470").json()
    assert (malta["m49"], malta["iso2"], malta["kind"], malta["parent"]) == ("470", "MT", "country", "039")
    countries = client.get("/api/v1/areas", {"kind": "country"}).json()
    assert len(countries) == len(sample["areas"])


@pytest.mark.django_db
def test_releases_show_provenance(client, sample):
    [release] = client.get("/api/v1/releases").json()
    assert release["file_name"] == "indicator_10-7-3.csv" and release["dataset"] == "sdg-global-database"


@pytest.mark.django_db
def test_openapi_documents_every_resource(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for expected in ("goals", "targets", "indicators", "series", "gcm-objectives", "areas", "releases", "observations"):
        assert f"/api/v1/{expected}" in paths
    item = schema["components"]["schemas"]["Observation"]["properties"]
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
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200


def test_docs_load_swagger_from_our_static_files_not_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html

"""/api/v1/progress on the bundled data: components, levels, strict parameters, 304s, CSV and the OpenAPI schema."""

from __future__ import annotations

import csv
import io

import pytest


@pytest.fixture
def api(client, progress_data):
    return client


def test_rows_levels_methods_and_region_means(api):
    answer = api.get("/api/v1/progress", {"area": "ARM", "series": "SI_RMT_COST"}).json()
    (row,) = answer["items"]
    assert (row["area"], row["series"], row["basis"]) == ("ARM", "SI_RMT_COST", "own_series")
    open_sdg = row["open_sdg"]
    assert open_sdg["status"] == "deterioration"  # 1.48 % in 2015, 5.64 % in 2021: worsened past ≤ 3 %
    assert (open_sdg["base_year"], open_sdg["base_value"], open_sdg["current_value"]) == (2015, 1.48, 5.64)
    assert open_sdg["ratio"] == pytest.approx(-5.179, abs=5e-3)
    assert open_sdg["target_value"] == 3.0
    assert row["anticipated"]["status"] == "regressing"
    assert "base_beyond_target" in row["anticipated"]["warnings"]

    # levels and methods
    answer = api.get("/api/v1/progress", {"area": "ARM", "level": "indicator", "method": "open_sdg"}).json()
    by_code = {row["code"]: row for row in answer["items"]}
    assert by_code["10.c.1"]["open_sdg"]["status"] == "deterioration"
    assert "anticipated" not in by_code["10.c.1"]
    world = api.get("/api/v1/progress", {"area": "001", "level": "target", "indicator": "10.c.1"}).json()
    assert [row["code"] for row in world["items"]] == ["10.c"]

    # a region's rows say they are the mean of its countries
    rows = api.get("/api/v1/progress", {"area": "001", "series": "SI_RMT_COST"}).json()["items"]
    (row,) = rows
    assert row["basis"] == "country_mean"
    assert row["countries"] == 29  # the countries with 10.c.1 values in the bundled file
    assert row["open_sdg"]["members"] <= 29


def test_strict_parameters_conditional_requests_csv_and_openapi(api):
    unknown = api.get("/api/v1/progress", {"areas": "ARM"})
    assert unknown.status_code == 400
    assert unknown.json()["parameter"] == "areas"
    unknown_area = api.get("/api/v1/progress", {"area": "XXX"})
    assert (unknown_area.status_code, unknown_area.json()["parameter"]) == (400, "area")
    assert api.get("/api/v1/progress", {"indicator": "99.9.9"}).json()["parameter"] == "indicator"
    assert api.get("/api/v1/progress", {"level": "galaxy"}).status_code == 400
    assert api.get("/api/v1/progress", {"level": "goal", "series": "SI_RMT_COST"}).status_code == 400

    first = api.get("/api/v1/progress", {"area": "AUS", "indicator": "10.c.1"})
    again = api.get("/api/v1/progress", {"area": "AUS", "indicator": "10.c.1"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    answer = api.get("/api/v1/progress", {"area": "AUS", "indicator": "10.c.1", "format": "csv"})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    corridor = next(row for row in rows if row["measure"] == "corridors_above_5")
    assert corridor["open_sdg_target_value"] == "0.0"
    assert corridor["corridors"].startswith("2016:")

    schema = api.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/progress"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"area", "indicator", "series", "method", "level", "format"} <= names

"""One door into the statistics store: the same request through the portal, the API and ``migmon export``.

The request is the 10.c.1 corridor cost from Australia to Thailand, 2017–2019, with the area and the
counterpart given as a code and as a name. Whatever door it comes through, it must select the same rows —
the ones the Open SDG file holds (data/sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_BC.csv:
11.46806, 9.11891 and 8.66799 per cent).
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.portal_data import load_portal_data

SERIES = "SI_RMT_COST_BC"
FILE = "sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_BC.csv"
EXPECTED = [
    (SERIES, "AUS", "2017", 11.46806, "THA"),
    (SERIES, "AUS", "2018", 9.11891, "THA"),
    (SERIES, "AUS", "2019", 8.66799, "THA"),
]
AUSTRALIA = ["AUS", "036", "AU", "Australia", "Australie"]
THAILAND = ["THA", "764", "Thailand", "Thaïlande"]
SRC = Path(__file__).resolve().parents[1] / "src" / "migmon"


@pytest.fixture
def corridors(db, data_dir):
    load_portal_data(data_dir, FILE)


def tidy_rows(content: bytes) -> list[tuple]:
    """(series, area, period, value, counterpart) of a tidy CSV export."""
    return [
        (row["series"], row["area"], row["period"], float(row["value"]), row["COUNTERPART_AREA"])
        for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    ]


def api_rows(client, query: str) -> list[tuple]:
    response = client.get("/api/v1/observations?" + query)
    assert response.status_code == 200, response.content
    return [
        (item["series"], item["area"], item["period"], item["value"], item["dimensions"].get("COUNTERPART_AREA"))
        for item in response.json()["items"]
    ]


def portal_download(client, area: str) -> list[tuple]:
    with translation.override("fr"):
        url = reverse("portal:series_download", args=[SERIES])
    params = {"area": area, "start": 2017, "end": 2019, "breakdown": "COUNTERPART_AREA=THA"}
    response = client.get(url + "?" + urlencode({**params, "what": "chart", "format": "csv"}))
    assert response.status_code == 200
    return tidy_rows(b"".join(response.streaming_content))


def cli_export(area: str, counterpart: str) -> list[tuple]:
    out = io.StringIO()
    call_command(
        "export_observations",
        "--series",
        SERIES,
        "--area",
        area,
        "--start",
        "2017",
        "--end",
        "2019",
        "--dimension",
        f"counterpart_area={counterpart}",
        stdout=out,
    )
    return tidy_rows(out.getvalue().encode())


def test_the_same_request_gives_the_same_rows_through_every_door(client, corridors):
    # One import for every spelling (loading the geography and the file is most of the test's time).
    for area in AUSTRALIA:
        for counterpart in THAILAND:
            query = {"series": SERIES, "area": area, "start": 2017, "end": 2019, "counterpart_area": counterpart}
            assert api_rows(client, urlencode(query)) == EXPECTED, (area, counterpart)
            assert cli_export(area, counterpart) == EXPECTED, (area, counterpart)
        assert portal_download(client, area) == EXPECTED, area


def test_the_page_links_to_the_api_and_the_download_of_its_own_rows(client, corridors):
    with translation.override("fr"):
        url = reverse("portal:series_detail", args=[SERIES])
    state = {"area": "Australie", "start": 2017, "end": 2019, "breakdown": "COUNTERPART_AREA=THA", "tab": "table"}
    response = client.get(url + "?" + urlencode(state))
    assert response.status_code == 200
    context = response.context
    assert [(row["code"], row["period"], row["value"]) for row in context["view"]["table_rows"]] == [
        (area, period, value) for _series, area, period, value, _counterpart in EXPECTED
    ]
    api_url = context["api_urls"]["chart"]
    assert api_rows(client, api_url.split("?", 1)[1]) == EXPECTED
    csv_link = dict(context["downloads"]["chart"])["csv"]
    assert tidy_rows(b"".join(client.get(csv_link).streaming_content)) == EXPECTED


def test_a_name_that_is_no_area_is_refused_by_the_api_and_the_cli(client, corridors):
    response = client.get("/api/v1/observations", {"series": SERIES, "area": "Atlantis"})
    assert response.status_code == 400 and response.json()["parameter"] == "area"
    with pytest.raises(Exception, match="Unknown area 'Atlantis'"):
        cli_export("Atlantis", "THA")


#: Models only the domain reads: the portal and the API get their rows through indicators.selectors.
STORE_MODELS = {"Observation", "ObservationRevision", "DimensionSet", "Release"}


@pytest.mark.parametrize("app", ["portal", "api"])
def test_pages_and_api_read_no_observation_model_directly(app):
    offenders = []
    for path in sorted((SRC / app).rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "migmon.indicators.models":
                offenders += [f"{path.name}: {alias.name}" for alias in node.names if alias.name in STORE_MODELS]
    assert not offenders

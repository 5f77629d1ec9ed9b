"""Honest time on the data pages: the register's years still being recorded read as provisional, everywhere.

With the bundled IOM files, 2025 is provisional as of 2025-09-15 and 2026 as of 2026-05-06 (see
``incidents/tests/test_completeness.py``); 2024 is the latest final year of the 10.7.3 register series.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from migmon.incidents.aggregates import SERIES_CODE
from migmon.indicators.models import Observation
from migmon.portal.selectors import chart_with_gaps

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bundled_register(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Geography, the SDG framework (profiles list its indicators) and the three bundled IOM files, once."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_geography", verbosity=0)
        call_command("load_framework", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("import_bundled_incidents", verbosity=0)
        yield
        transaction.set_rollback(True)


def _world(year: int) -> float:
    return Observation.objects.get(
        series__code=SERIES_CODE, area__m49="001", period=str(year), dimensions__key=""
    ).value


def _embedded(html: str, element_id: str) -> list[dict]:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "provisional, data as of May 6, 2026"),
        ("fr", "provisoire, données au 6 mai 2026"),
        ("es", "provisional, datos al 6 de mayo de 2026"),
    ],
)
def test_series_page_marks_provisional_years_and_maps_the_latest_final_year(bundled_register, language, words):
    html = Client().get(f"/{language}/data/series/{SERIES_CODE}/?area=001&tab=table").content.decode()
    rows = {row["year"]: row for row in _embedded(html, "chart-data")}
    assert (rows[2024]["provisional"], rows[2025]["as_of"], rows[2026]["as_of"]) == (False, "2025-09-15", "2026-05-06")
    assert rows[2026]["status"] == words
    assert f"({words})" in html  # the table says it beside the period
    assert '<option value="2024" selected>2024</option>' in html.split('id="state-year"')[1].split("</select>")[0]


def test_home_headlines_the_latest_final_year_not_the_partial_one(bundled_register):
    from migmon.portal.profiles import home_figures_data

    deaths = home_figures_data()["deaths"]
    assert deaths == {"year": 2024, "value": _world(2024)}
    assert _world(2026) == 1900  # what the home page headlined before: the 2026 export's first four months


def test_profile_compares_areas_in_the_same_final_year_and_shows_the_partial_one_beside(bundled_register):
    from migmon.geo.models import Area
    from migmon.portal.profiles import profile_data

    with translation.override("en"):
        data = profile_data(Area.objects.get(iso3="LBY"))
    row = next(r for r in data["indicator_rows"] if r["series"] == SERIES_CODE)
    assert (row["period"], row["provisional"]) == ("2024", False)
    assert row["comparisons"] and {c["year"] for c in row["comparisons"]} == {2024}
    world = next(c for c in row["comparisons"] if c["code"] == "001")
    assert world["value"] == _world(2024)
    newest = max(
        Observation.objects.filter(series__code=SERIES_CODE, area__iso3="LBY", dimensions__key="").values_list(
            "period", flat=True
        )
    )
    assert newest in ("2025", "2026")
    as_of = {"2025": "2025-09-15", "2026": "2026-05-06"}[newest]
    assert [(n["period"], str(n["as_of"])) for n in row["newer"]] == [(newest, as_of)]


def test_a_line_breaks_where_it_skips_a_year_the_series_reports():
    chart = [
        {"line": "Malta", "year": 2015, "period": "2015", "value": 1.0, "provisional": False},
        {"line": "Malta", "year": 2018, "period": "2018", "value": 2.0, "provisional": False},
        {"line": "Chile", "year": 2016, "period": "2016", "value": 3.0, "provisional": False},
    ]
    filled = chart_with_gaps(chart, [2014, 2015, 2016, 2017, 2018, 2019])
    assert [(r["line"], r["year"], r["value"]) for r in filled] == [
        ("Chile", 2016, 3.0),
        ("Malta", 2015, 1.0),
        ("Malta", 2016, None),
        ("Malta", 2017, None),
        ("Malta", 2018, 2.0),
    ]


def test_downloads_say_which_periods_are_provisional(bundled_register):
    import csv
    import io

    base = f"/en/data/series/{SERIES_CODE}/download/?area=001&start=2024"
    response = Client().get(base + "&format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {(r["period"], r["provisional"], r["as_of"]) for r in rows} == {
        ("2024", "false", ""),
        ("2025", "true", "2025-09-15"),
        ("2026", "true", "2026-05-06"),
    }
    items = json.loads(b"".join(Client().get(base + "&format=json").streaming_content))["observations"]
    assert {(i["period"], i["provisional"], i["as_of"]) for i in items} == {
        ("2024", False, None),
        ("2025", True, "2025-09-15"),
        ("2026", True, "2026-05-06"),
    }
    text = b"".join(Client().get(base + "&format=sdmx-csv").streaming_content).decode()
    sdmx = list(csv.DictReader(io.StringIO(text)))
    assert {(r["TIME_PERIOD"], r["OBS_STATUS"]) for r in sdmx} == {("2024", "A"), ("2025", "P"), ("2026", "P")}

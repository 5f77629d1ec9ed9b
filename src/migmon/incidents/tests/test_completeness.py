"""Honest time: the register's years after its last complete export are provisional, with the date of their data.

On the bundled files (PROVENANCE.md of each folder): the allData xlsx (exported 2025-06-26) completes 2014–2024
and holds part of 2025; the API JSON of 2025-09-15 holds 2025 to 09-08; the website CSV of 2026-05-06 holds
2026 to 05-03. So 2025 is provisional as of 2025-09-15 and 2026 as of 2026-05-06; 2024 and earlier are final.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from migmon.incidents import selectors
from migmon.incidents.aggregates import SERIES_CODE

pytestmark = pytest.mark.django_db


def test_years_after_the_last_complete_export_are_provisional_as_of_their_newest_export(bundled_register):
    years = selectors.provisional_years(today=date(2026, 12, 1))
    assert {year: info.as_of for year, info in years.items()} == {2025: date(2025, 9, 15), 2026: date(2026, 5, 6)}
    assert years[2026].basis == "IOM export of 2026-05-06 (MissingMigrants-Global-2026-05-06--19_42_11.csv)"


def test_the_api_marks_the_provisional_years_of_the_10_7_3_series(bundled_register):
    items = Client().get(f"/api/v1/observations?series={SERIES_CODE}&area=001&start=2023").json()["items"]
    by_year = {item["period"]: (item["value"], item["provisional"], item["as_of"]) for item in items}
    assert by_year == {
        "2023": (by_year["2023"][0], False, None),
        "2024": (by_year["2024"][0], False, None),
        "2025": (by_year["2025"][0], True, "2025-09-15"),
        "2026": (1900, True, "2026-05-06"),  # the 2026 export's dead + missing (PROVENANCE.md)
    }
    text = Client().get(f"/api/v1/observations?series={SERIES_CODE}&area=001&start=2026&format=csv").content
    header, row = text.decode().splitlines()
    assert header.endswith(",release,provisional,as_of") and row.endswith(",true,2026-05-06")


def test_a_year_becomes_final_and_the_data_version_moves(bundled_register):
    from migmon.indicators.selectors import data_version, provisional_periods, series_by_code
    from migmon.indicators.services import provisional_periods_set

    series = series_by_code(SERIES_CODE)
    assert series is not None
    before = data_version().tag
    assert provisional_periods_set(series=SERIES_CODE, periods={"2026": date(2026, 5, 6)}, basis={}) is True
    assert set(provisional_periods([series.pk])[series.pk]) == {"2026"}
    assert data_version().tag != before
    again = data_version().tag
    assert provisional_periods_set(series=SERIES_CODE, periods={"2026": date(2026, 5, 6)}, basis={}) is False
    assert data_version().tag == again


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "provisoire, données au 6 mai 2026"), ("en", "provisional, data as of May 6, 2026")],
)
def test_the_register_page_says_which_years_are_provisional(bundled_register, language, words):
    html = Client().get(f"/{language}/missing-migrants/").content.decode()
    by_year = html.split('id="data-year"')[1].split("</script>")[0]
    assert '"provisional": true' in by_year and '"as_of": "2026-05-06"' in by_year
    assert f'2026 <span class="provisional" data-as-of="2026-05-06">({words})</span>' in html
    assert '<th scope="row">2024</th>' in html  # final: no mark

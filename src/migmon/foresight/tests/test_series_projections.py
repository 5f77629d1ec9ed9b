"""Trend projections to 2030 on series pages (issue 14 item 4), on the bundled 10.7.3 data: the page's figure is
the projection of the area's own yearly figures, provisional periods are left out, and too few points are refused."""

from __future__ import annotations

import csv
import re
from datetime import date

from django.utils.translation import override

from migmon.foresight.projection import project
from migmon.foresight.series_projections import line_projections
from migmon.foresight.tests.conftest import deaths_by_year
from migmon.indicators.services import provisional_periods_set


def _card(html: str, line: str) -> str:
    match = re.search(
        rf'<article class="projection-card" id="projection-\d+">\s*<h3>{line}</h3>(.*?)</article>', html, re.S
    )
    assert match, f"no projection card for {line}"
    return match.group(1)


def test_the_series_page_projects_each_area_from_its_own_figures(deaths_data, data_dir, client):
    greece = deaths_by_year(data_dir, "Greece")
    expected = project(greece.items()).at_horizon
    assert expected is not None and len(greece) >= 4
    html = client.get("/en/data/series/SM_DTH_MIGR/?area=GRC&area=DNK&tab=progress").content.decode()
    card = _card(html, "Greece")
    value, low, high = (f"{x:.0f}" for x in (expected.value, expected.low, expected.high))
    assert f"Trend projected to 2030: {value} (95 % prediction interval {low} – {high}), from {len(greece)}" in card
    assert "time-weighted linear trend" in card and 'class="projection-chart"' in card
    assert 'id="projection-data"' in html

    with override("fr"):
        french = client.get("/fr/data/series/SM_DTH_MIGR/?area=GRC&tab=progress").content.decode()
        assert f"Tendance projetée en 2030 : {value} (intervalle de prédiction à 95" in _card(french, "Grèce")


def test_provisional_periods_are_not_projected_from(deaths_data, data_dir, client):
    greece = deaths_by_year(data_dir, "Greece")
    last = max(greece)
    provisional_periods_set(series="SM_DTH_MIGR", periods={str(last): date(2026, 5, 6)}, basis={})
    without_last = project((y, v) for y, v in greece.items() if y != last).at_horizon
    html = client.get("/en/data/series/SM_DTH_MIGR/?area=GRC&tab=progress").content.decode()
    card = _card(html, "Greece")
    assert f"Trend projected to 2030: {without_last.value:.0f} " in card
    assert f"Provisional figures not projected from: {last}." in card


def test_too_few_points_are_refused_with_their_count():
    rows = [
        {"line": "X", "code": "XXX", "year": y, "period": str(y), "value": v} for y, v in ((2019, 1.0), (2020, 2.0))
    ]
    (found,) = line_projections("SM_DTH_MIGR", rows, split=True)
    assert found.projection.refused == "too_few_points" and found.projection.points == 2 and found.target is None


COSTS_FILE = "sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST.csv"


def test_a_percentage_is_projected_with_the_decimals_its_table_shows(deaths_data, data_dir, client):
    """10.c.1 remittance costs are percentages of a few units: the card keeps two decimals (7,82, not 8), as the
    series' table and chart do; the counts of 10.7.3 above stay whole."""
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command

    call_command("import_data", str(data_dir / COSTS_FILE), stdout=StringIO(), stderr=StringIO())
    cache.clear()
    with (data_dir / COSTS_FILE).open(encoding="utf-8") as handle:
        costs = {int(r["Year"]): float(r["Value"]) for r in csv.DictReader(handle) if r["GeoAreaName"] == "Bulgaria"}
    end = project(costs.items()).at_horizon
    assert end is not None and not float(round(end.value, 2)).is_integer()
    with override("fr"):
        value, low, high = (f"{x:.2f}".replace(".", ",") if x else "0" for x in (end.value, end.low, end.high))
        html = client.get("/fr/data/series/SI_RMT_COST/?area=BGR&tab=progress").content.decode()
    assert "," in value and len(value.split(",")[1]) == 2  # two decimals, French comma
    assert f"Tendance projetée en 2030 : {value} (intervalle de prédiction à 95 % : {low} – {high})" in _card(
        html, "Bulgarie"
    ).replace("\u202f", " ").replace("&nbsp;", " ")

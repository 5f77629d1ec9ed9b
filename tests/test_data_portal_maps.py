"""Every area with data for a series appears on that series' map: as a 110m shape, or as a dot."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from migmon.geo.models import AreaKind
from migmon.indicators.models import Observation, Series
from migmon.portal.points import area_points
from migmon.portal.selectors import SeriesState, series_view
from tests.portal_data import DESA_2024_DESTINATION, SDG_10_7_3, load_portal_data


@pytest.fixture
def real_data(db, data_dir):
    load_portal_data(data_dir, SDG_10_7_3, DESA_2024_DESTINATION)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["SM_DTH_MIGR", "MIGSTOCK"])
def test_every_country_with_data_is_on_the_map_every_year(real_data, code):
    series = Series.objects.get(code=code)
    years = sorted(set(Observation.objects.filter(series=series).values_list("year", flat=True)))
    assert years
    for year in years:
        view = series_view(series, SeriesState(tab="map", year=year))
        expected = set(
            Observation.objects.filter(
                series=series,
                year=year,
                dimensions_id__in=view["breakdown"].set_ids[:1],
                area__kind=AreaKind.COUNTRY,
                value__isnull=False,
            ).values_list("area__m49", flat=True)
        )
        shown = {row["m49"] for row in view["map_rows"] if row["placement"] in ("shape", "dot")}
        assert expected and shown == expected, (code, year, sorted(expected - shown))


def test_small_areas_are_dots_and_large_ones_shapes():
    points = area_points()
    for m49 in ("470", "702", "048"):  # Malta, Singapore, Bahrain: not in the 110m shapes
        assert points[m49][2] is False
    for m49 in ("250", "724", "434"):
        assert points[m49][2] is True


@pytest.mark.django_db
def test_sex_breakdown_draws_one_line_per_area_and_sex(real_data):
    series = Series.objects.get(code="MIGSTOCK")
    with translation.override("en"):
        view = series_view(series, SeriesState(areas=["MLT"], breakdown="by:SEX"))
    assert view["split"] is True
    lines = {row["line"] for row in view["chart_rows"]}
    assert len(lines) == 3  # total, women, men
    women = {r["year"]: r["value"] for r in view["chart_rows"] if r["breakdown"] == "Female"}
    expected = dict(
        Observation.objects.filter(series=series, area__iso3="MLT", dimensions__key="SEX=F").values_list(
            "year", "value"
        )
    )
    assert women == expected
    assert view["api_filters"] == {}  # every sex, so the download and API link carry no dimension filter


@pytest.mark.django_db
def test_home_figures_come_from_the_store(real_data):
    from migmon.portal.profiles import home_figures_data

    figures = home_figures_data()
    # UN DESA 2024: World 2024 = 304,021,813 (data/undesa-migrant-stock-2024/PROVENANCE.md)
    assert figures["world_stock"] == {"year": 2024, "value": 304021813}
    assert 40 < figures["women_share"] < 60


@pytest.mark.django_db
def test_home_data_block_shows_the_world_figure(real_data):
    from django.template.loader import render_to_string

    with translation.override("en"):
        html = render_to_string("portal/home_data.html")
    assert "304,021,813" in html and "2024" in html
    # Read without the portal's stylesheet (the home page, a reader view, a screen reader), the figure and its
    # words stay apart: "304,021,813 international migrants", not "304,021,813international migrants".
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "304,021,813 international migrants in the world in 2024" in text

"""Every area with data for a series appears on that series' map: as a 110m shape, or as a dot."""

from __future__ import annotations

import pytest

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

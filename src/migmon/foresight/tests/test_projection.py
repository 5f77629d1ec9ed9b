"""Projections to 2030 on the real 10.7.3 values: the same line as the progress app's anticipated method, a
prediction interval around it, refusals below the points the method needs."""

from __future__ import annotations

import pytest

from migmon.foresight.projection import MIN_POINTS, project
from migmon.foresight.tests.conftest import deaths_by_year
from migmon.progress.anticipated import weighted_line


def test_greece_is_projected_every_year_to_2030_on_the_time_weighted_line(data_dir):
    greece = sorted(deaths_by_year(data_dir, "Greece").items())
    result = project(greece)
    assert result.refused is None and result.points == 9
    assert [y.year for y in result.years] == list(range(2023, 2031))
    intercept, slope = weighted_line([(year, value) for year, value in greece], 2030)
    first = result.years[0]
    assert first.value == pytest.approx(intercept + slope * 2023)
    assert first.low < first.value < first.high
    # The line falls below zero before 2030; deaths cannot, so the projection and its interval stop at zero.
    assert intercept + slope * 2030 < 0
    assert result.bounded_at_zero and result.at_horizon.value == 0 and result.at_horizon.low == 0
    assert all(y.low >= 0 for y in result.years)
    # The interval widens the further the projection goes.
    highs = [y.high for y in result.years]
    assert highs == sorted(highs)


def test_a_series_with_negative_values_is_not_bounded():
    result = project([(2015, -3.0), (2016, -1.0), (2017, -2.0), (2018, -4.0), (2019, -5.0)])
    assert not result.bounded_at_zero and result.at_horizon.value < 0


def test_too_few_points_are_refused(data_dir):
    japan = list(deaths_by_year(data_dir, "Japan").items())
    assert project(japan).refused == "too_few_points"
    spain = sorted(deaths_by_year(data_dir, "Spain").items())[-(MIN_POINTS - 1) :]
    assert project(spain).refused == "too_few_points"
    assert project(sorted(deaths_by_year(data_dir, "Spain").items())[-MIN_POINTS:]).refused is None


def test_only_years_before_the_horizon_are_fitted(data_dir):
    greece = sorted(deaths_by_year(data_dir, "Greece").items())
    result = project(greece, horizon=2020)
    assert result.points == 6 and [y.year for y in result.years] == [2020]
    intercept, slope = weighted_line(greece[:6], 2020)
    assert result.at_horizon.value == pytest.approx(intercept + slope * 2020)

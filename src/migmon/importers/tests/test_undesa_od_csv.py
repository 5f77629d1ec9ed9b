"""The 2019 origin x destination matrix (third-party clean reshaping), against its PROVENANCE oracles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from migmon.importers.undesa_od_csv import AGGREGATE_DESTINATIONS, UndesaOdCsvReader

from .helpers import read_all

OD = "undesa-migrant-stock-od-2019-clean/UN_MigrantStockByOriginAndDestination_2019_clean.csv"


@pytest.fixture(scope="module")
def matrix(data_dir):
    return read_all(UndesaOdCsvReader(), data_dir / OD)


@pytest.fixture(scope="module")
def cells_2019(matrix):
    return {(r.area, r.dimension("COUNTERPART_AREA")): r.value for r in matrix[0] if r.period == "2019"}


def test_counts_and_missing_markers(matrix):
    records, problems = matrix
    assert problems == []
    assert len(records) == 1659 * 232  # every cell of every data row
    assert sum(1 for r in records if r.value is None) == 341 + 4  # '..' and '-'
    assert {r.series for r in records} == {"MIGSTOCK_OD"}


@pytest.mark.parametrize(
    ("destination", "origin", "value"),
    [
        ("Germany", "Turkey", 1_531_333),
        ("United States of America", "Mexico", 11_489_684),
        ("Saudi Arabia", "India", 2_440_489),
        ("United Arab Emirates", "India", 3_419_875),
        ("Russian Federation", "Ukraine", 3_269_248),
    ],
)
def test_corridor_oracles(cells_2019, destination, origin, value):
    assert cells_2019[(destination, f"name:{origin}")] == Decimal(value)


def test_row_and_matrix_totals(matrix):
    records = [r for r in matrix[0] if r.period == "2019"]
    assert sum(r.value or 0 for r in records if r.area == "United States of America") == 48_065_741
    countries = [r for r in records if r.area not in AGGREGATE_DESTINATIONS]
    assert len({r.area for r in countries}) == 232
    assert sum(r.value or 0 for r in countries) == 260_283_744


def test_first_record_shape(matrix):
    first = matrix[0][0]
    assert (first.area_kind, first.period, first.unit) == ("name", "1990", "NUMBER")
    assert first.dimensions == (("COUNTERPART_AREA", "name:Afghanistan"),)
    assert str(first.location) == f"{OD.split('/')[1]}, row 2, column Afghanistan"

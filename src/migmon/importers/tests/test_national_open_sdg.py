"""National Open SDG CSVs from three national platforms' data repositories (tests/data/national/PROVENANCE.md):
the country from --area, the series from the Series column or the file name, every code from the DSD."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from migmon.importers.detect import reader_for
from migmon.importers.errors import UnreadableFile
from migmon.importers.national_open_sdg import NationalOpenSdgCsvReader, indicator_of, series_of_indicator
from migmon.importers.options import ReadOptions
from migmon.importers.records import ObservationRecord, Problem

NATIONAL = Path(__file__).resolve().parents[4] / "tests" / "data" / "national"


def read(name: str, area: str, **options: str) -> tuple[list[ObservationRecord], list[Problem]]:
    path = NATIONAL / name
    reader = reader_for(path, ReadOptions(area=area, **options))
    assert isinstance(reader, NationalOpenSdgCsvReader)
    items = list(reader.read(path))
    return [i for i in items if isinstance(i, ObservationRecord)], [i for i in items if isinstance(i, Problem)]


@pytest.mark.parametrize(
    ("name", "area", "kind", "count", "first", "last", "unit"),
    [
        ("armenia/indicator_17-3-2.csv", "ARM", "iso3", 9, ("2015", "14.1"), ("2023", "6.0"), "PT"),
        (
            "united-kingdom/indicator_17-3-2.csv",
            "826",
            "m49",
            33,
            ("1987", "0.183732115891"),
            ("2019", "0.14404788051746667"),
            "PT",
        ),
        ("kazakhstan/indicator_17-3-2.csv", "Kazakhstan", "name", 12, ("2010", "0.15"), ("2021", "0.16"), "PT"),
    ],
)
def test_values_land_on_the_indicator_s_one_series_and_the_given_area(name, area, kind, count, first, last, unit):
    records, problems = read(name, area)
    assert problems == []
    assert len(records) == count
    assert {(r.series, r.area, r.area_kind, r.unit, r.unit_multiplier, r.nature, r.dimensions) for r in records} == {
        ("BX_TRF_PWKR", records[0].area, kind, unit, 0, "C", ())
    }
    assert (records[0].period, records[0].value) == (first[0], Decimal(first[1]))
    assert (records[-1].period, records[-1].value) == (last[0], Decimal(last[1]))


def test_the_dataset_is_the_country_s_own():
    path = NATIONAL / "armenia/indicator_17-3-2.csv"
    assert reader_for(path, ReadOptions(area="ARM")).dataset == "national-open-sdg-arm"
    assert reader_for(path, ReadOptions(area="Kazakhstan")).dataset == "national-open-sdg-kazakhstan"


def test_without_an_area_the_file_is_unreadable_and_says_how_to_read_it():
    with pytest.raises(UnreadableFile, match="does not say which country it holds; import it with --area"):
        reader_for(NATIONAL / "armenia/indicator_17-3-2.csv")


def test_series_words_that_are_no_dsd_name_are_errors_naming_them_and_sex_labels_are_dsd_names():
    records, problems = read("canada/indicator_8-8-1.csv", "CAN")
    assert records == []
    assert len(problems) == 56 and {p.severity for p in problems} == {"error"}
    assert {(p.column, p.value) for p in problems} == {("Series", "Fatality claims"), ("Series", "Lost time claims")}
    assert [p.location.row for p in problems] == list(range(2, 58))  # Male, Female, Unknown, empty: no Sex error
    assert "CL_SERIES" in problems[0].rule
    assert str(problems[0]).startswith("error: indicator_8-8-1.csv, row 2, column Series: value 'Fatality claims'")


def test_a_series_named_by_the_dsd_and_sex_labels_give_codes(tmp_path):
    records, problems = read("canada/indicator_8-8-1.csv", "CAN", series="SL_EMP_FTLINJUR")
    assert len(problems) == 56  # the Series column wins over --series: the file states its series
    text = (NATIONAL / "canada/indicator_8-8-1.csv").read_text().replace('"Fatality claims"', '"SL_EMP_FTLINJUR"')
    rows = text.splitlines()[:25]
    edited = tmp_path / "indicator_8-8-1.csv"  # Canada's first 24 rows, the series written as its DSD code
    edited.write_text("\n".join(rows) + "\n")
    items = list(reader_for(edited, ReadOptions(area="CAN")).read(edited))
    records = [i for i in items if isinstance(i, ObservationRecord)]
    assert [i for i in items if isinstance(i, Problem)] == []
    assert [(r.period, r.dimensions, r.value) for r in records[:3]] == [
        ("2015", (("SEX", "M"),), Decimal("811")),
        ("2015", (("SEX", "F"),), Decimal("40")),
        ("2015", (), Decimal("851")),
    ]


def test_sub_national_geocodes_periods_units_and_columns_outside_the_dsd_are_errors_naming_them():
    records, problems = read("united-kingdom/indicator_8-8-1-excerpt.csv", "GBR")
    assert records == []
    found = {(p.location.row, p.column, p.value) for p in problems}
    assert found == {
        (2, "Year", "2002/03"),
        (2, "Series", "Non-fatal injury"),
        (2, "Units", "Rate per 100,000 workers"),
        (2, "Occupation", "Administrative and secretarial occupations"),
        (3, "Year", "2016/17"),
        (3, "Series", "Fatal injury"),
        (3, "Units", "Rate per 100,000 workers"),
        (4, "Year", "2018/19"),
        (4, "Series", "Fatal injury"),
        (4, "Units", "Rate per 100,000 workers"),
        (4, "GeoCode", "E12000006"),
        (4, "Country", "England"),
        (4, "Region", "East"),
    }
    occupation = next(p for p in problems if p.column == "Occupation")
    assert "unknown Occupation label" in occupation.rule and "OCCUPATION codelist" in occupation.rule
    geocode = next(p for p in problems if p.column == "GeoCode")
    assert "sub-national area code" in geocode.rule and "GBR" in geocode.rule
    region = next(p for p in problems if p.column == "Region")
    assert "not a disaggregation of the SDG DSD" in region.rule


def test_the_file_name_gives_the_indicator_and_the_dsd_its_series():
    assert indicator_of("indicator_17-3-2.csv") == "17.3.2"
    assert indicator_of("10-c-1.csv") == "10.c.1"
    assert indicator_of("notes.csv") is None
    assert series_of_indicator("17.3.2") == ("BX_TRF_PWKR",)
    assert len(series_of_indicator("10.c.1")) == 4


def test_an_indicator_of_several_series_needs_a_series(tmp_path):
    path = tmp_path / "indicator_10-c-1.csv"
    path.write_text((NATIONAL / "armenia/indicator_17-3-2.csv").read_text())
    _, problems = read_path(path, ReadOptions(area="ARM"))
    assert len(problems) == 9 and "indicator 10.c.1 has 4 series" in problems[0].rule
    records, problems = read_path(path, ReadOptions(area="ARM", series="SI_RMT_COST"))
    assert problems == [] and {r.series for r in records} == {"SI_RMT_COST"}


def read_path(path: Path, options: ReadOptions) -> tuple[list[ObservationRecord], list[Problem]]:
    items = list(reader_for(path, options).read(path))
    return [i for i in items if isinstance(i, ObservationRecord)], [i for i in items if isinstance(i, Problem)]

"""The tidy national-data CSV: the downloadable template, its documentation, and its rules."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from migmon.importers.errors import UnreadableFile
from migmon.importers.records import DIMENSION_NAMES
from migmon.importers.tidy_csv import ATTRIBUTES, REQUIRED, TEMPLATE, TidyCsvReader

from .helpers import messages, read_all

README = Path(__file__).resolve().parents[1] / "README.md"


def test_template_reads_into_the_expected_records():
    records, problems = read_all(TidyCsvReader(), TEMPLATE)
    assert problems == []
    assert [(r.series, r.area_kind, r.area, r.period, r.value, r.unit, r.dimensions) for r in records] == [
        ("SM_DTH_MIGR", "name", "Greece", "2016", Decimal(548), "NUMBER", ()),
        ("BX_TRF_PWKR", "m49", "398", "2020", Decimal("0.22"), "PT", ()),
        ("MIGSTOCK", "m49", "434", "2024", Decimal(897751), "NUMBER", ()),
        ("MIGSTOCK", "m49", "434", "2024", Decimal(252787), "NUMBER", (("SEX", "F"),)),
        ("VC_HTF_DETVOP", "name", "Australia", "2017", Decimal(7), "NUMBER", (("AGE", "Y_GE18"), ("SEX", "F"))),
        (
            "SL_EMP_INJUR",
            "name",
            "Finland",
            "2018",
            Decimal("1340.59"),
            "PER_100000_EMP",
            (("COMPOSITE_BREAKDOWN", "MS_MIGRANT"),),
        ),
        ("SI_RMT_COST_BC", "name", "Australia", "2016", Decimal("11.32662"), "PT", (("COUNTERPART_AREA", "iso2:TH"),)),
    ]
    assert records[1].nature == "C"


def test_template_values_are_the_real_ones(data_dir):
    """The example rows are copied from real files, not made up: check each against its source."""

    def open_sdg(name, area, year):
        with (data_dir / "sdg-indicators-open-sdg-eca" / name).open(encoding="utf-8") as handle:
            return [row for row in csv.DictReader(handle) if row["GeoAreaName"] == area and row["Year"] == year]

    assert [r["Value"] for r in open_sdg("indicator_10-7-3.csv", "Greece", "2016")] == ["548"]
    assert {"18+": "7"}.items() <= {
        r["Age"]: r["Value"]
        for r in open_sdg("indicator_16-2-2-VC_HTF_DETVOP.csv", "Australia", "2017")
        if r["Sex"] == "FEMALE"
    }.items()
    assert "1340.59" in [r["Value"] for r in open_sdg("indicator_8-8-1-SL_EMP_INJUR.csv", "Finland", "2018")]
    assert "11.32662" in [
        r["Value"]
        for r in open_sdg("indicator_10-c-1-SI_RMT_COST_BC.csv", "Australia", "2016")
        if r["Counterpart"] == "TH"
    ]
    xml = (data_dir / "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml").read_text(encoding="utf-8")
    assert 'OBS_VALUE="0.22" TIME_PERIOD="2020"' in xml


def test_every_column_is_documented():
    documented = README.read_text(encoding="utf-8")
    for column in REQUIRED + ATTRIBUTES + tuple(sorted(DIMENSION_NAMES)):
        assert re.search(rf"`{column}`", documented), f"column {column} is not documented in importers/README.md"
    with TEMPLATE.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert set(header) <= set(REQUIRED + ATTRIBUTES) | DIMENSION_NAMES


def write(tmp_path, text, name="national.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_semicolon_separated_file_reads_like_the_comma_one(tmp_path):
    comma = read_all(TidyCsvReader(), write(tmp_path, "series,area,period,value\nSM_DTH_MIGR,GRC,2016,548\n", "a.csv"))
    semicolon = read_all(
        TidyCsvReader(), write(tmp_path, "series;area;period;value\nSM_DTH_MIGR;GRC;2016;548\n", "b.csv")
    )
    expected = [("SM_DTH_MIGR", "iso3", "GRC", "2016", (), "G")]
    assert [r.key for r in comma[0]] == [r.key for r in semicolon[0]] == expected


@pytest.mark.parametrize(
    ("area", "kind", "code"),
    [
        ("4", "m49", "004"),
        ("398", "m49", "398"),
        ("FRA", "iso3", "FRA"),
        ("FR", "iso2", "FR"),
        ("Türkiye", "name", "Türkiye"),
    ],
)
def test_area_kind_is_read_from_the_shape_of_the_code(tmp_path, area, kind, code):
    [record], _ = read_all(TidyCsvReader(), write(tmp_path, f"series,area,period,value\nSM_DTH_MIGR,{area},2016,1\n"))
    assert (record.area_kind, record.area) == (kind, code)


def test_declared_area_kind_must_match(tmp_path):
    path = write(tmp_path, "series,area,area_kind,period,value\nSM_DTH_MIGR,France,iso3,2016,1\n")
    _, problems = read_all(TidyCsvReader(), path)
    assert messages(problems) == ["error: national.csv, row 2, column area: value 'France': not a valid iso3 code"]


def test_unknown_column_makes_the_file_unreadable(tmp_path):
    path = write(tmp_path, "series,area,period,value,Sexe\nSM_DTH_MIGR,GRC,2016,548,F\n")
    with pytest.raises(UnreadableFile, match=r"national.csv, row 1: unknown column\(s\) Sexe; allowed columns: series"):
        read_all(TidyCsvReader(), path)


@pytest.mark.parametrize(
    ("column", "cell", "rule"),
    [
        ("period", "2016.5", "not a period: expected a year such as 2020 (or 2020-03, 2020-Q1)"),
        (
            "value",
            "1 234",
            "thousands separators are not allowed: write 1234567, not 1,234,567; leave the cell empty "
            "for a missing value",
        ),
        ("unit", "per cent", "unit must be an SDMX UNIT_MEASURE code such as NUMBER or PT"),
        ("nature", "guess", "unknown nature; expected one of C, CA, E, G, M, N, _X"),
        ("SEX", "female", "dimension values are SDG DSD codes such as F, Y_GE18, _T"),
        ("series", "deaths", "series must be an SDG series code such as SM_DTH_MIGR"),
    ],
)
def test_each_rule_names_row_column_and_value(tmp_path, column, cell, rule):
    row = {"series": "SM_DTH_MIGR", "area": "GRC", "period": "2016", "value": "548", column: cell}
    path = write(tmp_path, ",".join(row) + "\n" + ",".join(row.values()) + "\n")
    records, problems = read_all(TidyCsvReader(), path)
    assert records == []
    assert messages(problems) == [f"error: national.csv, row 2, column {column}: value {cell!r}: {rule}"]


def test_total_code_and_empty_dimension_mean_the_same(tmp_path):
    path = write(tmp_path, "series,area,period,value,SEX\nSM_DTH_MIGR,GRC,2016,548,_T\nSM_DTH_MIGR,GRC,2017,1,\n")
    records, _ = read_all(TidyCsvReader(), path)
    assert [r.dimensions for r in records] == [(), ()]


def test_quoted_line_breaks_keep_row_numbers_true(tmp_path):
    path = write(
        tmp_path,
        'series,area,period,value,footnote\nSM_DTH_MIGR,GRC,2016,548,"two\nlines"\nSM_DTH_MIGR,GRC,2017,..,\n',
    )
    records, problems = read_all(TidyCsvReader(), path)
    assert records[0].footnote == "two\nlines"
    assert [p.location.row for p in problems] == [4]  # the second record starts on line 4 of the file

"""Open SDG CSV on the 23 real UN SDG database extracts (data/sdg-indicators-open-sdg-eca)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from migmon.importers.errors import UnreadableFile
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.importers.records import SourceLocation

from .helpers import messages, read_all

FOLDER = "sdg-indicators-open-sdg-eca"

# (file, data rows in the file, records yielded): 16 files end with an exact duplicate of their last row,
# which is dropped with one warning (PROVENANCE: "drop exact duplicates").
COUNTS = [
    ("indicator_10-7-2-SG_CPA_MIGRS.csv", 631, 630),
    ("indicator_10-7-3.csv", 181, 181),
    ("indicator_10-7-4.csv", 1450, 1449),
    ("indicator_10-c-1-SI_RMT_COST.csv", 199, 198),
    ("indicator_10-c-1-SI_RMT_COST_BC.csv", 1229, 1228),
    ("indicator_10-c-1-SI_RMT_COST_SC.csv", 1174, 1173),
    ("indicator_10-c-1-SI_RMT_COST_SND.csv", 156, 155),
    ("indicator_16-2-2-VC_HTF_DETV.csv", 4246, 4245),
    ("indicator_16-2-2-VC_HTF_DETVFL.csv", 847, 847),
    ("indicator_16-2-2-VC_HTF_DETVFLR.csv", 845, 844),
    ("indicator_16-2-2-VC_HTF_DETVOG.csv", 23, 23),
    ("indicator_16-2-2-VC_HTF_DETVOGR.csv", 23, 23),
    ("indicator_16-2-2-VC_HTF_DETVOP.csv", 593, 592),
    ("indicator_16-2-2-VC_HTF_DETVOPR.csv", 587, 587),
    ("indicator_16-2-2-VC_HTF_DETVR.csv", 4213, 4213),
    ("indicator_16-2-2-VC_HTF_DETVSX.csv", 1149, 1149),
    ("indicator_16-2-2-VC_HTF_DETVSXR.csv", 1143, 1142),
    ("indicator_17-3-2.csv", 1253, 1252),
    ("indicator_8-7-1-SL_TLF_CHLDEA.csv", 55, 54),
    ("indicator_8-7-1-SL_TLF_CHLDEC.csv", 52, 51),
    ("indicator_8-8-1-SL_EMP_FTLINJUR.csv", 2797, 2796),
    ("indicator_8-8-1-SL_EMP_INJUR.csv", 2787, 2786),
    ("indicator_8-8-2.csv", 435, 434),
]


@pytest.mark.parametrize(("name", "rows", "expected"), COUNTS)
def test_every_real_file_reads_without_errors(data_dir, name, rows, expected):
    records, problems = read_all(OpenSdgCsvReader(), data_dir / FOLDER / name)
    assert len(records) == expected
    assert [p.severity for p in problems] == ["warning"] * (rows - expected)
    for problem in problems:  # the repeated last row, named with the row it repeats
        assert f"row {rows + 1}" in problem.message and f"exact duplicate of row {rows}" in problem.message


def test_all_23_files_are_covered(data_dir):
    assert sorted(path.name for path in (data_dir / FOLDER).glob("*.csv")) == sorted(name for name, *_ in COUNTS)


def by_key(records):
    return {(r.area, r.period, r.dimensions): r.value for r in records}


@pytest.mark.parametrize(
    ("name", "area", "period", "value"),
    [
        ("indicator_10-7-3.csv", "Greece", "2016", "548"),
        ("indicator_10-7-3.csv", "Italy", "2016", "232"),
        ("indicator_10-7-3.csv", "Spain", "2018", "211"),
        ("indicator_10-7-3.csv", "Türkiye", "2019", "143"),
        ("indicator_10-7-3.csv", "France", "2021", "47"),
        ("indicator_17-3-2.csv", "Kyrgyzstan", "2020", "31.31893"),
        ("indicator_17-3-2.csv", "Tajikistan", "2020", "26.68742"),
        ("indicator_17-3-2.csv", "Kazakhstan", "2020", "0.21884"),
        ("indicator_10-c-1-SI_RMT_COST.csv", "Uzbekistan", "2021", "2.41"),
        ("indicator_10-7-4.csv", "Ukraine", "2022", "12046.95866"),
    ],
)
def test_provenance_oracles(data_dir, name, area, period, value):
    records, _ = read_all(OpenSdgCsvReader(), data_dir / FOLDER / name)
    assert by_key(records)[(area, period, ())] == Decimal(value)


def test_first_rows_of_a_corridor_file(data_dir):
    records, _ = read_all(OpenSdgCsvReader(), data_dir / FOLDER / "indicator_10-c-1-SI_RMT_COST_BC.csv")
    first = records[0]
    assert (first.series, first.area, first.area_kind, first.period, first.value) == (
        "SI_RMT_COST_BC",
        "Australia",
        "name",
        "2016",
        Decimal("11.32662"),
    )
    assert first.dimensions == (("COUNTERPART_AREA", "iso2:TH"),)
    assert records[1].dimensions == (("COUNTERPART_AREA", "iso2:LB"),)
    assert records[1].value == Decimal("12.97482")
    assert first.location == SourceLocation("indicator_10-c-1-SI_RMT_COST_BC.csv", 2)
    assert (first.unit, first.unit_multiplier, first.nature, first.footnote, first.source) == (
        None,
        0,
        None,
        None,
        None,
    )


def test_readable_labels_become_dsd_codes_and_totals_vanish(data_dir):
    detv = by_key(read_all(OpenSdgCsvReader(), data_dir / FOLDER / "indicator_16-2-2-VC_HTF_DETVOP.csv")[0])
    # 2017,"VC_HTF_DETVOP","Australia","18+","FEMALE",7
    assert detv[("Australia", "2017", (("AGE", "Y_GE18"), ("SEX", "F")))] == Decimal(7)
    injuries = read_all(OpenSdgCsvReader(), data_dir / FOLDER / "indicator_8-8-1-SL_EMP_INJUR.csv")[0]
    # 2018,"SL_EMP_INJUR","Finland","MIGPER","BOTHSEX",1340.59 and …"MIGPER","MALE",1827.12
    finland = by_key(injuries)
    assert finland[("Finland", "2018", (("COMPOSITE_BREAKDOWN", "MS_MIGRANT"),))] == Decimal("1340.59")
    assert finland[("Finland", "2018", (("COMPOSITE_BREAKDOWN", "MS_MIGRANT"), ("SEX", "M")))] == Decimal("1827.12")
    # 2000,"SL_EMP_INJUR","Azerbaijan","_T","BOTHSEX",14: the total over every dimension
    assert finland[("Azerbaijan", "2000", ())] == Decimal(14)
    policies = read_all(OpenSdgCsvReader(), data_dir / FOLDER / "indicator_10-7-2-SG_CPA_MIGRS.csv")[0]
    # 2021,"SG_CPA_MIGRS","Bulgaria","DOMAIN3",3
    assert by_key(policies)[("Bulgaria", "2021", (("COMPOSITE_BREAKDOWN", "PD_3"),))] == Decimal(3)
    assert {r.dimension("COMPOSITE_BREAKDOWN") for r in policies} == {None, *(f"PD_{n}" for n in range(1, 7))}


def test_empty_disaggregation_cell_is_the_total(data_dir):
    records, _ = read_all(OpenSdgCsvReader(), data_dir / FOLDER / "indicator_8-8-2.csv")
    assert {r.dimensions for r in records} == {()}


def write(tmp_path, text, name="indicator.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_label_is_an_error_naming_column_and_value(tmp_path):
    path = write(tmp_path, 'Year,SeriesCode,GeoAreaName,Sex,Value\n2017,"VC_HTF_DETVOP","Australia","BOTH",7\n')
    records, problems = read_all(OpenSdgCsvReader(), path)
    assert records == []
    assert messages(problems) == [
        "error: indicator.csv, row 2, column Sex: value 'BOTH': unknown Sex label; "
        "expected one of ['BOTHSEX', 'FEMALE', 'MALE']"
    ]


def test_unknown_column_is_an_error_on_the_header(tmp_path):
    path = write(tmp_path, 'Year,SeriesCode,GeoAreaName,Sexe,Value\n2017,"VC_HTF_DETVOP","Australia","F",7\n')
    _, problems = read_all(OpenSdgCsvReader(), path)
    assert problems[0].message.startswith("error: indicator.csv, row 1, column Sexe: value 'Sexe': unknown column")


def test_attribute_columns_units_nature_footnote(tmp_path):
    path = write(
        tmp_path,
        "Year,SeriesCode,GeoAreaName,Units,Unit multiplier,Nature,Footnote,Value\n"
        '2020,"BX_TRF_PWKR","Kazakhstan","PT",0,"Estimated","World Bank estimate",0.21884\n',
    )
    [record], problems = read_all(OpenSdgCsvReader(), path)
    assert problems == []
    assert (record.unit, record.unit_multiplier, record.nature, record.footnote) == (
        "PT",
        0,
        "E",
        "World Bank estimate",
    )


def test_unknown_nature_word_is_an_error(tmp_path):
    path = write(tmp_path, 'Year,SeriesCode,GeoAreaName,Nature,Value\n2020,"BX_TRF_PWKR","Kazakhstan","Guessed",1\n')
    _, problems = read_all(OpenSdgCsvReader(), path)
    assert problems[0].message.startswith("error: indicator.csv, row 2, column Nature: value 'Guessed': unknown nature")


def test_missing_value_column_is_a_whole_file_error(tmp_path):
    path = write(tmp_path, 'Year,SeriesCode,GeoAreaName\n2016,"SM_DTH_MIGR","Greece"\n')
    with pytest.raises(UnreadableFile, match=r"indicator.csv, row 1 \(header\): missing required column\(s\) Value"):
        read_all(OpenSdgCsvReader(), path)


def test_float_year_is_repaired_with_a_warning(tmp_path):
    path = write(tmp_path, 'Year,SeriesCode,GeoAreaName,Value\n2016.0,"SM_DTH_MIGR","Greece",548\n')
    [record], [problem] = read_all(OpenSdgCsvReader(), path)
    assert record.period == "2016"
    assert problem.message == (
        "warning: indicator.csv, row 2, column Year: value '2016.0': year written as a decimal number; read as 2016"
    )

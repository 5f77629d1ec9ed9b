"""One treatment of years written as decimal numbers (``2016.0``), in every reader: read as the year, with a
warning naming the row, the column and the value (``importers/README.md``, "Years written as decimals").

Each case is a real file (or real rows copied from one) with one year rewritten as a float; a fraction that
is not zero (``2016.5``) is not a year and stays an error.
"""

from __future__ import annotations

import json

import pytest

from migmon.importers.detect import READERS
from migmon.importers.migmon_json import MigmonJsonReader
from migmon.importers.national_open_sdg import NationalOpenSdgCsvReader
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.importers.options import ReadOptions
from migmon.importers.sdmx_csv import SdmxCsvReader
from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.importers.tidy_csv import TidyCsvReader
from migmon.importers.undesa_od_csv import UndesaOdCsvReader
from migmon.importers.undesa_xlsx import UndesaXlsxReader
from migmon.importers.values import whole_year

from .conftest import CORPUS_DIR
from .helpers import messages, read_all

OPEN_SDG = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"
OD_2019 = "undesa-migrant-stock-od-2019-clean/UN_MigrantStockByOriginAndDestination_2019_clean.csv"
ORIGIN_2024 = "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"
KAZAKHSTAN = "sdg-sdmx-samples/kazakhstan/sdmx_10-7-2.xml"
ARMENIA = "national/armenia/indicator_17-3-2.csv"  # tests/data/national/PROVENANCE.md
# Greece 2016 dead and missing: 548 (indicator_10-7-3.csv).
SDMX_CSV = "STRUCTURE,STRUCTURE_ID,ACTION,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
SDMX_CSV += "dataflow,IAEG-SDGs:DF_SDG_GLH(1.0),I,SM_DTH_MIGR,300,{year},548\n"
TIDY = "series,area,period,value\nSM_DTH_MIGR,GRC,{year},548\n"
READ = "year written as a decimal number; read as {year}"


def json_export(year: str) -> str:
    observation = {"series": "SM_DTH_MIGR", "area": "GRC", "area_kind": "iso3", "period": year, "value": 548}
    return json.dumps({"format": "migmon-observations", "version": 1, "observations": [observation]})


def first_lines(data_dir, name: str, count: int) -> list[str]:
    with (data_dir / name).open(encoding="utf-8-sig") as handle:
        return [next(handle).rstrip("\n") for _ in range(count)]


def rewritten(tmp_path, data_dir, case: str, year: str):
    """(reader, path, column of the year) for one reader's file with its first year written as ``year``."""
    if case == "open-sdg-csv":
        header, row = first_lines(data_dir, OPEN_SDG, 2)  # 2020,"SM_DTH_MIGR","Albania",3
        text, reader, column = f"{header}\n{year}{row[4:]}\n", OpenSdgCsvReader(), "Year"
    elif case == "undesa-od-csv":
        header, row = first_lines(data_dir, OD_2019, 2)  # 1990,Burundi,…
        text, reader, column = f"{header}\n{year}{row[4:]}\n", UndesaOdCsvReader(), "Year"
    elif case == "sdmx-csv":
        text, reader, column = SDMX_CSV.format(year=year), SdmxCsvReader(), "TIME_PERIOD"
    elif case == "migmon-json":
        text, reader, column = json_export(year), MigmonJsonReader(), "period"
    elif case == "national-open-sdg-csv":
        header, row = first_lines(CORPUS_DIR, ARMENIA, 2)  # "2015","%","14.1" (the country from --area)
        text, column = f'{header}\n"{year}"{row[6:]}\n', "Year"
        reader = NationalOpenSdgCsvReader(options=ReadOptions(area="ARM"))
        path = tmp_path / "indicator_17-3-2.csv"  # the series comes from the file's name
        path.write_text(text, encoding="utf-8")
        return reader, path, column
    else:
        text, reader, column = TIDY.format(year=year), TidyCsvReader(), "period"
    path = tmp_path / f"{case}.txt"
    path.write_text(text, encoding="utf-8")
    return reader, path, column


#: Every reader names the period's own column (the JSON reader once said "period/nature").
ERROR_COLUMN: dict[str, str] = {}
TEXT_CASES = ["open-sdg-csv", "undesa-od-csv", "sdmx-csv", "migmon-json", "migmon-tidy-csv", "national-open-sdg-csv"]


@pytest.mark.parametrize("case", TEXT_CASES)
def test_a_year_with_a_zero_fraction_is_read_as_the_year_with_a_warning(tmp_path, data_dir, case):
    reader, path, column = rewritten(tmp_path, data_dir, case, "2016.0")
    records, problems = read_all(reader, path)
    assert records and {record.period for record in records} == {"2016"}
    assert [(p.severity, p.column, p.value, p.rule) for p in problems] == [
        ("warning", column, "2016.0", READ.format(year=2016))
    ]


@pytest.mark.parametrize("case", TEXT_CASES)
def test_a_year_with_a_fraction_is_an_error(tmp_path, data_dir, case):
    reader, path, column = rewritten(tmp_path, data_dir, case, "2016.5")
    records, problems = read_all(reader, path)
    assert records == []
    assert [(p.severity, p.column, p.value) for p in problems] == [("error", ERROR_COLUMN.get(case, column), "2016.5")]


def test_sdmx_ml_reads_the_real_float_years(data_dir):
    records, problems = read_all(SdmxMlReader(series="SG_CPA_MIGRS", area="398"), data_dir / KAZAKHSTAN)
    assert records[0].period == "2010"
    assert [p.rule for p in problems if p.column == "TIME_PERIOD"][0] == READ.format(year=2010)


def test_a_desa_header_year_written_as_a_float_is_read_with_a_warning(data_dir, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(data_dir / ORIGIN_2024)
    sheet = workbook["Table 1"]
    header = next(cell.row for cell in sheet["A"] if cell.value == "Index")
    libya_1990 = sheet[f"F{next(cell.row for cell in sheet['B'] if cell.value == 'Libya')}"].value
    # An XLSX number is stored as 1990 however it was typed; a year written "1990.0" can only be text.
    sheet[f"F{header}"] = "1990.0"  # both sexes, 1990
    workbook.save(tmp_path / "float-year.xlsx")
    records, problems = read_all(UndesaXlsxReader(), tmp_path / "float-year.xlsx")
    libya = {(r.period, r.dimensions): r.value for r in records if r.area == "434"}
    assert libya[("1990", ())] == libya_1990
    assert messages([p for p in problems if p.location.row == header]) == [
        f"warning: float-year.xlsx, row {header}, column F: value '1990.0': {READ.format(year=1990)}"
    ]


def test_every_registered_reader_has_a_case_here():
    covered = {*TEXT_CASES, SdmxMlReader.format_name, UndesaXlsxReader.format_name}
    assert {cls.format_name for cls in READERS} == covered


@pytest.mark.parametrize(
    ("cell", "year"),
    [(1990, (1990, None)), (1990.0, (1990, READ.format(year=1990))), ("2016", (2016, None)), (1990.5, None)],
)
def test_whole_year_of_a_spreadsheet_cell(cell, year):
    assert whole_year(cell) == year

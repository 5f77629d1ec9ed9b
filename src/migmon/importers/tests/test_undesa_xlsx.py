"""UN DESA International Migrant Stock workbooks, 2020 and 2024 editions, against their PROVENANCE oracles."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from migmon.importers.detect import reader_for
from migmon.importers.undesa_xlsx import UndesaXlsxReader

from .helpers import messages, read_all

DEST_2020 = "undesa-migrant-stock-2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
DEST_2024 = "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
ORIGIN_2024 = "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"
WORLD = "900"


@pytest.fixture(scope="module")
def workbooks(data_dir):
    """Each workbook read once: (records, problems, areas)."""
    out = {}
    for name in (DEST_2020, DEST_2024, ORIGIN_2024):
        reader = UndesaXlsxReader()
        records, problems = read_all(reader, data_dir / name)
        out[name] = (records, problems, list(reader.areas(data_dir / name)), reader.dataset)
    return out


def values(records, series=None):
    """(area, period, dimensions) → value of one series (default: Table 1's, the stock)."""
    records = list(records)
    series = series or records[0].series
    return {(r.area, r.period, r.dimensions): r.value for r in records if r.series == series}


def table_1(records):
    return [r for r in records if r.series in ("MIGSTOCK", "MIGSTOCK_ORIGIN")]


def test_world_oracles_of_both_editions(workbooks):
    v2020 = values(workbooks[DEST_2020][0])
    v2024 = values(workbooks[DEST_2024][0])
    assert v2020[(WORLD, "2020", ())] == 280_598_105
    assert v2020[(WORLD, "1990", ())] == 152_986_157
    assert v2020[(WORLD, "2015", ())] == 247_958_644
    assert v2024[(WORLD, "2020", ())] == 275_284_032
    assert v2024[(WORLD, "2024", ())] == 304_021_813
    assert v2024[(WORLD, "1990", ())] == 153_916_063
    assert v2024[(WORLD, "2024", (("SEX", "M"),))] == 158_009_795
    assert v2024[(WORLD, "2024", (("SEX", "F"),))] == 146_012_018


@pytest.mark.parametrize(
    ("code", "v2020", "v2024"),
    [
        ("840", 50_471_028, 52_375_047),
        ("276", 15_021_300, 16_750_084),
        ("682", 13_071_258, 13_683_841),
        ("250", 8_610_719, 9_186_757),
        ("792", 6_580_295, 7_083_501),
        ("434", 826_537, 897_751),
        ("398", 1_990_268, 2_089_797),
    ],
)
def test_destination_oracles_2024_edition(workbooks, code, v2020, v2024):
    found = values(workbooks[DEST_2024][0])
    assert (found[(code, "2020", ())], found[(code, "2024", ())]) == (v2020, v2024)


def test_united_states_in_the_2020_edition(workbooks):
    assert values(workbooks[DEST_2020][0])[("840", "2020", ())] == 50_632_836


@pytest.mark.parametrize("period", ["2020", "2024"])
def test_2024_country_rows_sum_to_world(workbooks, period):
    records, _, areas, _ = workbooks[DEST_2024]
    countries = {area.code for area in areas if not area.is_aggregate}
    assert len(countries) == 235
    stock = table_1(records)
    total = sum(r.value for r in stock if r.area in countries and r.period == period and not r.dimensions)
    assert total == values(records)[(WORLD, period, ())]


def test_2020_country_rows_sum_to_world_ignoring_missing(workbooks):
    records, _, areas, _ = workbooks[DEST_2020]
    countries = {area.code for area in areas if not area.is_aggregate}
    assert len(countries) == 235
    stock = table_1(records)
    total = sum(r.value or 0 for r in stock if r.area in countries and r.period == "2020" and not r.dimensions)
    assert total == 280_598_105


def test_missing_marker_gives_no_value(workbooks):
    records = workbooks[DEST_2020][0]
    assert sum(1 for r in table_1(records) if r.value is None) == 122  # PROVENANCE: 122 cells of '..' in Table 1


def test_origin_table(workbooks):
    records, problems, areas, dataset = workbooks[ORIGIN_2024]
    found = values(records)
    assert {r.series for r in records} == {"MIGSTOCK_ORIGIN"}
    assert dataset == "undesa-ims-2024"
    assert found[("356", "2024", ())] == 18_533_845  # India
    assert found[("156", "2024", ())] == 11_701_619  # China
    assert found[("804", "2024", ())] == 9_769_216  # Ukraine*
    other = next(area for area in areas if area.name == "OTHER")
    assert (other.code, other.is_aggregate) == ("2003", True)
    assert found[("2003", "2024", ())] == 22_065_614
    countries = {area.code for area in areas if not area.is_aggregate}
    country_sum = sum(r.value for r in records if r.area in countries and r.period == "2024" and not r.dimensions)
    assert country_sum == 281_956_199
    assert country_sum + found[("2003", "2024", ())] == found[(WORLD, "2024", ())] == 304_021_813


def test_record_shape_and_counts(workbooks):
    counts = {name: len(table_1(workbooks[name][0])) for name in workbooks}
    # 2020: 283 rows x 7 years x 3 sexes, minus the repeated "Australia and New Zealand" row (21 cells).
    # 2024: 287 (288 in the origin table) rows x 8 years x 3 sexes, minus two rows without estimates.
    assert counts == {DEST_2020: 5922, DEST_2024: 6840, ORIGIN_2024: 6864}
    by_series = {name: Counter(r.series for r in workbooks[name][0]) for name in workbooks}
    # Tables 2-5: the same rows; Table 4 has one block of years, Table 5 one interval fewer than years per block;
    # the 2024 Table 2 has population figures for the two areas without migrant estimates (287 x 24 = 6888).
    assert by_series == {
        DEST_2020: {
            "MIGSTOCK": 5922,
            "POP_TOTAL": 5922,
            "MIGSTOCK_SHARE": 5922,
            "MIGSTOCK_FEMALE_SHARE": 1974,
            "MIGSTOCK_CHANGE": 5076,
        },
        DEST_2024: {
            "MIGSTOCK": 6840,
            "POP_TOTAL": 6888,
            "MIGSTOCK_SHARE": 6840,
            "MIGSTOCK_FEMALE_SHARE": 2280,
            "MIGSTOCK_CHANGE": 5985,
        },
        ORIGIN_2024: {"MIGSTOCK_ORIGIN": 6864},
    }
    first = workbooks[DEST_2024][0][0]
    assert (first.series, first.area, first.area_kind, first.period, first.unit, first.dimensions) == (
        "MIGSTOCK",
        WORLD,
        "desa",
        "1990",
        "NUMBER",
        (),
    )
    assert str(first.location) == f"{DEST_2024.split('/')[1]}, row 12, column F (1990, both sexes)"
    assert first.source == (
        "UN DESA Population Division, International Migrant Stock 2024 (POP/DB/MIG/Stock/Rev.2024), "
        "Destination, Table 1"
    )


def test_type_of_data_and_country_notes_become_the_footnote(workbooks):
    libya = next(r for r in workbooks[DEST_2024][0] if r.area == "434")
    assert libya.footnote == "Type of data: C R"
    france = next(r for r in workbooks[DEST_2024][0] if r.area == "250")
    assert france.footnote is not None
    assert france.footnote.startswith("Type of data: B R; For statistical purposes")
    assert "Réunion" in france.footnote  # the notes sheet's mojibake "RÃ©union" is repaired


def test_repeated_aggregate_row_of_2020_is_dropped_with_warnings(workbooks):
    problems = workbooks[DEST_2020][1]
    # The row repeats in every table: 21 cells in Tables 1-3, 7 in Table 4, 18 intervals in Table 5.
    assert len(problems) == 21 * 3 + 7 + 18 and {p.severity for p in problems} == {"warning"}
    assert problems[0].message == (
        "warning: undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx, row 268, column F (1990, both sexes): "
        "value '4473260': exact duplicate of row 19 (same series, area, period, dimensions and value); dropped"
    )


def test_rows_without_estimates_are_skipped_with_a_warning(workbooks):
    found = messages(workbooks[DEST_2024][1])
    assert found[:2] == [
        "warning: undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx, row 232, column B (Region, development "
        "group, country or area): value 'Saint Barthélemy*': no estimates for this area (every value cell is "
        "empty); row skipped",
        "warning: undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx, row 235, column B (Region, development "
        "group, country or area): value 'Saint Martin (French part)*': no estimates for this area (every value "
        "cell is empty); row skipped",
    ]
    # Tables 3, 4 and 5 have no estimates for them either; Table 2 has their population.
    assert found[2:] == [found[2], *found[:2] * 3] and "Location code" in found[2]


def test_areas_strip_indentation_and_footnote_marks(workbooks):
    areas = {area.code: area for area in workbooks[DEST_2020][2]}
    assert areas["900"].name == "WORLD" and areas["900"].is_aggregate
    assert areas["454"].name == "Malawi" and not areas["454"].is_aggregate
    assert areas["840"].name == "United States of America"


@pytest.mark.parametrize(("name", "dataset"), [(DEST_2020, "undesa-ims-2020"), (DEST_2024, "undesa-ims-2024")])
def test_detection_configures_the_edition(data_dir, name, dataset):
    reader = reader_for(data_dir / name)
    assert isinstance(reader, UndesaXlsxReader)
    assert reader.dataset == dataset
    assert reader.edition == dataset.removeprefix("undesa-ims-")


def test_bad_cells_in_an_edited_workbook(data_dir, tmp_path):
    """Copy of the 2024 origin workbook with three of Libya's cells edited: each gives its own outcome."""
    from openpyxl import load_workbook

    workbook = load_workbook(data_dir / ORIGIN_2024)
    sheet = workbook["Table 1"]
    row = next(cell.row for cell in sheet["B"] if cell.value == "Libya")
    sheet[f"F{row}"], sheet[f"G{row}"], sheet[f"H{row}"] = "n/a", "..", None  # both sexes 1990, 1995, 2000
    workbook.save(tmp_path / "edited.xlsx")
    records, problems = read_all(UndesaXlsxReader(), tmp_path / "edited.xlsx")
    libya = values(r for r in records if r.area == "434")
    assert ("434", "1990", ()) not in libya
    assert libya[("434", "1995", ())] is None
    assert libya[("434", "2024", ())] == 156_874
    assert [m for m in messages(problems) if m.startswith("error")] == [
        f"error: edited.xlsx, row {row}, column F (1990, both sexes): value 'n/a': not a number",
        f"error: edited.xlsx, row {row}, column H (2000, both sexes): empty cell; this table marks missing values "
        "with '..'",
    ]


def test_workbook_without_table_1(tmp_path):
    from openpyxl import Workbook

    from migmon.importers.errors import UnreadableFile

    workbook = Workbook()
    workbook.active.title = "Table 6"
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(UnreadableFile, match=r"other.xlsx: no sheet 'Table 1' \(sheets: Table 6\)"):
        read_all(UndesaXlsxReader(), tmp_path / "other.xlsx")


# --- Tables 2-5 of the destination workbooks -----------------------------------------------------------------

TABLE_SERIES = {
    "Table 2": "POP_TOTAL",
    "Table 3": "MIGSTOCK_SHARE",
    "Table 4": "MIGSTOCK_FEMALE_SHARE",
    "Table 5": "MIGSTOCK_CHANGE",
}


def _sheet_rows(path, sheet):
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()


def _cell_values(rows):
    """Every number in the year columns (header on row 11, data from row 12) of one table, as the sheet has it."""
    header = rows[10]
    columns = [
        i
        for i, cell in enumerate(header)
        if isinstance(cell, int) or (isinstance(cell, str) and cell[:2] in ("19", "20"))
    ]
    return {float(row[i]) for row in rows[11:] for i in columns if i < len(row) and isinstance(row[i], int | float)}


@pytest.mark.parametrize("name", [DEST_2020, DEST_2024])
@pytest.mark.parametrize("sheet", sorted(TABLE_SERIES))
def test_every_number_of_tables_2_to_5_is_read(workbooks, data_dir, name, sheet):
    """The set of numbers each series holds is the set of numbers in its sheet, read here with openpyxl."""
    records = workbooks[name][0]
    read = {float(r.value) for r in records if r.series == TABLE_SERIES[sheet] and r.value is not None}
    assert read == _cell_values(_sheet_rows(data_dir / name, sheet))


@pytest.mark.parametrize("name", [DEST_2020, DEST_2024])
@pytest.mark.parametrize("area", ["World", "WORLD", "Libya", "Germany", "France*", "United States of America*"])
def test_each_cell_lands_on_its_area_sex_and_year(workbooks, data_dir, name, area):
    """Cell by cell for a few rows: the value under (row's Table 1 code, block's sex, column's year)."""
    table_1_rows = _sheet_rows(data_dir / name, "Table 1")
    header_1 = table_1_rows[10]
    code_column = header_1.index("Location code")
    codes = {row[0]: str(row[code_column]) for row in table_1_rows[11:] if row[0] is not None}
    for sheet, series in TABLE_SERIES.items():
        rows = _sheet_rows(data_dir / name, sheet)
        row = next((r for r in rows[11:] if r[1] and r[1].strip() == area), None)
        if row is None:
            assert area in ("World", "WORLD")  # each edition spells the World its way
            continue
        found = values(workbooks[name][0], series)
        blocks = [i for i, label in enumerate(rows[7]) if label]  # row 8: both sexes, males, females
        sexes = ((), (("SEX", "M"),), (("SEX", "F"),)) if len(blocks) == 3 else ((),)
        checked = 0
        for column, heading in enumerate(rows[10]):
            if not (isinstance(heading, int) or (isinstance(heading, str) and heading[:2] in ("19", "20"))):
                continue
            sex = sexes[max(i for i, start in enumerate(blocks) if start <= column)]
            year = str(heading)[-4:]  # Table 5: 1990-1995 is stored under 1995
            cell = row[column]
            expected = None if cell == ".." else Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
            assert found[(codes[row[0]], year, sex)] == expected, (sheet, area, heading, sex)
            checked += 1
        assert checked == (len(blocks) if len(blocks) > 1 else 1) * (8 if name == DEST_2024 else 7) - (
            len(blocks) if series == "MIGSTOCK_CHANGE" else 0
        )


def test_provenance_oracles_of_the_share_of_population(workbooks):
    share_2020 = values(workbooks[DEST_2024][0], "MIGSTOCK_SHARE")[(WORLD, "2020", ())]
    share_2024 = values(workbooks[DEST_2024][0], "MIGSTOCK_SHARE")[(WORLD, "2024", ())]
    assert (round(share_2020, 2), round(share_2024, 2)) == (Decimal("3.49"), Decimal("3.72"))


def test_units_multipliers_and_intervals(workbooks):
    world = (r for r in workbooks[DEST_2024][0] if r.area == WORLD and r.period == "2024" and not r.dimensions)
    records = {r.series: r for r in world}
    shapes = {series: (r.unit, r.unit_multiplier) for series, r in records.items()}
    assert shapes == {
        "MIGSTOCK": ("NUMBER", 0),
        "POP_TOTAL": ("NUMBER", 3),
        "MIGSTOCK_SHARE": ("PT", 0),
        "MIGSTOCK_FEMALE_SHARE": ("PT", 0),
        "MIGSTOCK_CHANGE": ("PT", 0),
    }
    change = records["MIGSTOCK_CHANGE"]
    assert change.footnote == "Interval: 2020-2024"
    assert str(change.location).endswith("(2020-2024, both sexes)")
    assert records["POP_TOTAL"].source.endswith("Destination, Table 2")


def test_population_notes_become_the_footnote(workbooks):
    france = next(r for r in workbooks[DEST_2024][0] if r.series == "POP_TOTAL" and r.area == "250")
    assert france.footnote is not None and france.footnote.startswith("For statistical purposes, the data for France")


def test_a_row_of_table_3_that_is_not_in_table_1_is_an_error(data_dir, tmp_path):
    """Copy of the 2024 destination workbook with one name edited in Table 3 and one code in Table 4."""
    workbook = load_workbook(data_dir / DEST_2024)
    share, women = workbook["Table 3"], workbook["Table 4"]
    row = next(cell.row for cell in share["B"] if cell.value == "Libya")
    index = share[f"A{row}"].value
    share[f"B{row}"] = "Libyan Arab Jamahiriya"
    women[f"E{row}"] = 4
    workbook.save(tmp_path / "edited.xlsx")
    records, problems = read_all(UndesaXlsxReader(), tmp_path / "edited.xlsx")
    assert [m for m in messages(problems) if m.startswith("error")] == [
        f"error: edited.xlsx, row {row}, column B (Region, development group, country or area): value 'Libyan Arab "
        f"Jamahiriya': no row of 'Table 1' has index {index} and this name, so the row's area is unknown",
        f"error: edited.xlsx, row {row}, column E (Location code): value '4': not the Location code of the 'Table 1' "
        f"row with index {index} (434)",
    ]
    assert not [r for r in records if r.area == "434" and r.series in ("MIGSTOCK_SHARE", "MIGSTOCK_FEMALE_SHARE")]


def test_a_sheet_with_another_table_is_refused(data_dir, tmp_path):
    from migmon.importers.errors import UnreadableFile

    workbook = load_workbook(data_dir / DEST_2024)
    workbook["Table 3"]["F3"] = "Table 3: Something else entirely"
    workbook.save(tmp_path / "renamed.xlsx")
    with pytest.raises(UnreadableFile, match="sheet 'Table 3' has no title starting 'Table 3: International migrant"):
        read_all(UndesaXlsxReader(), tmp_path / "renamed.xlsx")

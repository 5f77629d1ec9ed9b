"""UN DESA International Migrant Stock workbooks, 2020 and 2024 editions, against their PROVENANCE oracles."""

from __future__ import annotations

import pytest

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


def values(records):
    return {(r.area, r.period, r.dimensions): r.value for r in records}


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
    total = sum(r.value for r in records if r.area in countries and r.period == period and not r.dimensions)
    assert total == values(records)[(WORLD, period, ())]


def test_2020_country_rows_sum_to_world_ignoring_missing(workbooks):
    records, _, areas, _ = workbooks[DEST_2020]
    countries = {area.code for area in areas if not area.is_aggregate}
    assert len(countries) == 235
    total = sum(r.value or 0 for r in records if r.area in countries and r.period == "2020" and not r.dimensions)
    assert total == 280_598_105


def test_missing_marker_gives_no_value(workbooks):
    records = workbooks[DEST_2020][0]
    assert sum(1 for r in records if r.value is None) == 122  # PROVENANCE: 122 cells of '..' in Table 1


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
    counts = {name: len(workbooks[name][0]) for name in workbooks}
    # 2020: 283 rows x 7 years x 3 sexes, minus the repeated "Australia and New Zealand" row (21 cells).
    # 2024: 287 (288 in the origin table) rows x 8 years x 3 sexes, minus two rows without estimates.
    assert counts == {DEST_2020: 5922, DEST_2024: 6840, ORIGIN_2024: 6864}
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
    assert len(problems) == 21 and {p.severity for p in problems} == {"warning"}
    assert problems[0].message == (
        "warning: undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx, row 268, column F (1990, both sexes): "
        "value '4473260': exact duplicate of row 19 (same series, area, period, dimensions and value); dropped"
    )


def test_rows_without_estimates_are_skipped_with_a_warning(workbooks):
    assert messages(workbooks[DEST_2024][1]) == [
        "warning: undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx, row 232, column B (Region, development "
        "group, country or area): value 'Saint Barthélemy*': no estimates for this area (every value cell is "
        "empty); row skipped",
        "warning: undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx, row 235, column B (Region, development "
        "group, country or area): value 'Saint Martin (French part)*': no estimates for this area (every value "
        "cell is empty); row skipped",
    ]


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

"""The readers on the real IOM files: every quirk PROVENANCE.md lists, read on the rows that carry it."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, date, datetime

import pytest

from migmon.importers.detect import missing_migrants_reader_for as reader_for
from migmon.importers.detect import read_incidents
from migmon.importers.errors import UnreadableFile
from migmon.importers.missing_migrants import AllDataXlsxReader, ApiJsonReader, WebsiteCsvReader

XLSX = "iom-missing-migrants-alldata/Missing_Migrants_Global_Figures_allData.xlsx"
CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


@pytest.fixture(scope="module")
def xlsx(data_dir):
    return read_incidents(data_dir / XLSX)


@pytest.fixture(scope="module")
def csv_2026(data_dir):
    return read_incidents(data_dir / CSV_2026)


def by_id(parsed, incident_id):
    return next(record for record in parsed.records if record.incident_id == incident_id)


def test_format_is_detected_from_content_not_extension(data_dir, tmp_path):
    assert isinstance(reader_for(data_dir / XLSX), AllDataXlsxReader)
    assert isinstance(reader_for(data_dir / CSV_2026), WebsiteCsvReader)
    disguised = tmp_path / "incidents.txt"
    disguised.write_bytes(gzip.decompress((data_dir / "iom-missing-migrants-api-json/2014-json.json.gz").read_bytes()))
    assert isinstance(reader_for(disguised), ApiJsonReader)
    m49 = data_dir / "un-m49" / next(p.name for p in (data_dir / "un-m49").glob("*.csv"))
    assert reader_for(m49) is None  # another format: migmon import hands it to the observation readers
    with pytest.raises(UnreadableFile, match="not a Missing Migrants file"):
        read_incidents(m49)
    # Another workbook is not the allData one (its header row decides, not the ZIP signature).
    undesa = next((data_dir / "undesa-migrant-stock-2024").glob("*.xlsx"))
    assert reader_for(undesa) is None


def test_xlsx_totals_match_the_provenance_oracle(xlsx):
    assert len(xlsx.records) == 19255
    assert sum(r.dead or 0 for r in xlsx.records) == 43977
    assert sum(r.missing or 0 for r in xlsx.records) == 30399
    assert sum(r.total for r in xlsx.records) == 74376
    assert not xlsx.errors


def test_byte_order_marks_are_stripped_from_ids(xlsx):
    record = by_id(xlsx, "2019.MMP01896")
    assert record.incident_id == "2019.MMP01896"
    boms = [p for p in xlsx.warnings if "byte-order mark" in p.rule]
    assert len(boms) == 9
    assert boms[0].column == "Main ID" and boms[0].value.startswith("\ufeff")


def test_line_breaks_and_html_inside_fields_are_cleaned(xlsx):
    record = by_id(xlsx, "2014.MMP1039")
    assert record.place == "Unspecified location in the Aegean Sea between Turkey and Greece"
    assert record.coordinates_approximate


def test_blank_counts_are_not_zero(xlsx):
    record = by_id(xlsx, "2014.MMP00002")
    assert record.dead == 1 and record.missing is None and record.survivors is None
    assert record.total == 1


def test_coordinates_in_one_text_field(xlsx):
    record = by_id(xlsx, "2014.MMP00001")
    assert (record.latitude, record.longitude) == (31.650259, -110.366453)


def test_rows_without_date_take_the_year_of_their_id(xlsx):
    record = by_id(xlsx, "2020.MMP01074")
    assert record.date is None and record.year == 2020 and record.date_precision == "year"
    zero = by_id(xlsx, "2020.MMP01343")  # Incident Date "0", but Month "September": month precision
    assert (zero.date, zero.date_precision, zero.year) == (date(2020, 9, 1), "month", 2020)


def test_negative_counts_are_kept_with_a_warning(xlsx):
    negative = [p for p in xlsx.warnings if p.rule.startswith("negative count")]
    assert negative and all(p.value.startswith("-") for p in negative)
    assert negative[0].location.row is not None


def test_multi_valued_cells_and_presumed_origin(xlsx):
    several = [r for r in xlsx.records if len(r.causes) > 1]
    assert any(
        r.causes == ("Drowning", "Harsh environmental conditions / lack of adequate shelter, food, water")
        for r in several
    )
    assert any(r.origin_countries == ("Eritrea", "Ethiopia", "Somalia") for r in xlsx.records)
    presumed = by_id(xlsx, "2014.MMP00002")
    assert presumed.origin_region == "Latin America / Caribbean" and presumed.origin_presumed


def test_merged_regions_routes_and_countries_become_lists(xlsx):
    """IOM's allData merges a split incident's rows into one cell per column with bare commas: 3 region cells
    and 2 route cells list two values; no country cell lists two, and a country name with ", " stays whole."""
    regions = {r.incident_id: r.regions for r in xlsx.records if len(r.regions) > 1}
    routes = {r.incident_id: r.routes for r in xlsx.records if len(r.routes) > 1}
    assert regions == {
        "2020.MMP00507": ("Mediterranean", "North America"),
        "2021.MMP00291": ("Mediterranean", "Northern Africa"),
        "2022.MMP0352": ("Central America", "North America"),
    }
    assert routes == {
        "2020.MMP00507": ("Central Mediterranean", "US-Mexico border crossing"),
        "2021.MMP00291": ("Central Mediterranean", "Sahara Desert crossing"),
    }
    assert not [r for r in xlsx.records if len(r.countries) > 1]
    hong_kong = [r for r in xlsx.records if r.countries == ("China, Hong Kong Special Administrative Region",)]
    assert len(hong_kong) == 3
    one = by_id(xlsx, "2014.MMP00001")
    assert (one.regions, one.routes, one.countries) == (
        ("North America",),
        ("US-Mexico border crossing",),
        ("United States of America",),
    )
    assert by_id(xlsx, "2020.MMP00507").region == "Mediterranean,North America"  # the text as IOM wrote it


def test_split_rows_list_every_region_and_country_of_their_rows(data_dir):
    """The API JSON keeps 2020.MMP00507 as three rows (two off Libya, one in Arizona): one record listing both."""
    parsed = read_incidents(data_dir / "iom-missing-migrants-api-json/2020-json.json.gz")
    record = by_id(parsed, "2020.MMP00507")
    assert len(record.parts) == 3
    assert record.regions == ("Mediterranean", "North America")
    assert record.routes == ("Central Mediterranean", "US-Mexico border crossing")
    assert record.countries == ("Libya", "United States of America")


def test_split_listed_keeps_names_with_a_comma_and_space():
    from migmon.importers.missing_migrants import split_listed

    assert split_listed("Mediterranean,North America") == ("Mediterranean", "North America")
    assert split_listed("China, Macao Special Administrative Region") == ("China, Macao Special Administrative Region",)
    assert split_listed("Libya,Libya,") == ("Libya",)
    assert split_listed("") == ()


def test_thousands_separator_in_the_api_json(data_dir):
    parsed = read_incidents(data_dir / "iom-missing-migrants-api-json/2015-json.json.gz")
    record = by_id(parsed, "2015.MMP00108")
    assert (record.dead, record.missing, record.total) == (750, 272, 1022)
    assert any(p.value == "1,022" and "thousands separator" in p.rule for p in parsed.warnings)


def test_unreadable_row_is_reported_with_row_column_and_value(data_dir):
    parsed = read_incidents(data_dir / "iom-missing-migrants-api-json/2015-json.json.gz")
    (problem,) = parsed.errors
    assert problem.location.row == 599 and problem.column == "web_id" and problem.value == "it will be included "
    assert "row 599" in problem.message and "web_id" in problem.message


def test_website_csv_dates_and_split_incidents_are_summed(csv_2026):
    assert len(csv_2026.records) == 211
    assert sum(r.total for r in csv_2026.records) == 1900
    split = by_id(csv_2026, "2026.MMP0007")
    assert split.date == date(2026, 1, 7)
    assert (split.dead, split.missing, split.survivors) == (25 + 16, 66 + 0, 111 + 17)
    assert [part["id"] for part in split.parts] == ["2026.MMP00078", "2026.MMP00079"]
    assert csv_2026.exported_at == datetime(2026, 5, 6, 19, 42, 11, tzinfo=UTC)


def test_api_json_split_rows_are_summed_not_deduplicated(data_dir):
    parsed = read_incidents(data_dir / "iom-missing-migrants-api-json/2025-json.json.gz")
    assert len(parsed.records) == 917
    assert sum(r.total for r in parsed.records) == 3780
    split = by_id(parsed, "2025.MMP0992")
    assert len(split.parts) >= 3 and split.dead == sum(part["dead"] for part in split.parts)


def test_column_names_differ_but_fields_agree(csv_2026, data_dir):
    """The same kind of incident read from the three formats fills the same fields."""
    json_2025 = read_incidents(data_dir / "iom-missing-migrants-api-json/2025-json.json.gz")
    for parsed in (csv_2026, json_2025):
        record = parsed.records[0]
        assert record.region and record.year and record.latitude is not None and record.causes


def test_export_date_falls_back_to_latest_incident(data_dir, tmp_path):
    copy = tmp_path / "2024-json.json.gz"
    shutil.copy(data_dir / "iom-missing-migrants-api-json/2024-json.json.gz", copy)
    parsed = read_incidents(copy)
    assert parsed.exported_at == datetime(2024, 7, 28, 23, 59, 59, tzinfo=UTC)
    assert parsed.exported_at_basis == "latest incident date in the file"

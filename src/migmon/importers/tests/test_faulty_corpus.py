"""The malformed-input corpus (tests/data/faulty_*): each file gives its own clear error.

Every test goes through format detection and the chosen reader, as ``migmon import`` does, and asserts the exact
message: file, row (or line), column, value and rule. The database side ("changes nothing") is tested by the
loader's tests with the same files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migmon.importers.detect import reader_for
from migmon.importers.errors import UnreadableFile
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.importers.records import ObservationRecord
from migmon.importers.tidy_csv import TidyCsvReader

from .helpers import messages, read_all


def read(path):
    return read_all(reader_for(path), path)


def unreadable(path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read(path)
    return str(caught.value)


def test_truncated_xml(corpus_dir):
    assert unreadable(corpus_dir / "faulty_truncated.xml") == (
        "faulty_truncated.xml, line 1, column 1201: malformed or truncated XML: "
        "Specification mandates value for attribute UNIT_M"
    )


def test_sdmx_ml_2_0_is_refused_by_name(corpus_dir):
    assert unreadable(corpus_dir / "faulty_sdmx_2_0.xml") == (
        "faulty_sdmx_2_0.xml: an SDMX-ML 2.0 <GenericData> message: only SDMX-ML 2.1 is read "
        "(namespace http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message)"
    )


def test_truncated_xlsx(corpus_dir):
    assert unreadable(corpus_dir / "faulty_truncated.xlsx") == (
        "faulty_truncated.xlsx: damaged ZIP/XLSX file (File is not a zip file)"
    )


def test_latin1_bytes_in_a_utf8_csv(corpus_dir):
    assert unreadable(corpus_dir / "faulty_latin1.csv") == (
        "faulty_latin1.csv, row 5, byte offset 150: not UTF-8: byte 0xFC cannot be decoded "
        "(as Latin-1/cp1252 it would read 'ü'); save the file as UTF-8"
    )


def test_latin1_rows_before_the_bad_byte_were_streamed(corpus_dir):
    """The error comes mid-stream: the loader must discard what it already received (whole-or-nothing)."""
    path = corpus_dir / "faulty_latin1.csv"
    seen = []
    with pytest.raises(UnreadableFile):
        for item in OpenSdgCsvReader().read(path):
            seen.append(item)
    assert [(r.area, r.period) for r in seen if isinstance(r, ObservationRecord)] == [
        ("Greece", "2014"),
        ("Greece", "2015"),
        ("Greece", "2016"),
    ]


@pytest.mark.parametrize("name", ["faulty_bom_utf8.csv", "faulty_bom_utf16.csv"])
def test_byte_order_marks_read_like_plain_utf8(corpus_dir, name):
    records, problems = read(corpus_dir / name)
    assert problems == []
    assert [(r.area, r.period, str(r.value)) for r in records] == [
        ("Greece", "2014", "51"),
        ("Greece", "2015", "464"),
        ("Greece", "2016", "548"),
        ("Türkiye", "2014", "88"),
        ("Türkiye", "2015", "358"),
        ("Türkiye", "2016", "241"),
    ]
    assert records[0].series == "SM_DTH_MIGR"  # the BOM is not glued to the first column name


def test_byte_order_mark_alone(corpus_dir):
    path = corpus_dir / "faulty_bom_only.csv"
    assert unreadable(path) == "faulty_bom_only.csv: empty file (only a byte-order mark or blank lines): no header row"
    with pytest.raises(UnreadableFile, match=r"empty file \(only a byte-order mark\): no header row"):
        read_all(TidyCsvReader(), path)


def test_duplicated_header(corpus_dir):
    assert unreadable(corpus_dir / "faulty_duplicate_header.csv") == (
        "faulty_duplicate_header.csv, row 1 (header): duplicated column name 'Sex' (columns 4 and 5); "
        "names must be unique"
    )


def test_duplicated_rows(corpus_dir):
    records, problems = read(corpus_dir / "faulty_duplicate_rows.csv")
    assert [(r.period, str(r.value)) for r in records] == [("2014", "51"), ("2015", "464"), ("2016", "548")]
    assert messages(problems) == [
        "warning: faulty_duplicate_rows.csv, row 5: value '548': exact duplicate of row 4 "
        "(same series, area, period, dimensions and value); dropped",
        "error: faulty_duplicate_rows.csv, row 6: value '232': duplicate key: same series, area, period and "
        "dimensions as row 3 but a different value or attributes; keep one of the two rows",
    ]


def test_non_numeric_values_in_open_sdg_csv(corpus_dir):
    records, problems = read(corpus_dir / "faulty_non_numeric.csv")
    assert [(r.area, r.period) for r in records] == [("Türkiye", "2014")]
    hint = "(Open SDG CSV has no missing-value marker: leave such rows out)"
    assert messages(problems) == [
        f"error: faulty_non_numeric.csv, row 2, column Value: value '..': not a number {hint}",
        f"error: faulty_non_numeric.csv, row 3, column Value: value 'n/a': not a number {hint}",
        "error: faulty_non_numeric.csv, row 4, column Value: value '5,48': decimal comma: write decimals with a "
        f"full stop (0.5, not 0,5) {hint}",
    ]


def test_non_numeric_values_in_tidy_csv_and_the_allowed_empty_cell(corpus_dir):
    records, problems = read(corpus_dir / "faulty_non_numeric_tidy.csv")
    assert [(r.period, r.value) for r in records] == [("2019", records[0].value), ("2022", None)]
    assert str(records[0].value) == "0.28"
    assert messages(problems) == [
        "error: faulty_non_numeric_tidy.csv, row 3, column value: value '..': not a number; "
        "leave the cell empty for a missing value",
        "error: faulty_non_numeric_tidy.csv, row 4, column value: value 'n/a': not a number; "
        "leave the cell empty for a missing value",
    ]


def test_unknown_area_codes_pass_through_the_reader(corpus_dir):
    """Readers do not know the database: the loader rejects these (its own test uses this file)."""
    records, problems = read(corpus_dir / "faulty_unknown_area.csv")
    assert problems == []
    assert [(r.area_kind, r.area) for r in records] == [("m49", "999"), ("iso2", "QQ"), ("name", "Atlantis")]


def test_mixed_separators(corpus_dir):
    records, problems = read(corpus_dir / "faulty_mixed_separators.csv")
    assert [(r.area, r.period) for r in records] == [("Greece", "2014"), ("Greece", "2016")]
    assert messages(problems) == [
        'error: faulty_mixed_separators.csv, row 3: value \'2015;"SM_DTH_MIGR";"Greece";464\': mixed separators: '
        "this row is separated by ';' but the header by ','",
        'error: faulty_mixed_separators.csv, row 5: value \'2014;"SM_DTH_MIGR";"Türkiye";88\': mixed separators: '
        "this row is separated by ';' but the header by ','",
    ]


def test_missing_required_column(corpus_dir):
    assert unreadable(corpus_dir / "faulty_missing_column.csv") == (
        "faulty_missing_column.csv, row 1 (header): missing required column(s) Value; found Year, SeriesCode, "
        "GeoAreaName (separator ',')"
    )


def test_empty_file(corpus_dir):
    assert unreadable(corpus_dir / "faulty_empty.csv") == "faulty_empty.csv: empty file (0 bytes): nothing to import"
    with pytest.raises(UnreadableFile, match="empty file"):
        read_all(OpenSdgCsvReader(), corpus_dir / "faulty_empty.csv")


def test_binary_file(corpus_dir):
    assert unreadable(corpus_dir / "faulty_binary.csv") == (
        "faulty_binary.csv: binary file: NUL byte at offset 581; expected CSV text in UTF-8"
    )
    with pytest.raises(UnreadableFile, match="binary file: NUL byte at offset 581"):
        read_all(OpenSdgCsvReader(), corpus_dir / "faulty_binary.csv")


def test_every_corpus_file_has_a_test_and_a_readme_line(corpus_dir):
    documented = (corpus_dir / "README.md").read_text(encoding="utf-8")
    tested = Path(__file__).read_text(encoding="utf-8")
    for path in sorted(corpus_dir.glob("faulty_*")):
        assert f"`{path.name}`" in documented, f"{path.name} is not described in tests/data/README.md"
        assert path.name in tested, f"{path.name} has no test"

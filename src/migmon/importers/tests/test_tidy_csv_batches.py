"""The tidy CSV reader's batches say exactly what its row-by-row rules say.

The reference is :func:`per_row`: every row of :meth:`CsvSource.rows` through ``tidy_csv._row``, the per-row
rules the bulk check falls back to. Whatever a file holds, the batches must give the same records (via
``ObservationBatch.records``) and the same problems, in file order.
"""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path

import pytest

from migmon.importers import csv_source, tidy_csv
from migmon.importers.csv_source import CsvRow, CsvSource
from migmon.importers.errors import UnreadableFile
from migmon.importers.records import DIMENSION_NAMES, ObservationBatch, ObservationRecord, Problem
from migmon.importers.tidy_csv import BATCH_ROWS, REQUIRED, TEMPLATE, TidyCsvReader

HEADER = "series,area,area_kind,period,value,unit,unit_multiplier,nature,footnote,source,SEX,AGE,COUNTERPART_AREA"


def per_row(path: Path) -> tuple[list[ObservationRecord], list[Problem]]:
    """What the reader yields when each row is checked on its own."""
    source = CsvSource(path, REQUIRED)
    records: list[ObservationRecord] = []
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for row in source.rows():
        if not columns:
            columns = tidy_csv._columns(path, source.header)
        items = (
            tidy_csv._row(path.name, row, columns, sorted(DIMENSION_NAMES & columns.keys()))
            if isinstance(row, CsvRow)
            else [row]
        )
        for item in items:
            if isinstance(item, ObservationRecord):
                records.append(item)
            else:
                problems.append(item)
    return records, problems


def batched(path: Path) -> tuple[list[ObservationBatch], list[ObservationRecord], list[Problem]]:
    """The batches the loader receives, their records one by one, and the problems."""
    batches: list[ObservationBatch] = []
    problems: list[Problem] = []
    for item in TidyCsvReader(check_duplicates=False).read(path, batches=True):
        if isinstance(item, ObservationBatch):
            batches.append(item)
        else:
            assert isinstance(item, Problem), item
            problems.append(item)
    return batches, [record for batch in batches for record in batch.records()], problems


def assert_same_as_per_row(path: Path) -> list[ObservationBatch]:
    batches, records, problems = batched(path)
    expected_records, expected_problems = per_row(path)
    assert records == expected_records
    assert [p.message for p in problems] == [p.message for p in expected_problems]
    assert problems == expected_problems
    return batches


def generated_rows(count: int) -> list[str]:
    """Rows in the shape of the bench's files, with a dimension, a corridor and a repeated source."""
    areas = ["FRA", "DEU", "4", "398", "Türkiye", "MT"]
    rows = []
    for index in range(count):
        area = areas[index % len(areas)]
        kind = {"4": "m49", "398": "m49", "Türkiye": "name", "MT": "iso2"}.get(area, "iso3")
        sex = ["", "F", "M", "_T"][index % 4]
        counterpart = "TH" if index % 7 == 0 else ""
        value = ["548", "0.22", "", "1e3", "-12.5", "897751"][index % 6]
        rows.append(f"MIGSTOCK,{area},{kind},{1990 + index // 6 % 35},{value},NUMBER,0,,,UN DESA,{sex},,{counterpart}")
    return rows


def write(path: Path, rows: list[str], header: str = HEADER, newline: str = "\n") -> Path:
    path.write_text(newline.join([header, *rows]) + newline, encoding="utf-8", newline="")
    return path


def test_the_template_reads_the_same_in_batches():
    batches = assert_same_as_per_row(TEMPLATE)
    assert [len(batch) for batch in batches] == [1, 6]  # the first row comes at once, alone


def test_a_generated_file_comes_in_batches_of_the_set_size(tmp_path):
    path = write(tmp_path / "national.csv", generated_rows(2 * BATCH_ROWS + 10))
    batches = assert_same_as_per_row(path)
    assert [len(batch) for batch in batches] == [1, BATCH_ROWS, BATCH_ROWS, 9]
    first = batches[1]
    assert first.rows[:3] == [3, 4, 5]
    assert first.value[:2] == [Decimal("0.22"), None]
    assert first.area[1:3] == ["004", "398"] and first.area_kind[1:3] == ["m49", "m49"]
    assert first.dimensions[1] == (("SEX", "M"),)
    assert first.dimensions[6] == (("COUNTERPART_AREA", "iso2:TH"),)  # SEX=_T, the total, is left out


def test_crlf_line_ends_read_the_same(tmp_path):
    rows = generated_rows(50)
    lf = batched(write(tmp_path / "lf.csv", rows))[1]
    crlf = batched(write(tmp_path / "crlf.csv", rows, newline="\r\n"))[1]
    assert [summary(r) for r in crlf] == [summary(r) for r in lf]


FAULTS = {
    # row index in the block: (cells to change, what breaks)
    100: {"value": "1,5"},  # decimal comma
    101: {"value": "1 234"},  # thousands separator
    102: {"value": "NaN"},  # Decimal reads it, the rule does not
    103: {"value": "1_000"},  # Decimal reads it, the rule does not
    104: {"value": "   "},  # blanks: a missing value, through the slow path, kept in the batch
    105: {"value": " 12 "},  # surrounding blanks are stripped like every cell
    106: {"area_kind": "iso3", "area": "France"},
    107: {"area_kind": "desa"},
    108: {"period": "2016.5"},  # not a year
    109: {"unit": "per cent", "nature": "guess"},  # two problems on one row
    110: {"SEX": "female"},
    111: {"series": "deaths"},
    112: {"area": ""},
    113: {"unit_multiplier": "x"},
    114: {"nature": " Estimated "},  # a word, stripped: fine
    115: {"footnote": '"two\nlines"'},  # a quoted line break: later rows keep their true line numbers
    117: {"period": "2016.0"},  # a year written as a decimal number: read as 2016 with a warning, kept
}


def faulty_rows(count: int) -> list[str]:
    names = HEADER.split(",")
    rows = generated_rows(count)
    for index, changes in FAULTS.items():
        cells = dict(zip(names, rows[index].split(","), strict=True))
        cells.update(changes)
        rows[index] = ",".join(cells.values())
    rows[120] = "MIGSTOCK;FRA;iso3;2000;1;NUMBER;0;;;UN DESA;;;"  # mixed separators
    rows[121] = "MIGSTOCK,FRA,iso3,2000"  # too few fields
    rows[122] = " , , , , , , , , , , , , "  # blanks only: a blank line
    rows[123] = ""  # an empty line
    return rows


def test_rows_that_break_a_rule_get_their_usual_problems_and_stay_out_of_the_batch(tmp_path):
    path = write(tmp_path / "faulty.csv", faulty_rows(BATCH_ROWS))
    batches = assert_same_as_per_row(path)
    _, records, problems = batched(path)
    assert sum(map(len, batches)) == BATCH_ROWS - 16  # 12 rows with problems, 2 of the wrong shape, 2 blank
    rows = {record.location.row: record for record in records}
    assert rows[106].value is None  # the row of blanks in the value column (data row 104 is line 106)
    assert rows[107].value == Decimal(12)
    assert rows[116].nature == "E"
    assert rows[117].footnote == "two\nlines"
    assert 118 not in rows and rows[119].location.row == 119
    assert rows[120].period == "2016"
    assert {problem.location.row for problem in problems} == {
        102,
        103,
        104,
        105,
        108,
        109,
        110,
        111,
        112,
        113,
        114,
        115,
        120,
        123,
        124,
    }
    assert problems[-2].message.startswith("error: faulty.csv, row 123: value 'MIGSTOCK;FRA;")
    assert "mixed separators" in problems[-2].message


def test_unknown_column_is_refused_before_any_row(tmp_path):
    path = write(tmp_path / "national.csv", [row + ",F" for row in generated_rows(10)], header=HEADER + ",Sexe")
    with pytest.raises(UnreadableFile, match=r"national.csv, row 1: unknown column\(s\) Sexe; allowed columns"):
        batched(path)


def test_undecodable_byte_far_down_names_its_row_and_offset_after_the_rows_before(tmp_path):
    rows = generated_rows(3000)  # about 200 kB: the bad byte is several chunks down
    rows[2500] = rows[2500].replace("UN DESA", "UN D\udcfcSA")
    path = tmp_path / "latin1.csv"
    text = "\n".join([HEADER, *rows]) + "\n"
    data = text.encode("utf-8", errors="surrogateescape")
    path.write_bytes(data)
    offset = data.index(b"\xfc")
    seen = []
    with pytest.raises(UnreadableFile) as caught:
        for item in TidyCsvReader(check_duplicates=False).read(path, batches=True):
            seen.append(item)
    assert str(caught.value) == (
        f"latin1.csv, row 2502, byte offset {offset}: not UTF-8: byte 0xFC cannot be decoded "
        "(as Latin-1/cp1252 it would read 'ü'); save the file as UTF-8"
    )
    streamed = [row for batch in seen for row in batch.rows]
    assert streamed == list(range(2, 2502))  # every row before the bad one came out first


def test_gzip_compressed_file_reads_the_same(tmp_path):
    path = write(tmp_path / "national.csv", faulty_rows(BATCH_ROWS + 300))
    packed = tmp_path / "national.csv.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert_same_as_per_row(packed)
    plain, compressed = batched(path), batched(packed)
    assert [summary(r) for r in compressed[1]] == [summary(r) for r in plain[1]]
    assert [(p.location.row, p.column, p.rule) for p in compressed[2]] == [
        (p.location.row, p.column, p.rule) for p in plain[2]
    ]


def summary(record: ObservationRecord) -> tuple:
    return (record.key, record.value, record.location.row, record.unit, record.nature, record.footnote)


def test_damaged_gzip_data_names_the_row_the_line_feed_reaches(tmp_path):
    path = write(tmp_path / "national.csv", generated_rows(20_000))
    packed = gzip.compress(path.read_bytes())
    damaged = tmp_path / "damaged.csv.gz"
    damaged.write_bytes(packed[: len(packed) // 2])  # truncated half-way
    with pytest.raises(UnreadableFile, match=r"damaged.csv.gz, row \d+: damaged gzip data") as caught:
        batched(damaged)
    row = int(str(caught.value).split("row ")[1].split(":")[0])
    with gzip.open(damaged, "rb") as handle:
        complete = 0
        with pytest.raises(EOFError):
            for _ in handle:
                complete += 1
    assert row == complete + 1


def test_utf16_file_reads_like_utf8(tmp_path):
    rows = faulty_rows(300)
    utf8 = write(tmp_path / "a.csv", rows)
    utf16 = tmp_path / "b.csv"
    utf16.write_bytes(utf8.read_text(encoding="utf-8").encode("utf-16"))
    assert_same_as_per_row(utf16)
    assert [summary(r) for r in batched(utf16)[1]] == [summary(r) for r in batched(utf8)[1]]


def test_a_file_whose_rows_all_have_the_wrong_shape_gives_their_problems(tmp_path):
    path = write(
        tmp_path / "national.csv", ['SM_DTH_MIGR;"FRA";iso3;2016;5'], header="series,area,area_kind,period,value"
    )
    assert [p.message for p in batched(path)[2]] == [
        "error: national.csv, row 2: value 'SM_DTH_MIGR;\"FRA\";iso3;2016;5': mixed separators: this row is "
        "separated by ';' but the header by ','"
    ]


@pytest.mark.parametrize("chunk_bytes", [1, 40, 90, 130, 200, 333])
def test_tiny_chunks_and_batches_change_nothing(tmp_path, monkeypatch, chunk_bytes):
    """Chunk and block edges fall anywhere: inside a line, a quoted line break, a refused row."""
    rows = faulty_rows(400)
    for index in range(150, 250, 11):  # quotes that only the raw text keeps, at every place in a block
        rows[index] = f'"MIGSTOCK","FRA",iso3,{index}'
    path = write(tmp_path / "faulty.csv", rows)
    expected = batched(path)
    monkeypatch.setattr(csv_source, "CHUNK_BYTES", chunk_bytes)
    monkeypatch.setattr(tidy_csv, "BATCH_ROWS", 7)
    batches, records, problems = batched(path)
    assert (records, problems) == expected[1:]
    assert len(batches) > 40
    assert problems[-1].message == (
        'error: faulty.csv, row 252: value \'"MIGSTOCK","FRA",iso3,249\': row has 4 fields but the header has 13'
    )


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('MIGSTOCK,FRA,2020,1"\r"2\n', "malformed CSV: new-line character seen in unquoted field"),
        ("MIGSTOCK,FRA,2020," + "9" * 140_000 + "\n", "malformed CSV: field larger than field limit"),
    ],
)
def test_a_malformed_csv_line_is_an_unreadable_file_naming_its_row(tmp_path, line, rule):
    path = tmp_path / "malformed.csv"
    path.write_text("series,area,period,value\nMIGSTOCK,ITA,2020,5\n" + line, newline="")
    with pytest.raises(UnreadableFile) as failure:
        list(TidyCsvReader().read(path))
    assert "malformed.csv" in str(failure.value) and "row 3" in str(failure.value)
    assert rule in str(failure.value)

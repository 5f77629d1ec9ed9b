"""Sources: a file with its reader, or records computed by migmon; both named, hashed and re-readable."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from migmon.importers.errors import UnreadableFile
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.importers.records import ObservationRecord, SourceLocation
from migmon.importers.sources import FileSource, RecordSource

REAL_10_7_3 = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"


def derived(values: dict[str, int]) -> RecordSource:
    # Greece, Italy and Libya 2016 dead and missing, as in data/sdg-indicators-open-sdg-eca/indicator_10-7-3.csv.
    records = tuple(
        ObservationRecord(
            series="SM_DTH_MIGR",
            area=code,
            area_kind="m49",
            period="2016",
            value=Decimal(value),
            location=SourceLocation("derived", element=f"area {code}"),
        )
        for code, value in values.items()
    )
    return RecordSource(
        name="derived",
        dataset="derived-test",
        dataset_name="Derived test",
        source_organisation="test",
        format_name="test-derived",
        version="1",
        records=records,
    )


def test_a_file_source_is_detected_named_and_hashed_like_the_file(data_dir):
    path = data_dir / REAL_10_7_3
    source = FileSource(path)
    assert (source.name, source.dataset, source.format_name) == (
        "indicator_10-7-3.csv",
        "un-sdg-global-database",
        OpenSdgCsvReader.format_name,
    )
    assert source.checksum() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not source.whole_dataset


def test_a_file_source_reads_in_batches_without_an_index_in_memory_and_twice(data_dir):
    source = FileSource(data_dir / REAL_10_7_3)
    first = [item for item in source.items() if isinstance(item, ObservationRecord)]
    assert source.reader.check_duplicates is False  # the loader's table key finds repeats instead
    assert len(first) == 181
    assert [item for item in source.items() if isinstance(item, ObservationRecord)] == first


def test_a_file_no_reader_knows_fails_when_used_not_when_named(data_dir):
    source = FileSource(data_dir / "gcm-objectives/gcm_objectives.csv")
    assert source.name == "gcm_objectives.csv"
    with pytest.raises(UnreadableFile, match="gcm_objectives.csv: CSV with columns objective"):
        _ = source.dataset


def test_a_vanished_file_is_unreadable_with_its_name(tmp_path):
    with pytest.raises(UnreadableFile, match="gone.csv: cannot read the file"):
        FileSource(tmp_path / "gone.csv", OpenSdgCsvReader()).checksum()


def test_a_record_source_checksum_follows_the_records_only():
    same = derived({"300": 548, "380": 232})
    assert same.checksum() == derived({"300": 548, "380": 232}).checksum()
    assert same.checksum() != derived({"300": 548, "380": 233}).checksum()
    assert same.checksum() != derived({"380": 232, "300": 548}).checksum()  # the order is part of the content
    assert list(same.items()) == list(same.items()) == list(same.records)
    assert same.whole_dataset

"""Readers stream: peak memory does not grow with the file (duplicate detection off, as a bench would run)."""

from __future__ import annotations

import tracemalloc

import pytest

from migmon.importers import undesa_xlsx
from migmon.importers.records import ObservationBatch, ObservationRecord
from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.importers.tidy_csv import TidyCsvReader
from migmon.importers.undesa_xlsx import UndesaXlsxReader


def tidy_file(path, rows):
    # Real value and codes from the template's first row, repeated over distinct periods and areas.
    with path.open("w", encoding="utf-8") as handle:
        handle.write("series,area,period,value,unit,source\n")
        for index in range(rows):
            handle.write(f"SM_DTH_MIGR,{index % 900 + 1},{1000 + index // 900},548,NUMBER,IOM Missing Migrants\n")
    return path


def sdmx_file(path, observations):
    head = (
        '<mes:StructureSpecificData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">'
        '<mes:DataSet><Series SERIES="BX_TRF_PWKR" REF_AREA="398" UNIT_MEASURE="PT">'
    )
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for index in range(observations):
            handle.write(f'<Obs TIME_PERIOD="{1000 + index % 9000}-{index // 9000 % 12 + 1:02d}" OBS_VALUE="0.22"/>\n')
        handle.write("</Series></mes:DataSet></mes:StructureSpecificData>")
    return path


def peak_while_reading(reader, path, batches=False):
    tracemalloc.start()
    count = 0
    for item in reader.read(path, batches=batches):
        if isinstance(item, ObservationBatch):
            count += len(item)
        elif isinstance(item, ObservationRecord):
            count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


@pytest.mark.parametrize(
    ("make", "reader"),
    [(tidy_file, TidyCsvReader(check_duplicates=False)), (sdmx_file, SdmxMlReader(check_duplicates=False))],
    ids=["tidy-csv", "sdmx-ml"],
)
def test_peak_memory_is_flat_as_the_file_grows(tmp_path, make, reader):
    small_count, small_peak = peak_while_reading(reader, make(tmp_path / "small", 5_000))
    large_count, large_peak = peak_while_reading(reader, make(tmp_path / "large", 50_000))
    assert (small_count, large_count) == (5_000, 50_000)
    assert large_peak < 2 * small_peak + 256 * 1024, (small_peak, large_peak)


def test_batches_keep_peak_memory_flat_too(tmp_path):
    """The loader reads the tidy CSV in batches: one block of rows at a time is held, whatever the file's size."""
    reader = TidyCsvReader(check_duplicates=False)
    small_count, small_peak = peak_while_reading(reader, tidy_file(tmp_path / "small", 10_000), batches=True)
    large_count, large_peak = peak_while_reading(reader, tidy_file(tmp_path / "large", 60_000), batches=True)
    assert (small_count, large_count) == (10_000, 60_000)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_duplicate_detection_is_what_grows(tmp_path):
    """The one deliberate exception, measured so that its documented cost stays true (about 200 bytes a row)."""
    path = tidy_file(tmp_path / "rows.csv", 50_000)
    _, without = peak_while_reading(TidyCsvReader(check_duplicates=False), path)
    _, with_index = peak_while_reading(TidyCsvReader(), path)
    assert 0 < (with_index - without) / 50_000 < 400


def test_the_first_record_arrives_before_the_file_is_read(tmp_path):
    path = tidy_file(tmp_path / "rows.csv", 50_000)
    tracemalloc.start()
    first = next(iter(TidyCsvReader().read(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(first, ObservationRecord)
    assert peak < path.stat().st_size / 4


def test_workbooks_are_opened_read_only(data_dir, monkeypatch):
    calls = []
    real = undesa_xlsx.load_workbook

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(undesa_xlsx, "load_workbook", spy)
    path = data_dir / "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"
    next(iter(UndesaXlsxReader().read(path)))
    assert calls == [{"read_only": True, "data_only": True}]

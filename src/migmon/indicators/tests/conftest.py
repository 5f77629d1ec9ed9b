"""Small fixtures for loader tests: a handful of real areas and series, and a reader fed from a list.

Figures in these tests are copied from the real files (data/…); the fake reader only spares each test the
parsing, which the importers' own tests cover.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from migmon.geo.models import Area, AreaKind
from migmon.importers.records import ObservationRecord, Problem, SourceLocation
from migmon.indicators.models import Series

AREAS = [
    # code, kind, m49, iso2, iso3, desa, name
    ("001", AreaKind.WORLD, "001", None, None, 900, "World"),
    ("LBY", AreaKind.COUNTRY, "434", "LY", "LBY", 434, "Libya"),
    ("GRC", AreaKind.COUNTRY, "300", "GR", "GRC", 300, "Greece"),
    ("ITA", AreaKind.COUNTRY, "380", "IT", "ITA", 380, "Italy"),
    ("AUS", AreaKind.COUNTRY, "036", "AU", "AUS", 36, "Australia"),
    ("THA", AreaKind.COUNTRY, "764", "TH", "THA", 764, "Thailand"),
    ("TUR", AreaKind.COUNTRY, "792", "TR", "TUR", 792, "Türkiye"),
    ("DEU", AreaKind.COUNTRY, "276", "DE", "DEU", 276, "Germany"),
]
SERIES = [
    ("SM_DTH_MIGR", "Total deaths and disappearances recorded during migration", "NUMBER"),
    ("SI_RMT_COST_BC", "Corridor remittance costs", "PT"),
    ("MIGSTOCK", "International migrant stock", "NUMBER"),
    ("MIGSTOCK_OD", "International migrant stock by origin and destination", "NUMBER"),
]


@pytest.fixture
def areas(db) -> dict[str, Area]:
    made = {}
    for code, kind, m49, iso2, iso3, desa, name in AREAS:
        made[code] = Area.objects.create(
            code=code,
            kind=kind,
            m49=m49,
            iso2=iso2,
            iso3=iso3,
            desa_code=desa,
            name_en=name,
            name_fr=name,
            name_es=name,
        )
    return made


@pytest.fixture
def series(db) -> dict[str, Series]:
    return {code: Series.objects.create(code=code, name_en=name, unit=unit) for code, name, unit in SERIES}


def record(
    series: str,
    area: str,
    period: str,
    value: str | None,
    *,
    kind: str = "name",
    row: int = 2,
    file: str = "test.csv",
    dimensions: tuple[tuple[str, str], ...] = (),
    **extra,
) -> ObservationRecord:
    """One record as a reader would yield it (values as strings, like the files)."""
    return ObservationRecord(
        series=series,
        area=area,
        area_kind=kind,
        period=period,
        value=None if value is None else Decimal(value),
        location=SourceLocation(file, row),
        dimensions=dimensions,
        **extra,
    )


class ListReader:
    """A reader that yields the items it was given (records, problems or an exception to raise); a
    :class:`~migmon.importers.sources.RecordReader` like the real ones."""

    format_name = "test-list"
    source_organisation = "test"
    version = "1"
    dataset_name = ""
    edition = ""
    check_duplicates = False

    def __init__(self, items: list[ObservationRecord | Problem | Exception], *, dataset: str = "test-dataset") -> None:
        self.items = items
        self.dataset = dataset

    def read(self, path: str | Path, *, batches: bool = False) -> Iterator[ObservationRecord | Problem]:
        for item in self.items:
            if isinstance(item, Exception):
                raise item
            yield item


@pytest.fixture
def source_file(tmp_path):
    """A distinct file per call (the loader hashes it; its content does not matter to ListReader)."""
    counter = iter(range(1_000_000))

    def make(text: str | None = None) -> Path:
        number = next(counter)
        path = tmp_path / f"file-{number}.csv"
        path.write_text(text if text is not None else f"content {number}\n")
        return path

    return make

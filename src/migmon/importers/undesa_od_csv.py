"""UN DESA International Migrant Stock 2019, origin x destination matrix (G. Abel's "clean" reshaping).

Wide CSV: ``Year, Dest, <one column per origin country>``. Each cell becomes one ``MIGSTOCK_OD`` record with
area = destination and ``COUNTERPART_AREA`` = origin, both by name as the file spells them (UN English names of
2019: ``Turkey``, ``Czechia``, ``China, Hong Kong SAR``). ``..`` and ``-`` are the UN missing-value markers used
by this file; they give ``value=None``. Five ``Dest`` rows are regions, not countries (see
:data:`AGGREGATE_DESTINATIONS`): each equals the sum of its members, so do not add them to country totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .base import Item, Reader
from .csv_source import CsvRow, CsvSource, sniff_header
from .i18n import gettext_noop
from .records import ObservationRecord, SourceLocation, error, warning
from .values import FLOAT_YEAR_RULE, ValueRuleError, parse_number, parse_period

MISSING = frozenset({"..", "-"})
#: ``Dest`` values that are region aggregates (data/undesa-migrant-stock-od-2019-clean/PROVENANCE.md).
AGGREGATE_DESTINATIONS = frozenset({"Caribbean", "Melanesia", "Micronesia", "Polynesia", "South America"})
SERIES = "MIGSTOCK_OD"


class UndesaOdCsvReader(Reader):
    """Reads the 2019 origin x destination matrix, one record per (year, destination, origin) cell."""

    format_name = "undesa-od-csv"
    dataset = "undesa-ims-od-2019"
    dataset_name = "UN DESA International Migrant Stock 2019, origin x destination"
    edition = "2019"
    source_organisation = "UN DESA Population Division (reshaped by G. Abel)"
    version = "2"  # 2: a year written 2016.0 is read as 2016 with a warning

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        return header is not None and header[:2] == ["Year", "Dest"] and len(header) > 3

    def parse(self, path: Path) -> Iterator[Item]:
        source = CsvSource(path, ("Year", "Dest"))
        origins: list[tuple[int, str]] = []
        for row in source.rows():
            if not isinstance(row, CsvRow):
                yield row
                continue
            if not origins:
                origins = [(index, name) for index, name in enumerate(source.header) if name not in ("Year", "Dest")]
            yield from self._row(path.name, row, origins)

    @staticmethod
    def _row(file: str, row: CsvRow, origins: list[tuple[int, str]]) -> Iterator[Item]:
        here = SourceLocation(file, row.number)
        year, destination = row.cells[0], row.cells[1]
        try:
            period, repair = parse_period(year)
        except ValueRuleError as exc:
            yield error(here, "Year", year, exc.rule, **exc.params)
            return
        if repair:
            yield warning(here, "Year", year, FLOAT_YEAR_RULE, year=period)
        if not destination:
            yield error(here, "Dest", destination, gettext_noop("destination name is empty"))
            return
        for index, origin in origins:
            text = row.cells[index]
            value = None
            if text not in MISSING:
                try:
                    value = parse_number(text)
                except ValueRuleError as exc:
                    yield error(here, origin, text, f"{exc} (missing values are written '..' or '-')")
                    continue
            yield ObservationRecord(
                series=SERIES,
                area=destination,
                area_kind="name",
                period=period,
                value=value,
                location=here.at(origin),
                unit="NUMBER",
                dimensions=(("COUNTERPART_AREA", f"name:{origin}"),),
                source="UN DESA Population Division, International Migrant Stock 2019 (POP/DB/MIG/Stock/Rev.2019), "
                "origin x destination, both sexes; reshaped by G. Abel",
            )

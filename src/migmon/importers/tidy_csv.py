"""migmon's tidy CSV for national data: one observation per row, documented in README.md next to this module.

Columns ``series, area, period, value`` are required; ``area_kind, unit, unit_multiplier, nature, footnote,
source`` are optional attributes; any SDG DSD dimension name (``SEX``, ``AGE``, ``COMPOSITE_BREAKDOWN``…,
``COUNTERPART_AREA``) may be added as a column. Any other column is refused, so that no disaggregation is lost
silently. The downloadable template is ``data/national_tidy_template.csv`` in this package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .base import Item, Reader
from .csv_source import CsvRow, CsvSource, sniff_header
from .errors import UnreadableFile
from .records import AREA_KINDS, DIMENSION_NAMES, ObservationRecord, Problem, SourceLocation, dimensions_from, error
from .values import ValueRuleError, area_kind_of, parse_nature, parse_number, parse_period, parse_unit_multiplier

REQUIRED = ("series", "area", "period", "value")
ATTRIBUTES = ("area_kind", "unit", "unit_multiplier", "nature", "footnote", "source")
TEMPLATE = Path(__file__).resolve().parent / "data" / "national_tidy_template.csv"
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_]*|_[A-Z]")
_SERIES = re.compile(r"[A-Z][A-Z0-9_]*")


class TidyCsvReader(Reader):
    """Reads a tidy national-data CSV (``,`` or ``;`` separated, UTF-8 with or without BOM)."""

    format_name = "migmon-tidy-csv"
    dataset = "national-data"
    dataset_name = "National data (migmon tidy CSV)"
    source_organisation = "national statistical system (see each row's source)"
    version = "1"

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        return header is not None and "series" in header and "period" in header

    def parse(self, path: Path) -> Iterator[Item]:
        source = CsvSource(path, REQUIRED)
        columns: dict[str, int] = {}
        dimensions: list[str] = []
        for row in source.rows():
            if not columns:
                columns = _columns(path, source.header)
                dimensions = sorted(DIMENSION_NAMES & columns.keys())
            if isinstance(row, CsvRow):
                yield from _row(path.name, row, columns, dimensions)
            else:
                yield row


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    unknown = [name for name in header if name not in REQUIRED + ATTRIBUTES and name not in DIMENSION_NAMES]
    if unknown:
        allowed = ", ".join(REQUIRED + ATTRIBUTES + tuple(sorted(DIMENSION_NAMES)))
        raise UnreadableFile(path, f"unknown column(s) {', '.join(unknown)}; allowed columns: {allowed}", "row 1")
    return {name: index for index, name in enumerate(header)}


def _checked(
    parse: Callable[[str], Any], cells: dict[str, str], column: str, here: SourceLocation, problems: list[Problem]
) -> Any:
    """``parse(cell)``, or ``None`` with the broken rule appended to ``problems``."""
    try:
        return parse(cells[column])
    except ValueRuleError as exc:
        problems.append(error(here, column, cells[column], str(exc)))
        return None


def _row(file: str, row: CsvRow, columns: dict[str, int], dimensions: list[str]) -> Iterator[Item]:
    here = SourceLocation(file, row.number)
    cells = dict(zip(columns, row.cells, strict=True))
    problems: list[Problem] = []
    series = cells["series"]
    if not _SERIES.fullmatch(series):
        problems.append(error(here, "series", series, "series must be an SDG series code such as SM_DTH_MIGR"))
    area_kind, area = _area(cells, here, problems)
    period = _checked(_strict_period, cells, "period", here, problems)
    value = _checked(_value, cells, "value", here, problems)
    unit = cells.get("unit") or None
    if unit is not None and not _CODE.fullmatch(unit):
        problems.append(error(here, "unit", unit, "unit must be an SDMX UNIT_MEASURE code such as NUMBER or PT"))
    multiplier = (
        _checked(parse_unit_multiplier, cells, "unit_multiplier", here, problems) if "unit_multiplier" in cells else 0
    )
    nature = _checked(parse_nature, cells, "nature", here, problems) if cells.get("nature") else None
    pairs = []
    for dimension in dimensions:
        code = cells[dimension]
        if dimension == "COUNTERPART_AREA" and code:
            kind, normalised = area_kind_of(code)
            code = f"{kind}:{normalised}"
        elif code and not _CODE.fullmatch(code):
            problems.append(error(here, dimension, code, "dimension values are SDG DSD codes such as F, Y_GE18, _T"))
            continue
        pairs.append((dimension, code))
    yield from problems
    if problems:
        return
    yield ObservationRecord(
        series=series,
        area=area,
        area_kind=area_kind,
        period=str(period),
        value=value,
        location=here,
        unit=unit,
        unit_multiplier=multiplier,
        dimensions=dimensions_from(pairs),
        nature=nature,
        footnote=cells.get("footnote") or None,
        source=cells.get("source") or None,
    )


def _area(cells: dict[str, str], here: SourceLocation, problems: list[Problem]) -> tuple[str, str]:
    area, declared = cells["area"], cells.get("area_kind", "")
    if not area:
        problems.append(error(here, "area", area, "area is empty"))
        return "name", area
    if not declared:
        return area_kind_of(area)
    if declared not in AREA_KINDS - {"desa"}:
        problems.append(error(here, "area_kind", declared, "area_kind must be m49, iso2, iso3 or name"))
        return "name", area
    guessed_kind, normalised = area_kind_of(area)
    if declared != "name" and guessed_kind != declared:
        problems.append(error(here, "area", area, f"not a valid {declared} code"))
    return declared, normalised if declared == guessed_kind else area


@lru_cache(maxsize=4096)
def _strict_period(text: str) -> str:
    period, repair = parse_period(text)
    if repair:
        raise ValueRuleError("period must be written as a year such as 2020, not as a decimal number")
    return period


def _value(text: str) -> Decimal | None:
    """An empty cell is a missing value; anything else must be a plain number."""
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueRuleError as exc:
        raise ValueRuleError(f"{exc}; leave the cell empty for a missing value") from None

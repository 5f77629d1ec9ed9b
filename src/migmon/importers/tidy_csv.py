"""migmon's tidy CSV for national data: one observation per row, documented in README.md next to this module.

Columns ``series, area, period, value`` are required; ``area_kind, unit, unit_multiplier, nature, footnote, source,
reporting_type`` are optional attributes (``reporting_type``: ``G`` global, ``N`` national, ``R`` regional or their
names; empty or absent: global); any SDG DSD dimension name (``SEX``, ``AGE``, ``COMPOSITE_BREAKDOWN``…,
``COUNTERPART_AREA``) may be added as a column. Any other column is refused, so that no disaggregation is lost
silently. The downloadable template is ``data/national_tidy_template.csv`` in this package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any, cast

from migmon.indicators.vocabulary import GLOBAL

from . import values
from .base import BulkItem, Item, Reader
from .csv_source import CsvRow, CsvSource, RowBlock, sniff_header
from .errors import UnreadableFile
from .i18n import gettext_noop
from .records import (
    AREA_KINDS,
    DIMENSION_NAMES,
    Dimensions,
    ObservationBatch,
    ObservationRecord,
    Problem,
    SourceLocation,
    dimensions_from,
    error,
    warning,
)
from .values import (
    FLOAT_YEAR_RULE,
    ValueRuleError,
    area_kind_of,
    parse_nature,
    parse_number,
    parse_period,
    parse_reporting_type,
    parse_unit_multiplier,
)

REQUIRED = ("series", "area", "period", "value")
ATTRIBUTES = ("area_kind", "unit", "unit_multiplier", "nature", "footnote", "source", "reporting_type")
#: Columns migmon's own CSV downloads add for the reader of the file (the area's name, the release the value
#: came from, whether its period is still provisional and as of when); read back, they are ignored: the store
#: knows them.
INFORMATIONAL = ("area_name", "release", "release_date", "provisional", "as_of")
TEMPLATE = Path(__file__).resolve().parent / "data" / "national_tidy_template.csv"
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_]*|_[A-Z]")
_SERIES = re.compile(r"[A-Z][A-Z0-9_]*")


#: Observations per :class:`ObservationBatch`: enough that per-batch work vanishes, few enough to keep memory flat.
BATCH_ROWS = 5000
#: Entries a validation cache may hold before it is emptied: memory stays bounded even if every cell differs.
CACHE_LIMIT = 65536


class TidyCsvReader(Reader):
    """Reads a tidy national-data CSV (``,`` or ``;`` separated, UTF-8 with or without BOM)."""

    format_name = "migmon-tidy-csv"
    dataset = "national-data"
    dataset_name = "National data (migmon tidy CSV)"
    source_organisation = "national statistical system (see each row's source)"
    version = "2"  # 2: a year written 2016.0 is read as 2016 with a warning

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        return header is not None and "series" in header and "period" in header

    def parse(self, path: Path) -> Iterator[BulkItem]:
        source = CsvSource(path, REQUIRED)
        checker: _BatchChecker | None = None
        for block in source.blocks(BATCH_ROWS):
            if checker is None:
                checker = _BatchChecker(path, source.header)
            yield from checker.check(block)


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    known = REQUIRED + ATTRIBUTES + INFORMATIONAL
    unknown = [name for name in header if name not in known and name not in DIMENSION_NAMES]
    if unknown:
        allowed = ", ".join(REQUIRED + ATTRIBUTES + tuple(sorted(DIMENSION_NAMES)))
        raise UnreadableFile(path, f"unknown column(s) {', '.join(unknown)}; allowed columns: {allowed}", "row 1")
    return {name: index for index, name in enumerate(header)}


class _Bad:
    """Marks a cell that breaks a rule: its row is read again by :func:`_row` to say how."""


_BAD = _Bad()
_NOWHERE = SourceLocation("")
#: Characters of the number literals ``Decimal`` takes but the tidy CSV does not: ``1_000``, ``NaN``, ``Infinity``.
_NOT_PLAIN = re.compile(r"[_nNiI]")


class _BatchChecker:
    """Checks a file's rows a block at a time, column by column, with the rules of :func:`_row`.

    Each distinct cell (or combination: area with area_kind, the dimension cells of a row) is checked once per
    file and its outcome kept in a cache; a block whose cells are all known costs a few C-level passes per
    column. A row with any cell that breaks a rule is read again by :func:`_row`, which yields exactly the
    problems it always did, and is left out of the batch.
    """

    def __init__(self, path: Path, header: list[str]) -> None:
        self.file = path.name
        self.columns = _columns(path, header)
        self.dimensions = sorted(DIMENSION_NAMES & self.columns.keys())
        self._caches: dict[str, tuple[dict[Any, Any], set[Any]]] = {}

    def check(self, block: RowBlock) -> Iterator[BulkItem]:
        """The block's problems in file order, then its valid rows as one batch."""
        rows, size, has = block.rows, len(block.rows), self.columns.__contains__
        if not rows:  # only rows of the wrong shape
            yield from block.problems
            return
        cells = list(zip(*rows, strict=True))

        def column(name: str) -> tuple[str, ...]:
            return cells[self.columns[name]]

        bad: set[int] = set()

        series = self._known("series", column("series"), _series_cell, bad)
        places = list(zip(column("area"), column("area_kind"), strict=True)) if has("area_kind") else column("area")
        area_places = self._known("area", places, _place_cell, bad, ("name", ""))
        periods = self._known("period", column("period"), _period_cell, bad)
        values = _values(column("value"), bad)
        units = self._known("unit", column("unit"), _unit_cell, bad) if has("unit") else [None] * size
        multipliers = (
            self._known("unit_multiplier", column("unit_multiplier"), _multiplier_cell, bad)
            if has("unit_multiplier")
            else [0] * size
        )
        natures = self._known("nature", column("nature"), _nature_cell, bad) if has("nature") else [None] * size
        if self.dimensions:
            codes = list(zip(*(column(name) for name in self.dimensions), strict=True))
            dimensions = self._known("dimensions", codes, self._dimensions_cell, bad)
        else:
            dimensions = [()] * size
        footnotes = [text.strip() or None for text in column("footnote")] if has("footnote") else [None] * size
        sources = [text.strip() or None for text in column("source")] if has("source") else [None] * size
        reporting = (
            self._known("reporting_type", column("reporting_type"), _reporting_cell, bad)
            if has("reporting_type")
            else [GLOBAL] * size
        )
        kinds = [place[0] for place in area_places]
        areas = [place[1] for place in area_places]

        # In the order of ObservationBatch's fields (and of _fields_of).
        fields: list[list[Any]] = [block.numbers, series, areas, kinds, periods, values, units, multipliers]
        fields += [dimensions, natures, footnotes, sources, reporting]
        problems = list(block.problems)
        if bad:
            keep = self._read_again(block, sorted(bad), fields, problems)
            fields = [[field[index] for index in keep] for field in fields]
            problems.sort(key=lambda problem: cast(int, problem.location.row))
        # The raw cells are done with: free them before the loader works on the batch.
        cells.clear()
        block.rows.clear()
        yield from problems
        if fields[0]:
            yield ObservationBatch(self.file, *fields)

    def _read_again(
        self, block: RowBlock, bad: list[int], fields: list[list[Any]], problems: list[Problem]
    ) -> list[int]:
        """Read the rows that broke a rule through :func:`_row`; the indexes of the rows to keep in the batch."""
        dropped = set()
        for index in bad:
            stripped = [cell.strip() for cell in block.rows[index]]
            dropped.add(index)
            if not any(stripped):
                continue  # a row of blanks is a blank line
            for item in _row(self.file, CsvRow(block.numbers[index], stripped), self.columns, self.dimensions):
                if isinstance(item, Problem):
                    problems.append(item)
                else:  # a cell the bulk check could not take, but the row is fine (a value of blanks)
                    dropped.discard(index)
                    for field, value in zip(fields, _fields_of(item), strict=True):
                        field[index] = value
        return [index for index in range(len(block.rows)) if index not in dropped]

    def _known(
        self, name: str, keys: Sequence[Any], check: Callable[[Any], Any], bad: set[int], placeholder: Any = None
    ) -> list[Any]:
        """The checked value of each key, from the column's cache (filled for new keys); bad rows added to bad
        (their value is ``placeholder``).

        Keys that break a rule stay out of the cache (in ``refused``), so that a block whose keys are all known
        good costs one lookup pass.
        """
        cache, refused = self._caches.setdefault(name, ({}, set()))
        try:
            return list(map(cache.__getitem__, keys))
        except KeyError:
            pass
        if len(cache) + len(refused) > CACHE_LIMIT:
            cache.clear()
            refused.clear()
        for key in keys:
            if key not in cache and key not in refused:
                value = check(key)
                if value is _BAD:
                    refused.add(key)
                else:
                    cache[key] = value
        if refused:
            bad.update(index for index, key in enumerate(keys) if key in refused)
        return [cache.get(key, placeholder) for key in keys]

    def _dimensions_cell(self, codes: tuple[str, ...]) -> Dimensions | _Bad:
        return _probe(lambda here, problems: _dimensions(self.dimensions, [c.strip() for c in codes], here, problems))


def _fields_of(record: ObservationRecord) -> list[Any]:
    """A record's values in the order of ``_BatchChecker.check``'s fields."""
    return [
        record.location.row,
        record.series,
        record.area,
        record.area_kind,
        record.period,
        record.value,
        record.unit,
        record.unit_multiplier,
        record.dimensions,
        record.nature,
        record.footnote,
        record.source,
        record.reporting_type,
    ]


def _values(texts: Sequence[str], bad: set[int]) -> list[Decimal | None]:
    """The value cells as numbers, ``None`` when empty; rows the plain-number rule may refuse added to bad.

    ``Decimal`` reads exactly the plain numbers :func:`parse_number` accepts, and a few more literals that hold
    one of :data:`_NOT_PLAIN` or surrounding blanks: a block with none goes through in one pass.
    """
    with localcontext() as context:
        context.traps[InvalidOperation] = True  # a malformed literal raises rather than reading as NaN
        if not _NOT_PLAIN.search("".join(texts)):
            try:
                return [Decimal(text) if text else None for text in texts]
            except InvalidOperation:
                pass
        values: list[Decimal | None] = []
        for index, text in enumerate(texts):
            try:
                value = Decimal(text) if text else None
            except InvalidOperation:
                value = None
                bad.add(index)
            else:
                if value is not None and (not value.is_finite() or "_" in text):
                    bad.add(index)
            values.append(value)
        return values


def _probe(check: Callable[[SourceLocation, list[Problem]], Any]) -> Any:
    """What ``check`` returns for one cell, or ``_BAD`` when it found a problem."""
    problems: list[Problem] = []
    value = check(_NOWHERE, problems)
    return _BAD if problems else value


def _series_cell(text: str) -> Any:
    return _probe(lambda here, problems: _series(text.strip(), here, problems))


def _place_cell(place: str | tuple[str, str]) -> Any:
    area, declared = (place, "") if isinstance(place, str) else place
    return _probe(lambda here, problems: _area(area.strip(), declared.strip(), here, problems))


def _period_cell(text: str) -> Any:
    return _probe(lambda here, problems: _period(text.strip(), here, problems))


def _unit_cell(text: str) -> Any:
    return _probe(lambda here, problems: _unit(text.strip() or None, here, problems))


def _multiplier_cell(text: str) -> Any:
    return _probe(
        lambda here, problems: _checked(parse_unit_multiplier, text.strip(), "unit_multiplier", here, problems)
    )


def _nature_cell(text: str) -> Any:
    text = text.strip()
    return _probe(lambda here, problems: _checked(parse_nature, text, "nature", here, problems)) if text else None


def _reporting_cell(text: str) -> Any:
    text = text.strip()
    if not text:
        return GLOBAL
    return _probe(lambda here, problems: _checked(parse_reporting_type, text, "reporting_type", here, problems))


def _checked(parse: Callable[[str], Any], cell: str, column: str, here: SourceLocation, problems: list[Problem]) -> Any:
    """``parse(cell)``, or ``None`` with the broken rule appended to ``problems``."""
    try:
        return parse(cell)
    except ValueRuleError as exc:
        problems.append(error(here, column, cell, exc.rule, **exc.params))
        return None


def _row(file: str, row: CsvRow, columns: dict[str, int], dimensions: list[str]) -> Iterator[Item]:
    """One row checked on its own (stripped cells): its problems, or its record. The reference for the rules."""
    here = SourceLocation(file, row.number)
    cells = dict(zip(columns, row.cells, strict=True))
    problems: list[Problem] = []
    series = _series(cells["series"], here, problems)
    area_kind, area = _area(cells["area"], cells.get("area_kind", ""), here, problems)
    period = _period(cells["period"], here, problems)
    value = _checked(_value, cells["value"], "value", here, problems)
    unit = _unit(cells.get("unit") or None, here, problems)
    multiplier = (
        _checked(parse_unit_multiplier, cells["unit_multiplier"], "unit_multiplier", here, problems)
        if "unit_multiplier" in cells
        else 0
    )
    nature = _checked(parse_nature, cells["nature"], "nature", here, problems) if cells.get("nature") else None
    pairs = _dimensions(dimensions, [cells[name] for name in dimensions], here, problems)
    reporting_type = (
        _checked(parse_reporting_type, cells["reporting_type"], "reporting_type", here, problems)
        if cells.get("reporting_type")
        else GLOBAL
    )
    yield from problems
    if any(problem.severity == "error" for problem in problems):
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
        dimensions=pairs,
        nature=nature,
        footnote=cells.get("footnote") or None,
        source=cells.get("source") or None,
        reporting_type=reporting_type,
    )


def _series(series: str, here: SourceLocation, problems: list[Problem]) -> str:
    if not _SERIES.fullmatch(series):
        problems.append(
            error(here, "series", series, gettext_noop("series must be an SDG series code such as SM_DTH_MIGR"))
        )
    return series


def _unit(unit: str | None, here: SourceLocation, problems: list[Problem]) -> str | None:
    if unit is not None and not _CODE.fullmatch(unit):
        problems.append(
            error(here, "unit", unit, gettext_noop("unit must be an SDMX UNIT_MEASURE code such as NUMBER or PT"))
        )
    return unit


def _dimensions(names: list[str], codes: list[str], here: SourceLocation, problems: list[Problem]) -> Dimensions:
    pairs = []
    for dimension, code in zip(names, codes, strict=True):
        if dimension == "COUNTERPART_AREA" and code:
            kind, normalised = area_kind_of(code)
            code = f"{kind}:{normalised}"
        elif code and not _CODE.fullmatch(code):
            problems.append(
                error(here, dimension, code, gettext_noop("dimension values are SDG DSD codes such as F, Y_GE18, _T"))
            )
            continue
        pairs.append((dimension, code))
    return dimensions_from(pairs)


def _area(area: str, declared: str, here: SourceLocation, problems: list[Problem]) -> tuple[str, str]:
    if not area:
        problems.append(error(here, "area", area, gettext_noop("area is empty")))
        return "name", area
    if not declared:
        return area_kind_of(area)
    if declared not in AREA_KINDS - {"desa"}:
        problems.append(error(here, "area_kind", declared, gettext_noop("area_kind must be m49, iso2, iso3 or name")))
        return "name", area
    guessed_kind, normalised = area_kind_of(area)
    if declared != "name" and guessed_kind != declared:
        problems.append(error(here, "area", area, gettext_noop("not a valid %(kind)s code"), kind=declared))
    return declared, normalised if declared == guessed_kind else area


def _period(text: str, here: SourceLocation, problems: list[Problem]) -> str | None:
    """The period; a year written as a decimal number (``2016.0``) is read as the year with a warning, which
    sends the row through :func:`_row` in the batch path (any problem does) to be reported."""
    try:
        period, repair = parse_period(text)
    except ValueRuleError as exc:
        problems.append(error(here, "period", text, exc.rule, **exc.params))
        return None
    if repair:
        problems.append(warning(here, "period", text, FLOAT_YEAR_RULE, year=period))
    return period


#: The number rules of :func:`values.parse_number`, as this format states them (it has a missing-value marker).
_EMPTY_FOR_MISSING = {
    values.NOT_A_NUMBER: gettext_noop("not a number; leave the cell empty for a missing value"),
    values.DECIMAL_COMMA: gettext_noop(
        "decimal comma: write decimals with a full stop (0.5, not 0,5); leave the cell empty for a missing value"
    ),
    values.THOUSANDS: gettext_noop(
        "thousands separators are not allowed: write 1234567, not 1,234,567; leave the cell empty for a missing value"
    ),
}


def _value(text: str) -> Decimal | None:
    """An empty cell is a missing value; anything else must be a plain number."""
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueRuleError as exc:
        raise ValueRuleError(_EMPTY_FOR_MISSING.get(exc.rule, exc.rule), **exc.params) from None

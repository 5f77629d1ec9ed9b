"""UN DESA *International Migrant Stock* workbooks (editions 2020 and 2024): Table 1 of each, Tables 2–5 of the
destination workbooks.

Destination workbooks become series ``MIGSTOCK`` (area = country or region of destination), the origin workbook
``MIGSTOCK_ORIGIN`` (area = country or region of origin). Areas are UN DESA Location codes (``area_kind="desa"``:
M49 for countries, DESA's own codes for aggregates, World = 900). Each row gives three blocks of years — both
sexes, males, females — located by the block labels above the header, not by position, because the editions
order their columns differently (2020: ``Location code`` in D, ``Type of data`` in E; 2024: the reverse).

The destination workbooks' other tables are series of their own (:data:`DESTINATION_TABLES`): Table 2 total
population (``POP_TOTAL``, thousands: unit multiplier 3), Table 3 migrants as a percentage of the population
(``MIGSTOCK_SHARE``), Table 4 women's share of the migrants (``MIGSTOCK_FEMALE_SHARE``, no sex blocks) and
Table 5 the annual rate of change of the stock (``MIGSTOCK_CHANGE``), all three in percent (``PT``). Table 5's
columns are intervals (``1990-1995``); each value is stored under the interval's last year and its footnote
names the interval. The area of a row of these tables is the Location code of the Table 1 row with the same
index (column A) and name: the 2024 edition's Table 2 has a ``Location code`` header over a column that holds
the data type, so its rows carry no code of their own (a warning says so); where a table has codes they must
agree with Table 1's.

Which rows are countries: :meth:`UndesaXlsxReader.areas` lists every row with an ``is_aggregate`` flag (DESA
codes below 900 are countries or areas; 900 and above are World, regions, groupings, and ``OTHER`` = 2003 in the
origin table). Observation records stay generic and do not carry it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import limits
from .base import Item, Reader, WorkbookPeek
from .errors import UnreadableFile
from .i18n import gettext_noop
from .options import NO_OPTIONS, ReadOptions
from .records import ObservationRecord, SourceLocation, dimensions_from, error, warning
from .values import FLOAT_YEAR_RULE, ValueRuleError, parse_number, whole_year

TABLE = "Table 1"
MISSING = ".."
_TITLE = re.compile(r"International Migrant Stock (\d{4}): (Destination|Origin)")
_SEX_BLOCKS = (("both sexes", None), ("females", "F"), ("males", "M"))  # "females" before "males": substring
_INTERVAL = re.compile(r"(\d{4})-(\d{4})")
SERIES = {"Destination": "MIGSTOCK", "Origin": "MIGSTOCK_ORIGIN"}
NAME_COLUMN = "Region, development group, country or area"
CODE_COLUMN = "Location code"
NOTE_COLUMNS = ("Coverage", "Notes")
TYPE_COLUMNS = ("Data type", "Type of data")
FIRST_AGGREGATE_CODE = 900


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How one table of a workbook becomes a series.

    ``title``: the start of the table's title line (``Table 2: Total population``), checked so that a renamed or
    reordered sheet is refused rather than read as the wrong quantity. ``block_text``: the words every sex-block
    label above the header contains (None: the table has no sex blocks, every column is both sexes).
    ``intervals``: the year columns are intervals (``1990-1995``). ``note_sheets``: the sheets holding the
    texts of the table's note column, first found wins.
    """

    sheet: str
    series: str
    title: str
    unit: str
    unit_multiplier: int = 0
    block_text: str | None = "migrant stock"
    intervals: bool = False
    note_columns: tuple[str, ...] = NOTE_COLUMNS
    note_sheets: tuple[str, ...] = ("Migrant notes", "Notes")


#: Tables 2–5 of a destination workbook, in sheet order (both editions have all four).
DESTINATION_TABLES = (
    TableSpec(
        "Table 2",
        "POP_TOTAL",
        "Table 2: Total population",
        "NUMBER",
        unit_multiplier=3,
        block_text="total population",
        note_columns=("Population notes", "Notes"),
        note_sheets=("Population notes", "Notes"),
    ),
    TableSpec("Table 3", "MIGSTOCK_SHARE", "Table 3: International migrant stock as a percentage", "PT"),
    TableSpec("Table 4", "MIGSTOCK_FEMALE_SHARE", "Table 4: Female migrants as a percentage", "PT", block_text=None),
    TableSpec(
        "Table 5",
        "MIGSTOCK_CHANGE",
        "Table 5: Annual rate of change of the migrant stock",
        "PT",
        block_text="annual rate of change",
        intervals=True,
    ),
)


@dataclass(frozen=True, slots=True)
class DesaArea:
    """One row of Table 1: its Location code, name (indentation and footnote ``*`` removed) and kind."""

    code: str
    name: str
    is_aggregate: bool
    data_type: str | None
    row: int


@dataclass(frozen=True, slots=True)
class _Layout:
    edition: int
    table: str
    header_row: int
    name: int
    code: int
    note: int | None
    data_type: int | None
    years: tuple[tuple[int, int, str | None, str], ...]  # (column index, year, sex code, column label)
    #: Header cells holding a year as a decimal number (``1990.0``): (column index, cell, the year read).
    repaired_years: tuple[tuple[int, object, int], ...] = ()
    #: Interval columns (Table 5): column index → the interval as written (``1990-1995``).
    intervals: tuple[tuple[int, str], ...] = ()


class UndesaXlsxReader(Reader):
    """Reads Table 1 of a UN DESA International Migrant Stock workbook (destination or origin), and Tables 2–5
    of a destination workbook."""

    format_name = "undesa-ims-xlsx"
    dataset = "undesa-ims"
    dataset_name = "UN DESA International Migrant Stock"
    source_organisation = "UN DESA Population Division"
    #: 2: a year written 2016.0 is read as 2016 with a warning; 3: Tables 2–5 of destination workbooks
    version = "3"

    @classmethod
    def sniff_workbook(cls, peek: WorkbookPeek, filename: str) -> bool:
        return TABLE in peek.sheet_names and _TITLE.search(peek.text(TABLE)) is not None

    @classmethod
    def for_file(cls, path: Path, head: bytes, peek: WorkbookPeek | None, options: ReadOptions = NO_OPTIONS) -> Reader:
        found = _TITLE.search(peek.text(TABLE)) if peek else None
        reader = cls(dataset=f"undesa-ims-{found.group(1)}" if found else None, options=options)
        reader.edition = found.group(1) if found else ""
        return reader

    def parse(self, path: Path) -> Iterator[Item]:
        with _Workbook(path) as workbook:
            rows = workbook[TABLE].iter_rows(values_only=True)
            layout = _layout(path, rows)
            if self.dataset == type(self).dataset:
                self.dataset = f"undesa-ims-{layout.edition}"
            self.edition = str(layout.edition)
            index: dict[object, tuple[str, str]] = {}  # Table 1's row index → (Location code, name)
            first = TableSpec(TABLE, SERIES[layout.table], "", "NUMBER")
            yield from _table(path, workbook, first, layout, rows, index)
            if layout.table != "Destination":
                return
            for spec in DESTINATION_TABLES:
                if spec.sheet in workbook.sheetnames:
                    rows = workbook[spec.sheet].iter_rows(values_only=True)
                    yield from _table(path, workbook, spec, _layout(path, rows, spec), rows, index)

    def areas(self, path: str | Path) -> Iterator[DesaArea]:
        """Every row of Table 1 as a :class:`DesaArea`, to tell countries from aggregates."""
        path = Path(path)
        with _Workbook(path) as workbook:
            rows = workbook[TABLE].iter_rows(values_only=True)
            layout = _layout(path, rows)
            for number, cells in enumerate(rows, start=layout.header_row + 1):
                code = _code(cells[layout.code]) if len(cells) > layout.code else None
                if code is None:
                    continue
                data_type = _text(cells[layout.data_type]) if layout.data_type is not None else None
                yield DesaArea(code, _name(cells[layout.name]), int(code) >= FIRST_AGGREGATE_CODE, data_type, number)


def _table(
    path: Path,
    workbook: Any,
    spec: TableSpec,
    layout: _Layout,
    rows: Iterator[tuple[Any, ...]],
    index: dict[object, tuple[str, str]],
) -> Iterator[Item]:
    """The records of one table, its header already read into ``layout``. Table 1 fills ``index`` (row index →
    Location code and name); the other tables take their areas from it (see the module docstring)."""
    file = path.name
    notes = _notes(workbook, spec.note_sheets)
    first_table = spec.sheet == TABLE
    intervals = dict(layout.intervals)
    for column, cell, year in layout.repaired_years:
        here = SourceLocation(file, layout.header_row, get_column_letter(column + 1))
        yield warning(here, None, cell, FLOAT_YEAR_RULE, year=year)
    source = (
        f"UN DESA Population Division, International Migrant Stock {layout.edition} "
        f"(POP/DB/MIG/Stock/Rev.{layout.edition}), {layout.table}, {spec.sheet}"
    )
    codeless_said = False
    for number, cells in enumerate(rows, start=layout.header_row + 1):
        if not any(cell is not None and str(cell).strip() for cell in cells):
            continue
        here = SourceLocation(file, number)
        code_cell = cells[layout.code] if layout.code < len(cells) else None
        code = _code(code_cell)
        row_index = cells[layout.name - 1] if layout.name > 0 else None
        name = _name(cells[layout.name])
        if first_table:
            if code is None:
                yield error(here.at(_label(layout.code, CODE_COLUMN)), None, code_cell, gettext_noop("not a code"))
                continue
            if row_index is not None:
                index[row_index] = (code, name)
        else:
            known = index.get(row_index)
            if known is None or known[1] != name:
                rule = gettext_noop(
                    "no row of %(table)s has index %(index)s and this name, so the row's area is unknown"
                )
                where = here.at(_label(layout.name, NAME_COLUMN))
                yield error(where, None, cells[layout.name], rule, table=repr(TABLE), index=row_index)
                continue
            if code is None:
                if not codeless_said:
                    codeless_said = True
                    rule = gettext_noop(
                        "%(sheet)s has no Location codes in its %(column_name)s column; each row's area is that of "
                        "the %(table)s row with the same index and name"
                    )
                    where = here.at(_label(layout.code, CODE_COLUMN))
                    names = {"sheet": repr(spec.sheet), "column_name": repr(CODE_COLUMN), "table": repr(TABLE)}
                    yield warning(where, None, code_cell, rule, **names)
                code = known[0]
            elif code != known[0]:
                rule = gettext_noop("not the Location code of the %(table)s row with index %(index)s (%(code)s)")
                where = here.at(_label(layout.code, CODE_COLUMN))
                yield error(where, None, code_cell, rule, table=repr(TABLE), index=row_index, code=known[0])
                continue
        if all(column >= len(cells) or cells[column] is None for column, *_ in layout.years):
            rule = gettext_noop("no estimates for this area (every value cell is empty); row skipped")
            yield warning(here.at(_label(layout.name, NAME_COLUMN)), None, cells[layout.name], rule)
            continue
        footnote = _footnote(cells, layout, notes)
        for column, year, sex, label in layout.years:
            location = here.at(_label(column, label))
            cell = cells[column] if column < len(cells) else None
            try:
                value = _value(cell)
            except ValueRuleError as exc:
                yield error(location, None, cell, exc.rule, **exc.params)
                continue
            interval = intervals.get(column)
            yield ObservationRecord(
                series=spec.series,
                area=code,
                area_kind="desa",
                period=str(year),
                value=value,
                location=location,
                unit=spec.unit,
                unit_multiplier=spec.unit_multiplier,
                dimensions=dimensions_from([("SEX", sex)]),
                footnote="; ".join(filter(None, [f"Interval: {interval}" if interval else None, footnote])) or None,
                source=source,
            )


class _Workbook:
    """Open a workbook read-only (streaming), turning every failure into UnreadableFile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook: Any = None
        self.handle: BinaryIO | None = None

    def __enter__(self) -> Any:
        # A file object rather than the path: openpyxl refuses paths whose name does not end in .xlsx.
        limits.check_workbook_file(self.path)
        self.handle = handle = self.path.open("rb")
        try:
            self.workbook = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            handle.close()
            raise UnreadableFile(self.path, f"not a readable XLSX workbook ({exc})") from None
        if TABLE not in self.workbook.sheetnames:
            self.__exit__()
            sheets = ", ".join(self.workbook.sheetnames)
            raise UnreadableFile(self.path, f"no sheet {TABLE!r} (sheets: {sheets}); not a UN DESA stock workbook")
        return self.workbook

    def __exit__(self, *exc: object) -> None:
        self.workbook.close()
        if self.handle is not None:
            self.handle.close()


def _layout(path: Path, rows: Iterator[tuple[Any, ...]], spec: TableSpec | None = None) -> _Layout:
    """Read the title rows and the header: edition, table, column positions and the sex block of each year.

    ``spec`` is one of :data:`DESTINATION_TABLES` (None: Table 1). Its title must be above the header, and its
    block labels must contain its ``block_text``.
    """
    sheet = spec.sheet if spec else TABLE
    block_text = spec.block_text if spec else "migrant stock"
    title: re.Match[str] | None = None
    titled = spec is None
    blocks: list[tuple[int, str | None, str]] = []
    for number, cells in enumerate(rows, start=1):
        texts = [_text(cell) or "" for cell in cells]
        title = title or next((m for m in map(_TITLE.search, texts) if m), None)
        titled = titled or any(text.startswith(spec.title) for text in texts if spec)
        for index, text in enumerate(texts):
            lowered = text.lower()
            block = next(((label, code) for label, code in _SEX_BLOCKS if label in lowered), None)
            if block and block_text and block_text in lowered:
                blocks.append((index, block[1], block[0]))
        if CODE_COLUMN in texts and NAME_COLUMN in texts:
            break
        if number > 30:
            raise UnreadableFile(path, f"no header row with {CODE_COLUMN!r} in the first 30 rows of {sheet!r}")
    else:
        raise UnreadableFile(path, f"sheet {sheet!r} ends before its header row")
    if title is None:
        raise UnreadableFile(path, "no 'International Migrant Stock YYYY: Destination|Origin' title above the header")
    if spec is not None and not titled:
        raise UnreadableFile(
            path, f"sheet {sheet!r} has no title starting {spec.title!r}; not the table expected there"
        )
    if block_text is None:
        blocks = [(0, None, "")]  # one block, no sex: Table 4
    if not blocks:
        raise UnreadableFile(
            path, f"no 'both sexes' / 'males' / 'females' block labels above the header of {sheet!r}", f"row {number}"
        )
    blocks.sort()
    years, repaired, intervals = [], [], []
    for index, cell in enumerate(cells):
        interval = _INTERVAL.fullmatch(_text(cell) or "") if spec is not None and spec.intervals else None
        if interval is not None:
            found: tuple[int, str | None] | None = (int(interval.group(2)), None)
        else:
            found = whole_year(cell)  # an XLSX number is 1990 either way; text may say "1990.0"
        if found is not None and 1900 < found[0] < 2100:
            year, repair = found
            left = [b for b in blocks if b[0] <= index]
            if not left:
                raise UnreadableFile(path, f"year column {get_column_letter(index + 1)} is left of every sex block")
            _, sex, label = left[-1]
            heading = interval.group(0) if interval else str(year)
            years.append((index, year, sex, f"{heading}, {label}" if label else heading))
            if repair:
                repaired.append((index, cell, year))
            if interval:
                intervals.append((index, interval.group(0)))

    def find(names: tuple[str, ...]) -> int | None:
        return next((texts.index(name) for name in names if name in texts), None)

    note, data_type = find(spec.note_columns if spec else NOTE_COLUMNS), find(TYPE_COLUMNS)
    if data_type is None and note is not None and texts[note + 1 : note + 2] == [""]:
        data_type = note + 1  # the 2024 origin table leaves the "Data type" header cell empty
    return _Layout(
        edition=int(title.group(1)),
        table=title.group(2),
        header_row=number,
        name=texts.index(NAME_COLUMN),
        code=texts.index(CODE_COLUMN),
        note=note,
        data_type=data_type,
        years=tuple(years),
        repaired_years=tuple(repaired),
        intervals=tuple(intervals),
    )


def _notes(workbook: Any, sheets: tuple[str, ...] = ("Migrant notes", "Notes")) -> dict[str, str]:
    """Country notes by their mark (``"1"`` or ``"b"`` → "For statistical purposes…") from the first of
    ``sheets`` the workbook has, mojibake repaired."""
    sheet = next((name for name in sheets if name in workbook.sheetnames), None)
    notes: dict[str, str] = {}
    if sheet is None:
        return notes
    for cells in workbook[sheet].iter_rows(values_only=True):
        present = [cell for cell in cells if cell is not None]
        if len(present) >= 2 and isinstance(present[0], int | str) and isinstance(present[1], str):
            notes.setdefault(str(present[0]).strip(), _repair(present[1].strip()))
    return notes


def _repair(text: str) -> str:
    """Undo UTF-8 read as Latin-1 (``RÃ©union`` → ``Réunion``), which the 2024 notes sheets carry."""
    if "Ã" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _footnote(cells: tuple[Any, ...], layout: _Layout, notes: dict[str, str]) -> str | None:
    parts = []
    data_type = _text(cells[layout.data_type]) if layout.data_type is not None else None
    if data_type:
        parts.append(f"Type of data: {' '.join(data_type.split())}")
    note = cells[layout.note] if layout.note is not None else None
    mark = str(int(note)) if isinstance(note, int | float) and not isinstance(note, bool) else _text(note)
    if mark and mark in notes:
        parts.append(notes[mark])
    return "; ".join(parts) or None


def _value(cell: Any) -> Decimal | None:
    if isinstance(cell, bool):
        raise ValueRuleError("not a number")
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell))
    text = _text(cell)
    if text == MISSING:
        return None
    if not text:
        raise ValueRuleError(f"empty cell; this table marks missing values with {MISSING!r}")
    return parse_number(text)


def _code(cell: Any) -> str | None:
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = _text(cell)
    return str(int(text)) if text and text.isdigit() else None


def _name(cell: Any) -> str:
    """An area's name without the hierarchy's indentation and the footnote mark ``*``."""
    return (_text(cell) or "").rstrip("*").strip()


def _text(cell: Any) -> str | None:
    return None if cell is None else str(cell).strip()


def _label(index: int, header: str) -> str:
    return f"{get_column_letter(index + 1)} ({header})"

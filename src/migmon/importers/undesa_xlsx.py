"""UN DESA *International Migrant Stock* workbooks (editions 2020 and 2024), Table 1 of each.

Destination workbooks become series ``MIGSTOCK`` (area = country or region of destination), the origin workbook
``MIGSTOCK_ORIGIN`` (area = country or region of origin). Areas are UN DESA Location codes (``area_kind="desa"``:
M49 for countries, DESA's own codes for aggregates, World = 900). Each row gives three blocks of years — both
sexes, males, females — located by the block labels above the header, not by position, because the editions
order their columns differently (2020: ``Location code`` in D, ``Type of data`` in E; 2024: the reverse).

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
from .records import ObservationRecord, SourceLocation, dimensions_from, error, warning
from .values import ValueRuleError, parse_number, whole_year

TABLE = "Table 1"
MISSING = ".."
_TITLE = re.compile(r"International Migrant Stock (\d{4}): (Destination|Origin)")
_SEX_BLOCKS = (("both sexes", None), ("females", "F"), ("males", "M"))  # "females" before "males": substring
SERIES = {"Destination": "MIGSTOCK", "Origin": "MIGSTOCK_ORIGIN"}
NAME_COLUMN = "Region, development group, country or area"
CODE_COLUMN = "Location code"
NOTE_COLUMNS = ("Coverage", "Notes")
TYPE_COLUMNS = ("Data type", "Type of data")
FIRST_AGGREGATE_CODE = 900


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
    #: Header cells holding a year as a decimal number (``1990.0``): (column index, cell, repair note).
    repaired_years: tuple[tuple[int, object, str], ...] = ()


class UndesaXlsxReader(Reader):
    """Reads Table 1 of a UN DESA International Migrant Stock workbook (destination or origin)."""

    format_name = "undesa-ims-xlsx"
    dataset = "undesa-ims"
    dataset_name = "UN DESA International Migrant Stock"
    source_organisation = "UN DESA Population Division"
    version = "2"  # 2: a year written 2016.0 is read as 2016 with a warning

    @classmethod
    def sniff_workbook(cls, peek: WorkbookPeek, filename: str) -> bool:
        return TABLE in peek.sheet_names and _TITLE.search(peek.text(TABLE)) is not None

    @classmethod
    def for_file(cls, path: Path, head: bytes, peek: WorkbookPeek | None) -> Reader:
        found = _TITLE.search(peek.text(TABLE)) if peek else None
        reader = cls(dataset=f"undesa-ims-{found.group(1)}") if found else cls()
        reader.edition = found.group(1) if found else ""
        return reader

    def parse(self, path: Path) -> Iterator[Item]:
        file = path.name
        with _Workbook(path) as workbook:
            notes = _notes(workbook)
            rows = workbook[TABLE].iter_rows(values_only=True)
            layout = _layout(path, rows)
            if self.dataset == type(self).dataset:
                self.dataset = f"undesa-ims-{layout.edition}"
            self.edition = str(layout.edition)
            series = SERIES[layout.table]
            for index, cell, repair in layout.repaired_years:
                yield warning(SourceLocation(file, layout.header_row, get_column_letter(index + 1)), None, cell, repair)
            source = (
                f"UN DESA Population Division, International Migrant Stock {layout.edition} "
                f"(POP/DB/MIG/Stock/Rev.{layout.edition}), {layout.table}, {TABLE}"
            )
            for number, cells in enumerate(rows, start=layout.header_row + 1):
                if not any(cell is not None and str(cell).strip() for cell in cells):
                    continue
                here = SourceLocation(file, number)
                code = _code(cells[layout.code])
                if code is None:
                    yield error(here.at(_label(layout.code, CODE_COLUMN)), None, cells[layout.code], "not a code")
                    continue
                if all(index >= len(cells) or cells[index] is None for index, *_ in layout.years):
                    rule = "no estimates for this area (every value cell is empty); row skipped"
                    yield warning(here.at(_label(layout.name, NAME_COLUMN)), None, cells[layout.name], rule)
                    continue
                footnote = _footnote(cells, layout, notes)
                for index, year, sex, label in layout.years:
                    location = here.at(_label(index, label))
                    cell = cells[index] if index < len(cells) else None
                    try:
                        value = _value(cell)
                    except ValueRuleError as exc:
                        yield error(location, None, cell, str(exc))
                        continue
                    yield ObservationRecord(
                        series=series,
                        area=code,
                        area_kind="desa",
                        period=str(year),
                        value=value,
                        location=location,
                        unit="NUMBER",
                        dimensions=dimensions_from([("SEX", sex)]),
                        footnote=footnote,
                        source=source,
                    )

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
                name = (_text(cells[layout.name]) or "").rstrip("*").strip()
                yield DesaArea(code, name, int(code) >= FIRST_AGGREGATE_CODE, data_type, number)


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


def _layout(path: Path, rows: Iterator[tuple[Any, ...]]) -> _Layout:
    """Read the title rows and the header: edition, table, column positions and the sex block of each year."""
    title: re.Match[str] | None = None
    blocks: list[tuple[int, str | None, str]] = []
    for number, cells in enumerate(rows, start=1):
        texts = [_text(cell) or "" for cell in cells]
        title = title or next((m for m in map(_TITLE.search, texts) if m), None)
        for index, text in enumerate(texts):
            lowered = text.lower()
            block = next(((label, code) for label, code in _SEX_BLOCKS if label in lowered), None)
            if block and "migrant stock" in lowered:
                blocks.append((index, block[1], block[0]))
        if CODE_COLUMN in texts and NAME_COLUMN in texts:
            break
        if number > 30:
            raise UnreadableFile(path, f"no header row with {CODE_COLUMN!r} in the first 30 rows of {TABLE!r}")
    else:
        raise UnreadableFile(path, f"sheet {TABLE!r} ends before its header row")
    if title is None:
        raise UnreadableFile(path, "no 'International Migrant Stock YYYY: Destination|Origin' title above the header")
    if not blocks:
        raise UnreadableFile(
            path, "no 'both sexes' / 'males' / 'females' block labels above the header", f"row {number}"
        )
    blocks.sort()
    years, repaired = [], []
    for index, cell in enumerate(cells):
        found = whole_year(cell)  # an XLSX number is 1990 either way; text may say "1990.0"
        if found is not None and 1900 < found[0] < 2100:
            year, repair = found
            left = [b for b in blocks if b[0] <= index]
            if not left:
                raise UnreadableFile(path, f"year column {get_column_letter(index + 1)} is left of every sex block")
            _, sex, label = left[-1]
            years.append((index, year, sex, f"{year}, {label}"))
            if repair:
                repaired.append((index, cell, repair))

    def find(names: tuple[str, ...]) -> int | None:
        return next((texts.index(name) for name in names if name in texts), None)

    note, data_type = find(NOTE_COLUMNS), find(TYPE_COLUMNS)
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
    )


def _notes(workbook: Any) -> dict[int, str]:
    """Numbered country notes (``1 → "For statistical purposes…"``) from the notes sheet, mojibake repaired."""
    sheet = next((name for name in ("Migrant notes", "Notes") if name in workbook.sheetnames), None)
    notes: dict[int, str] = {}
    if sheet is None:
        return notes
    for cells in workbook[sheet].iter_rows(values_only=True):
        present = [cell for cell in cells if cell is not None]
        if len(present) >= 2 and isinstance(present[0], int) and isinstance(present[1], str):
            notes[present[0]] = _repair(present[1].strip())
    return notes


def _repair(text: str) -> str:
    """Undo UTF-8 read as Latin-1 (``RÃ©union`` → ``Réunion``), which the 2024 notes sheets carry."""
    if "Ã" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _footnote(cells: tuple[Any, ...], layout: _Layout, notes: dict[int, str]) -> str | None:
    parts = []
    data_type = _text(cells[layout.data_type]) if layout.data_type is not None else None
    if data_type:
        parts.append(f"Type of data: {' '.join(data_type.split())}")
    note = cells[layout.note] if layout.note is not None else None
    if isinstance(note, int | float) and int(note) in notes:
        parts.append(notes[int(note)])
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


def _text(cell: Any) -> str | None:
    return None if cell is None else str(cell).strip()


def _label(index: int, header: str) -> str:
    return f"{get_column_letter(index + 1)} ({header})"

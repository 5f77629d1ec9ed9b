"""Streaming CSV rows with the checks every CSV format shares.

Encoding (UTF-8 with or without BOM, UTF-16 with BOM), binary content, the separator (``,``, ``;`` or tab, read
from the header), duplicated or missing column names, and rows whose field count does not match the header
(with a hint when the row uses another separator). Rows are read line by line: memory does not grow with the file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from .errors import UnreadableFile
from .records import Problem, SourceLocation, error

SEPARATORS = (",", ";", "\t", "|")
_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (an XLSX workbook?)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office document",
    b"SQLite format 3": "an SQLite database",
}


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its 1-based line number in the file and its cells (stripped), in header order."""

    number: int
    cells: list[str]


def text_encoding(head: bytes) -> tuple[str, int]:
    """The encoding to read a text file with, and the length of its byte-order mark."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0  # the utf-16 codec reads the BOM itself to learn the byte order
    return "utf-8", 0


def binary_reason(head: bytes, encoding: str) -> str | None:
    """Why the first bytes are not a text file, or ``None`` when they look like text."""
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return f"binary file: the content is {what}, not CSV text"
    nul = head.find(b"\x00")
    if encoding == "utf-8" and nul >= 0:
        return f"binary file: NUL byte at offset {nul}; expected CSV text in UTF-8"
    return None


def sniff_header(head: bytes) -> list[str] | None:
    """The column names of a CSV file's first line, or ``None`` if the head is not CSV text."""
    encoding, bom = text_encoding(head)
    if binary_reason(head, encoding):
        return None
    try:
        text = head[bom:].decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        text = head[bom : bom + exc.start].decode(encoding, errors="ignore")
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        return None
    separator = _separator_of(first_line)
    return [name.strip() for name in next(csv.reader([first_line], delimiter=separator))]


def _separator_of(line: str) -> str:
    """The separator with the most occurrences outside quotes (``,`` when there is none)."""
    outside = line.split('"')[::2]
    counts = {sep: sum(part.count(sep) for part in outside) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


class CsvSource:
    """Opens one CSV file, checks its header and streams its data rows.

    ``required`` columns must be present (``UnreadableFile`` otherwise). Row-level trouble (wrong field count,
    mixed separators) comes out of :meth:`rows` as :class:`Problem` items in file order.
    """

    def __init__(self, path: Path, required: Iterable[str] = ()) -> None:
        self.path = path
        self.file = path.name
        self._required = tuple(required)
        self.header: list[str] = []
        self.separator = ","

    def rows(self) -> Iterator[CsvRow | Problem]:
        """Data rows after the header; skips blank lines; raises UnreadableFile for whole-file failures."""
        with _open_binary(self.path) as raw:
            head = raw.read(8192)
            encoding, bom = text_encoding(head)
            reason = binary_reason(head, encoding)
            if reason:
                raise UnreadableFile(self.path, reason)
            raw.seek(bom)
            lines = _LineFeed(raw, self.path, encoding)
            header_line = lines.first_nonblank()
            if header_line is None:
                what = "only a byte-order mark" if bom or encoding == "utf-16" else "only blank lines"
                raise UnreadableFile(self.path, f"empty file ({what}): no header row")
            self.separator = _separator_of(header_line)
            self.header = [name.strip() for name in next(csv.reader([header_line], delimiter=self.separator))]
            self._check_header(lines.line)
            reader = csv.reader(lines, delimiter=self.separator)
            width = len(self.header)
            previous_end = lines.line
            for cells in reader:
                number = previous_end + 1
                previous_end = lines.line
                raw_text = lines.take_record_text()
                stripped = [cell.strip() for cell in cells]
                if not any(stripped):
                    continue  # blank line
                if len(cells) != width:
                    yield self._shape_problem(number, cells, raw_text)
                    continue
                yield CsvRow(number, stripped)

    def column_index(self, name: str) -> int | None:
        """Position of a column (exact name), or ``None``."""
        try:
            return self.header.index(name)
        except ValueError:
            return None

    def _check_header(self, line_number: int) -> None:
        where = f"row {line_number} (header)"
        seen: dict[str, int] = {}
        for position, name in enumerate(self.header, start=1):
            if not name:
                raise UnreadableFile(self.path, f"column {position} has no name; every column needs one", where)
            if name in seen:
                raise UnreadableFile(
                    self.path,
                    f"duplicated column name {name!r} (columns {seen[name]} and {position}); names must be unique",
                    where,
                )
            seen[name] = position
        missing = [name for name in self._required if name not in seen]
        if missing:
            raise UnreadableFile(
                self.path,
                f"missing required column(s) {', '.join(missing)}; found {', '.join(self.header)} "
                f"(separator {_SEPARATOR_NAMES[self.separator]})",
                where,
            )

    def _shape_problem(self, number: int, cells: list[str], raw_text: str) -> Problem:
        location = SourceLocation(self.file, number)
        shown = raw_text.rstrip("\r\n")
        for other in SEPARATORS:
            if other == self.separator:
                continue
            if len(next(csv.reader([shown], delimiter=other), [])) == len(self.header):
                return error(
                    location,
                    None,
                    shown,
                    f"mixed separators: this row is separated by {_SEPARATOR_NAMES[other]} but the header by "
                    f"{_SEPARATOR_NAMES[self.separator]}",
                )
        return error(location, None, shown, f"row has {len(cells)} fields but the header has {len(self.header)}")


def _open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when it is gzip-compressed (``.csv.gz``)."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    return cast(BinaryIO, gzip.open(path, "rb")) if compressed else path.open("rb")


class _LineFeed:
    """Decoded lines for ``csv.reader``, counting lines and reporting undecodable bytes by row and offset."""

    def __init__(self, raw: BinaryIO, path: Path, encoding: str) -> None:
        self.path = path
        self.line = 0
        self._record: list[str] = []
        self._offset = raw.tell()
        self._utf8 = encoding == "utf-8"
        self._source: Iterator[bytes | str] = (
            iter(raw) if self._utf8 else iter(io.TextIOWrapper(raw, encoding=encoding, newline=""))
        )

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            chunk = next(self._source)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise UnreadableFile(self.path, f"damaged gzip data ({exc})", f"row {self.line + 1}") from None
        except UnicodeDecodeError as exc:  # utf-16 path: the wrapper decodes ahead, so only the line is known
            reason = f"undecodable bytes in UTF-16 text ({exc.reason})"
            raise UnreadableFile(self.path, reason, f"row {self.line + 1}") from None
        self.line += 1
        if isinstance(chunk, bytes):
            text = self._decode(chunk)
            self._offset += len(chunk)
        else:
            text = chunk
        self._record.append(text)
        return text

    def _decode(self, chunk: bytes) -> str:
        try:
            return chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = chunk[exc.start]
            hint = ""
            try:
                hint = f" (as Latin-1/cp1252 it would read {chunk[exc.start : exc.start + 1].decode('cp1252')!r})"
            except UnicodeDecodeError:
                pass
            raise UnreadableFile(
                self.path,
                f"not UTF-8: byte 0x{bad:02X} cannot be decoded{hint}; save the file as UTF-8",
                f"row {self.line}, byte offset {self._offset + exc.start}",
            ) from None

    def first_nonblank(self) -> str | None:
        """The first line with content (the header), without its line end and any stray BOM."""
        for text in self:
            text = text.lstrip("\ufeff").rstrip("\r\n")
            self._record.clear()
            if text.strip():
                return text
        return None

    def take_record_text(self) -> str:
        """The raw text of the lines consumed since the last call (one CSV record, maybe multi-line)."""
        text = "".join(self._record)
        self._record.clear()
        return text

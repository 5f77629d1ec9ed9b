"""Streaming CSV rows with the checks every CSV format shares.

Encoding (UTF-8 with or without BOM, UTF-16 with BOM), binary content, the separator (``,``, ``;`` or tab, read
from the header), duplicated or missing column names, and rows whose field count does not match the header
(with a hint when the row uses another separator). Rows are read a chunk at a time: memory does not grow with the
file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO, cast

from . import limits
from .errors import UnreadableFile
from .i18n import gettext_noop
from .records import Problem, SourceLocation, error

SEPARATORS = (",", ";", "\t", "|")
#: Bytes read and decoded at a time; small enough that the first rows arrive before much of a file is read.
CHUNK_BYTES = 64 * 1024
#: Rows :meth:`CsvSource.rows` reads ahead of the one it hands out.
ROWS_BLOCK_SIZE = 512
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
    # A file whose lines end with a lone CR is recognised by its first line; the reader then refuses it.
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r").split("\r", 1)[0]
    if not first_line.strip():
        return None
    separator = _separator_of(first_line)
    try:
        return [name.strip() for name in next(csv.reader([first_line], delimiter=separator))]
    except csv.Error:  # a quote left open, a field over the csv module's size limit: not a header
        return None


def _separator_of(line: str) -> str:
    """The separator with the most occurrences outside quotes (``,`` when there is none)."""
    outside = line.split('"')[::2]
    counts = {sep: sum(part.count(sep) for part in outside) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


@dataclass(slots=True)
class RowBlock:
    """Consecutive data rows of a file, for readers that check rows in bulk (see :meth:`CsvSource.blocks`).

    ``rows[i]`` holds the cells of one row exactly as read (*not* stripped), one per header column, and
    ``numbers[i]`` its 1-based line number. A row may be blank (every cell empty or blanks): a reader skips it,
    as :meth:`CsvSource.rows` does. Stripping is the reader's job, so that it is done once per distinct value.
    ``problems`` are the field-count problems of rows in the same stretch of the file, in file order.
    """

    numbers: list[int]
    rows: list[list[str]]
    problems: list[Problem]


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
        for block in self.blocks(ROWS_BLOCK_SIZE):
            problems = iter(block.problems)
            pending = next(problems, None)
            for number, cells in zip(block.numbers, block.rows, strict=True):
                while pending is not None and cast(int, pending.location.row) < number:
                    yield pending
                    pending = next(problems, None)
                stripped = [cell.strip() for cell in cells]
                if any(stripped):  # a row of blanks is a blank line
                    yield CsvRow(number, stripped)
            if pending is not None:
                yield pending
                yield from problems

    def blocks(self, size: int, first_size: int = 1) -> Iterator[RowBlock]:
        """The data rows in blocks of ``size`` (the first of ``first_size``, so that it arrives at once).

        Lines are split and decoded a chunk at a time and a block of rows is parsed by ``csv.reader`` in one C
        call: no Python code runs per line or per row unless a block holds a row with the wrong field count or a
        quoted line break. When the file turns out to be unreadable half-way (undecodable bytes, damaged gzip
        data), the rows before the trouble come out in a last block before :class:`UnreadableFile` is raised, as
        they would line by line.
        """
        with _open_binary(self.path) as raw:
            head = raw.read(8192)
            encoding, bom = text_encoding(head)
            reason = binary_reason(head, encoding)
            if reason:
                raise UnreadableFile(self.path, reason)
            raw.seek(bom)
            feed = _ChunkFeed(raw, self.path, encoding)
            lines = chain.from_iterable(feed)
            header_line, header_number = _first_nonblank(lines)
            if header_line is None:
                if feed.error is not None:
                    raise feed.error
                what = "only a byte-order mark" if bom or encoding == "utf-16" else "only blank lines"
                raise UnreadableFile(self.path, f"empty file ({what}): no header row")
            if "\r" in header_line:
                raise limits.LimitExceeded(self.path, None, limits.CR_ONLY_MESSAGE, f"row {header_number}")
            self.separator = _separator_of(header_line)
            try:
                header = next(csv.reader([header_line], delimiter=self.separator))
            except csv.Error as exc:
                raise UnreadableFile(self.path, f"malformed CSV: {exc}", f"row {header_number} (header)") from None
            limits.check_fields(self.path, len(header), f"row {header_number} (header)")
            self.header = [name.strip() for name in header]
            self._check_header(header_number)
            reader = csv.reader(lines, delimiter=self.separator)
            limit, first = first_size, header_number + 1  # ``first``: the line the next record starts on
            while True:
                feed.forget_before(first)
                try:
                    rows, numbers, first = _read_rows(reader, limit, first, header_number, feed.utf8)
                except csv.Error as exc:  # a lone carriage return in a cell, a cell over the field size limit
                    where = f"row {header_number + reader.line_num}"
                    raise UnreadableFile(self.path, f"malformed CSV: {exc}", where) from None
                block = self._shaped(RowBlock(numbers, rows, []), feed, first - 1)
                at_end = len(rows) < limit  # before the block is handed out: its reader may empty it
                if block.rows or block.problems:
                    yield block
                if at_end:
                    break
                limit = size
            if feed.error is not None:
                raise feed.error

    def _shaped(self, block: RowBlock, feed: _ChunkFeed, last_line: int) -> RowBlock:
        """The block without rows of the wrong field count (a problem each) or with no cell at all (blank)."""
        width = len(self.header)
        widths = set(map(len, block.rows))
        if not widths or widths == {width}:
            return block
        if max(widths) > width:
            widest = max(range(len(block.rows)), key=lambda index: len(block.rows[index]))
            limits.check_fields(self.path, len(block.rows[widest]), f"row {block.numbers[widest]}")
        kept = RowBlock([], [], [])
        ends = [*block.numbers[1:], last_line + 1]
        for number, cells, following in zip(block.numbers, block.rows, ends, strict=True):
            if len(cells) == width:
                kept.numbers.append(number)
                kept.rows.append(cells)
            elif any(cell.strip() for cell in cells):
                raw_text = feed.text(number, following - 1, cells, self.separator)
                kept.problems.append(self._shape_problem(number, cells, raw_text))
        return kept

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
                    gettext_noop("mixed separators: this row is separated by %(row)s but the header by %(header)s"),
                    row=_SEPARATOR_NAMES[other],
                    header=_SEPARATOR_NAMES[self.separator],
                )
        return error(
            location,
            None,
            shown,
            gettext_noop("row has %(fields)s fields but the header has %(header)s"),
            fields=len(cells),
            header=len(self.header),
        )


def _open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when it is gzip-compressed (``.csv.gz``), within the limits."""
    return limits.open_binary(path)


class _ChunkFeed:
    """Decoded lines for ``csv.reader``, a list of about :data:`CHUNK_BYTES` at a time, split and decoded in C.

    UTF-8 bytes are cut after the last line feed of each chunk (a line feed is never part of a multi-byte
    character) and decoded at once; lines end at ``\\n`` only, as when a binary file is iterated. The last
    two chunks are kept so that the raw text of a refused record can be shown. UTF-16 files, rare and small,
    go through the line-by-line :class:`_LineFeed`.
    """

    def __init__(self, raw: BinaryIO, path: Path, encoding: str) -> None:
        self.path = path
        self.utf8 = encoding == "utf-8"
        #: Why the file could not be read to its end; the lines stop there (``csv.reader`` must not see it raise
        #: in the middle of a block, which would lose the rows it had already parsed).
        self.error: UnreadableFile | None = None
        self._raw = raw
        self._encoding = encoding
        self._start = raw.tell()
        self._offset = self._start  # byte offset of the next chunk to decode
        self._count = 0  # lines handed out so far
        self._kept: deque[tuple[int, list[str]]] = deque()  # (first line number, lines) since forget_before
        self._max_line = limits.LINE.value() * limits.KB

    def __iter__(self) -> Iterator[list[str]]:
        chunks = self._utf8_chunks() if self.utf8 else self._line_chunks()
        try:
            for lines in chunks:
                self._kept.append((self._count + 1, lines))
                self._count += len(lines)
                yield lines
        except UnreadableFile as exc:
            self.error = exc

    def forget_before(self, line: int) -> None:
        """Drop the kept chunks that end before ``line`` (memory holds at most a block's lines)."""
        while len(self._kept) > 1 and self._kept[0][0] + len(self._kept[0][1]) <= line:
            self._kept.popleft()

    def text(self, start: int, end: int, cells: list[str], separator: str) -> str:
        """The raw text of lines ``start`` to ``end`` (one record), rebuilt from its cells if no longer kept."""
        parts: list[str] = []
        for first, lines in self._kept:
            low, high = max(start, first), min(end, first + len(lines) - 1)
            if low <= high:
                parts.extend(lines[low - first : high - first + 1])
        if len(parts) == end - start + 1:
            return "".join(parts)
        return separator.join(cells)  # not expected: the kept chunks cover the current block

    def _utf8_chunks(self) -> Iterator[list[str]]:
        carry = b""
        while True:
            chunk = self._read()
            if not chunk:
                if carry:
                    yield from self._decoded(carry)
                return
            chunk = carry + chunk
            cut = chunk.rfind(b"\n") + 1
            carry = chunk[cut:]
            if len(carry) > self._max_line:  # bounded, so ``carry + chunk`` never grows quadratic
                raise limits.exceeded(self.path, limits.LINE, f"row {self._count + 1}")
            if cut:
                yield from self._decoded(chunk[:cut])

    def _decoded(self, chunk: bytes) -> Iterator[list[str]]:
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            good = chunk.rfind(b"\n", 0, exc.start) + 1  # the lines before the one with the bad byte
            if good:
                yield list(io.StringIO(chunk[:good].decode("utf-8"), newline="\n"))
            raise _not_utf8(self.path, chunk, exc.start, self._count + 1, self._offset + exc.start) from None
        self._offset += len(chunk)
        yield list(io.StringIO(text, newline="\n"))

    def _read(self) -> bytes:
        try:
            return self._raw.read(CHUNK_BYTES)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: Exception) -> UnreadableFile:
        """Damaged gzip data: read the file again line by line to name the row as the line feed does."""
        with _open_binary(self.path) as raw:
            raw.seek(self._start)
            try:
                for _ in _LineFeed(raw, self.path, self._encoding):
                    pass
            except UnreadableFile as found:
                return found
        return UnreadableFile(self.path, f"damaged gzip data ({exc})", f"row {self._count + 1}")

    def _line_chunks(self) -> Iterator[list[str]]:
        lines: list[str] = []
        try:
            for line in _LineFeed(self._raw, self.path, self._encoding):
                lines.append(line)
                if len(lines) == 1024:
                    yield lines
                    lines = []
        except UnreadableFile:
            if lines:
                yield lines
            raise
        if lines:
            yield lines


def _read_rows(
    reader: Any, limit: int, first: int, header_number: int, utf8: bool
) -> tuple[list[list[str]], list[int], int]:
    """Up to ``limit`` records from ``reader``, the line each starts on, and the line the next one will start on.

    For UTF-8 the records are read in one C call: a record spans one line plus one per line feed in its cells
    (lines end at ``\\n`` only), so the numbers follow from the cells when the block has line breaks in quotes.
    UTF-16 lines also end at a lone ``\\r``: there ``line_num`` is read after each record.
    """
    before = reader.line_num
    if utf8:
        rows = list(islice(reader, limit))
        if reader.line_num - before == len(rows):
            numbers = list(range(first, first + len(rows)))
        else:
            numbers = []
            start = first
            for cells in rows:
                numbers.append(start)
                start += 1 + sum(cell.count("\n") for cell in cells)
    else:
        rows, numbers = [], []
        for cells in islice(reader, limit):
            rows.append(cells)
            numbers.append(first)
            first = header_number + reader.line_num + 1
    return rows, numbers, header_number + reader.line_num + 1


def _first_nonblank(lines: Iterator[str]) -> tuple[str | None, int]:
    """The first line with content (the header) without its line end and any stray BOM, and its number."""
    number = 0
    for text in lines:
        number += 1
        text = text.lstrip("\ufeff").rstrip("\r\n")
        if text.strip():
            return text, number
    return None, number


def _not_utf8(path: Path, chunk: bytes, start: int, row: int, offset: int) -> UnreadableFile:
    """The error for a byte that is not UTF-8, with its row, byte offset and what it would read as in cp1252."""
    hint = ""
    try:
        hint = f" (as Latin-1/cp1252 it would read {chunk[start : start + 1].decode('cp1252')!r})"
    except UnicodeDecodeError:
        pass
    return UnreadableFile(
        path,
        f"not UTF-8: byte 0x{chunk[start]:02X} cannot be decoded{hint}; save the file as UTF-8",
        f"row {row}, byte offset {offset}",
    )


class _LineFeed:
    """Decoded lines one at a time, counting them and reporting undecodable bytes by row and offset.

    The slow reference: UTF-16 files are read through it, and a damaged gzip file is read again through it to
    name the row where the damage starts.
    """

    def __init__(self, raw: BinaryIO, path: Path, encoding: str) -> None:
        self.path = path
        self.line = 0
        self._max_line = limits.LINE.value() * limits.KB
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
        if len(chunk) > self._max_line:
            raise limits.exceeded(self.path, limits.LINE, f"row {self.line}")
        if isinstance(chunk, bytes):
            try:
                text = chunk.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(self.path, chunk, exc.start, self.line, self._offset + exc.start) from None
            self._offset += len(chunk)
            return text
        return chunk

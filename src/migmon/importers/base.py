"""The reader template: shared checks around a format-specific ``parse`` step.

In the spirit of open-sdg/sdg-build's ``InputBase``: :meth:`Reader.read` does what every format needs (the file
exists and is not empty, duplicated observations are caught, counts are logged) and calls :meth:`Reader.parse`,
the only part a format writes. Nothing here imports Django, so a reader can run in a bench or a notebook.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .errors import UnreadableFile
from .i18n import gettext_noop
from .options import NO_OPTIONS, ReadOptions
from .records import ObservationBatch, ObservationRecord, Problem, SourceLocation, error, warning

logger = logging.getLogger(__name__)

Item = ObservationRecord | Problem
#: What :meth:`Reader.parse` may yield, and :meth:`Reader.read` with ``batches=True``.
BulkItem = ObservationRecord | ObservationBatch | Problem

#: How many bytes :func:`migmon.importers.detect.reader_for` shows each reader's :meth:`Reader.sniff`.
HEAD_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class WorkbookPeek:
    """What format detection sees of a spreadsheet: its sheet names and the first rows of each sheet."""

    sheet_names: tuple[str, ...]
    first_rows: dict[str, tuple[tuple[object, ...], ...]]

    def text(self, sheet: str) -> str:
        """All non-empty cells of a sheet's first rows, joined: handy for matching titles."""
        return " ".join(str(cell) for row in self.first_rows.get(sheet, ()) for cell in row if cell is not None)


class Reader(ABC):
    """Reads one file format into :class:`ObservationRecord` and :class:`Problem` items, streaming.

    Subclasses set ``format_name``, ``dataset``, ``source_organisation`` and ``version`` (bump it when the
    reading rules change: it is recorded on every release), implement :meth:`parse`, and recognise their files
    from content in :meth:`sniff` (text formats) or :meth:`sniff_workbook` (XLSX).
    """

    format_name: ClassVar[str]
    source_organisation: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    #: Stable code of the dataset a release belongs to (``undesa-ims-2024``), its readable name, and the
    #: edition when the dataset comes in editions (``"2024"``); a reader may set them per file.
    dataset: str = ""
    dataset_name: str = ""
    edition: str = ""

    def __init__(
        self, *, dataset: str | None = None, check_duplicates: bool = True, options: ReadOptions = NO_OPTIONS
    ) -> None:
        if dataset is not None:
            self.dataset = dataset
        #: What the importer said the file does not (``--area``, ``--series``); a format that can lack them
        #: uses them, the others ignore them.
        self.options = options
        #: Duplicate detection keeps one small fingerprint per observation (about 200 bytes); a caller that
        #: guarantees unique keys (a bench, a database constraint) may switch it off to keep memory flat.
        self.check_duplicates = check_duplicates

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        """Whether the first bytes of a file (up to :data:`HEAD_SIZE`, decompressed) are this format."""
        return False

    @classmethod
    def sniff_workbook(cls, peek: WorkbookPeek, filename: str) -> bool:
        """Whether a spreadsheet (its sheet names and first rows) is this format."""
        return False

    @classmethod
    def for_file(cls, path: Path, head: bytes, peek: WorkbookPeek | None, options: ReadOptions = NO_OPTIONS) -> Reader:
        """The reader configured for one file (a subclass may read the edition or dataset from the content) and
        for the importer's options."""
        return cls(options=options)

    def read(self, path: str | Path, *, batches: bool = False) -> Iterator[BulkItem]:
        """Stream the records and problems of one file, in file order.

        A reader may parse rows in bulk (:class:`ObservationBatch`); they come out one record at a time unless
        ``batches`` is true, which the loader asks for. Raises :class:`UnreadableFile` when the file as a whole
        cannot be read — possibly after some items have been yielded, so callers must not commit anything until
        the iterator is exhausted.
        """
        path = Path(path)
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
        if path.stat().st_size == 0:
            raise UnreadableFile(path, "empty file (0 bytes): nothing to import")
        logger.info("reading %s as %s (%s)", path.name, self.format_name, self.dataset or "no dataset")
        seen = DuplicateIndex() if self.check_duplicates else None
        records = errors = warnings = 0
        for parsed in self.parse(path):
            if isinstance(parsed, ObservationBatch):
                if batches and (seen is None or seen.check_batch(parsed)):
                    records += len(parsed)
                    yield parsed
                    continue
                items: Iterable[Item] = parsed.records()
            else:
                items = (parsed,)
            for item in items:
                if isinstance(item, ObservationRecord) and seen is not None:
                    duplicate = seen.check(item)
                    if duplicate is not None:
                        item = duplicate
                if isinstance(item, ObservationRecord):
                    records += 1
                elif item.severity == "error":
                    errors += 1
                else:
                    warnings += 1
                yield item
        logger.info("%s: %d records, %d errors, %d warnings", path.name, records, errors, warnings)

    @abstractmethod
    def parse(self, path: Path) -> Iterator[BulkItem]:
        """The format-specific part: yield records (or batches of them) and problems; raise UnreadableFile for
        whole-file failures."""


class DuplicateIndex:
    """Finds observations whose key (series, area, period, dimensions) was already seen in the same file.

    An exact repeat (same key, same value and attributes) is dropped with a warning — 16 of the 23 real Open SDG
    files end with one. The same key with a different value is an error: the reader cannot know which is right.
    Both problems name the row (or element) of the first occurrence.

    It stores a 64-bit hash of each key with the first row number and a hash of the value, not the records, so
    memory grows by about 200 bytes per observation (21 MB per 100,000 CSV rows, measured; more for XML, whose
    first locations are element paths). Hash collisions between different keys are possible in principle (about
    1 in 10^8 for a million rows); they would be reported, never silently merged.
    """

    def __init__(self) -> None:
        self._first: dict[int, tuple[int | SourceLocation, int]] = {}

    def check_batch(self, batch: ObservationBatch) -> bool:
        """Register a batch's keys; ``True`` when none was seen before (in the file or earlier in the batch).

        When one was, the index is left as before the batch and ``False`` returned: the caller then checks the
        batch record by record to name each duplicate.
        """
        added: list[int] = []
        for row, (series, area, kind, period, value, unit, multiplier, dimensions, nature, footnote, source) in zip(
            batch.rows, batch.fields(), strict=True
        ):
            key = hash((series, kind, area, period, dimensions))  # ObservationRecord.key
            if key in self._first:
                for done in added:
                    del self._first[done]
                return False
            payload = hash((value, unit, multiplier, nature, footnote, source))
            self._first[key] = (row, payload)
            added.append(key)
        return True

    def check(self, record: ObservationRecord) -> Problem | None:
        """``None`` for a first occurrence, otherwise the Problem that replaces the repeated record."""
        key = hash(record.key)
        payload = hash(
            (record.value, record.unit, record.unit_multiplier, record.nature, record.footnote, record.source)
        )
        first = self._first.get(key)
        if first is None:
            where = record.location.row if record.location.row is not None else record.location
            self._first[key] = (where, payload)
            return None
        where, first_payload = first
        place = f"row {where}" if isinstance(where, int) else str(where)  # English; see duplicate_problem
        return duplicate_problem(record, place, exact=payload == first_payload)


def duplicate_problem(record: ObservationRecord, first_place: str, *, exact: bool) -> Problem:
    """The Problem for a record whose key (series, area as written, period, dimensions) an earlier record of the
    same file already had, at ``first_place`` (``"row 12"``): a warning when it repeats that record exactly,
    otherwise an error (nobody can tell which of two values is right)."""
    if exact:
        return warning(
            record.location,
            None,
            record.value,
            gettext_noop("exact duplicate of %(first)s (same series, area, period, dimensions and value); dropped"),
            first=first_place,
        )
    return error(
        record.location,
        None,
        record.value,
        gettext_noop(
            "duplicate key: same series, area, period and dimensions as %(first)s but a different value or "
            "attributes; keep one of the two rows"
        ),
        first=first_place,
    )

"""Sources: what the loader imports as one release — a dataset's records, with a name and a checksum.

A file read by a reader is one kind of source (:class:`FileSource`); records computed by migmon itself, such as
the SDG 10.7.3 series the incidents register derives, are another (:class:`RecordSource`): they need no file on
disk to be hashed, and their checksum is taken from the records themselves. The loader
(:func:`migmon.indicators.loader.release_import`) sees only the :class:`Source` protocol, and a file source
sees its reader only through the :class:`RecordReader` protocol: both are checked by mypy, not probed at run
time. Nothing here imports Django.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from .base import BulkItem
from .errors import UnreadableFile
from .options import NO_OPTIONS, ReadOptions
from .records import ObservationRecord


class RecordReader(Protocol):
    """What the loader needs of a reader: who it reads for, and its items.

    Every reader of :mod:`migmon.importers` is one (:class:`~migmon.importers.base.Reader` implements it); so is
    a test double that yields a list. ``read(path, batches=True)`` may yield
    :class:`~migmon.importers.records.ObservationBatch` items; ``check_duplicates`` is switched off by the
    loader, which finds repeats through the table's unique key instead of an index in memory.
    """

    @property
    def format_name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def dataset(self) -> str: ...

    @property
    def dataset_name(self) -> str: ...

    @property
    def source_organisation(self) -> str: ...

    @property
    def edition(self) -> str: ...

    check_duplicates: bool

    def read(self, path: str | Path, *, batches: bool = False) -> Iterator[BulkItem]: ...


class Source(Protocol):
    """One release's worth of records, described well enough to record where they came from.

    ``name`` is what a person recognises (the file name); ``checksum`` identifies the content (a sha256 hex
    digest), so that importing the same content twice changes nothing. ``items`` may be called more than once:
    the loader reads a source a second time to name the first row of a repeated observation.
    ``whole_dataset`` says that the source carries the dataset entire, so that only the dataset's *latest*
    release can make it a repeat (figures that go back to earlier values are a new release); a file usually
    carries part of a dataset, and any active release with its checksum makes it a repeat.
    """

    @property
    def name(self) -> str: ...

    @property
    def dataset(self) -> str: ...

    @property
    def dataset_name(self) -> str: ...

    @property
    def source_organisation(self) -> str: ...

    @property
    def edition(self) -> str: ...

    @property
    def format_name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def whole_dataset(self) -> bool: ...

    def checksum(self) -> str: ...

    def items(self) -> Iterable[BulkItem]: ...


class FileSource:
    """A file and the reader for it; the reader is detected from the content when none is given, and configured
    with the importer's ``options`` (``--area``, ``--series``).

    Detection happens on first use, so that a file no reader knows fails inside the loader (as an
    :class:`~migmon.importers.errors.UnreadableFile` it reports like any other) rather than in the caller.
    """

    whole_dataset = False

    def __init__(
        self, path: str | Path, reader: RecordReader | None = None, *, options: ReadOptions = NO_OPTIONS
    ) -> None:
        self.path = Path(path)
        self.options = options
        if reader is not None:
            self.reader = reader

    @cached_property
    def reader(self) -> RecordReader:
        from .detect import reader_for

        return reader_for(self.path, self.options)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def dataset(self) -> str:
        return self.reader.dataset

    @property
    def dataset_name(self) -> str:
        return self.reader.dataset_name or self.reader.dataset

    @property
    def source_organisation(self) -> str:
        return self.reader.source_organisation

    @property
    def edition(self) -> str:
        return self.reader.edition

    @property
    def format_name(self) -> str:
        return self.reader.format_name

    @property
    def version(self) -> str:
        return self.reader.version

    def checksum(self) -> str:
        """The file's sha256, read in 1 MiB blocks."""
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise UnreadableFile(self.path, f"cannot read the file ({exc.strerror or exc})") from exc
        return digest.hexdigest()

    def items(self) -> Iterator[BulkItem]:
        self.reader.check_duplicates = False
        return self.reader.read(self.path, batches=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordSource:
    """Records computed rather than read (a derived series): the records are the content.

    The checksum is the sha256 of every record's fields and location, in order, so the same figures give the
    same checksum whatever wrote them. ``whole_dataset`` defaults to true: a derived series is usually
    recomputed entire.
    """

    name: str
    dataset: str
    dataset_name: str
    source_organisation: str
    format_name: str
    version: str
    records: tuple[ObservationRecord, ...]
    edition: str = ""
    whole_dataset: bool = True

    def checksum(self) -> str:
        digest = hashlib.sha256()
        for record in self.records:
            digest.update(repr((record.fields(), str(record.location))).encode())
            digest.update(b"\n")
        return digest.hexdigest()

    def items(self) -> Iterator[BulkItem]:
        return iter(self.records)

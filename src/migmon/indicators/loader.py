"""Write a reader's records as one release: all of a file or nothing, in bulk, with flat memory.

:func:`release_import` is the only way observations enter the database. It

1. hashes the file; when an *active* release of the same dataset already has that sha256 it does nothing and
   says so (re-importing a file is a no-op);
2. streams the reader's items — records, or column batches of them (:class:`ObservationBatch`) — in chunks of
   about :data:`CHUNK_SIZE` observations, resolving each distinct series, area (through
   :class:`~migmon.geo.lookup.AreaLookup`, built once per import), period and dimension set (fetched or created
   in bulk) once and caching it for the rest of the import;
3. writes each chunk. A series that had no observation before this import is bulk-inserted as it is (COPY on
   PostgreSQL, one executemany elsewhere): the table's unique key is the guard, and a chunk it refuses is
   written again the careful way. Otherwise the chunk is compared with the current observations (one indexed
   query per chunk): new values are inserted; an observation the file carries again — changed *or* unchanged —
   takes the new value and release, and the value it held is kept as an
   :class:`~migmon.indicators.models.ObservationRevision` replaced by this release. Re-confirmed values count
   too, so that an observation always belongs to the latest release that carried it: that is what lets
   :func:`~migmon.indicators.releases.release_rollback` refuse to roll back an older release whose values a
   later one still stands behind, and what lets the table's key tell a value carried twice by the same file;
4. finds repeated observations through the database, not through memory: the same key twice in one file is
   seen when the second one meets the first in the table (or in the same chunk). An exact repeat is dropped with
   a warning, a different value is an error; both name the row of the first occurrence, which a second read of
   the file finds when it was in an earlier chunk. Nothing per row is kept between chunks, so memory stays flat
   however large the file;
5. runs in one transaction: any error — a reader Problem of severity ``error``, an unknown area or series, a
   conflicting duplicate, an unreadable file half-way — raises :class:`ImportFailed` listing every problem,
   and the database is exactly as before. With ``keep_going`` the bad rows are rejected (counted, their
   messages kept in ``Release.problems``) and the rest commits. Warnings are kept either way.

Observations that a previous edition had and the new file omits are **not** deleted: editions often cover
fewer years or areas (the 2020 DESA edition has no 2024 column), and absence is not a statement that the old
value was wrong. Roll back the old release to remove its values.

Test hook (documented, off unless set): ``MIGMON_IMPORT_PAUSE_AFTER=N`` makes the loader print
``paused after N records`` on stderr and sleep ``MIGMON_IMPORT_PAUSE_SECONDS`` (default 60) once N records have
been written inside the open transaction, so a test can kill the process half-way through an import.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from migmon.importers.base import Reader
from migmon.importers.records import ObservationBatch
from migmon.indicators.models import Dataset, Release, ReleaseStatus
from migmon.indicators.release_writer import ReleaseWriter, read_items

logger = logging.getLogger(__name__)

#: Observations compared and written per round trip; memory stays flat whatever the file size.
CHUNK_SIZE = 5000
#: SQLite page cache during an import, in KiB (see :func:`_tune_connection`).
SQLITE_CACHE_KIB = 32 * 1024
#: Chunks between two young-generation garbage collections (see :func:`_young_collections_only`).
YOUNG_COLLECTION_EVERY = 20


class ImportFailed(Exception):  # noqa: N818 - the name says what happened
    """The import was refused and rolled back; ``problems`` lists every problem as one-line messages."""

    def __init__(self, file: str, problems: list[str], *, total: int | None = None) -> None:
        self.file = file
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__(str(self))

    def __str__(self) -> str:
        first = self.problems[0] if self.problems else "unknown error"
        more = f" (and {self.total - 1} more problem(s))" if self.total > 1 else ""
        return f"{self.file}: nothing imported: {first}{more}"


class ImportStatus:
    IMPORTED = "imported"
    NO_OP = "already imported"
    DRY_RUN = "dry run"


@dataclass
class ImportResult:
    """What one call of :func:`release_import` did."""

    file: str
    dataset: str
    status: str
    release: Release | None = None
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    records: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""


def file_sha256(path: Path) -> str:
    """The file's sha256, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_import(
    *,
    path: str | Path,
    reader: Any = None,
    dry_run: bool = False,
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import one file as a release (see the module docstring); raise ImportFailed when refused.

    ``reader`` defaults to the one :func:`migmon.importers.detect.reader_for` detects from the content.
    ``progress`` is called with the number of records handled since its previous call.
    ``dry_run`` runs the whole import, reports what it would do, and rolls it back.
    """
    from migmon.importers.errors import UnreadableFile

    path = Path(path)
    if reader is None:
        try:
            reader = reader_for_file(path)
        except UnreadableFile as exc:
            raise ImportFailed(path.name, [str(exc)]) from exc
    try:
        sha256 = file_sha256(path)
    except OSError as exc:
        raise ImportFailed(path.name, [f"{path.name}: cannot read the file ({exc.strerror or exc})"]) from exc
    previous = (
        Release.objects.filter(dataset__code=reader.dataset, sha256=sha256, status=ReleaseStatus.ACTIVE)
        .order_by("-id")
        .first()
    )
    if previous is not None:
        return ImportResult(
            file=path.name,
            dataset=reader.dataset,
            status=ImportStatus.NO_OP,
            release=previous,
            message=f"{path.name}: already imported as release #{previous.pk} (same sha256); nothing to do",
        )
    _tune_connection()
    with transaction.atomic():
        release = _release_create(path=path, reader=reader, sha256=sha256)
        writer = ReleaseWriter(release=release, keep_going=keep_going, file=path.name)
        if isinstance(reader, Reader):
            reader.check_duplicates = False  # the table's unique key finds repeats, with no memory per row
        try:
            with _young_collections_only():
                for number, chunk in enumerate(_chunks(read_items(reader, path), CHUNK_SIZE), start=1):
                    before = writer.records
                    writer.write_chunk(chunk)
                    if progress is not None:
                        progress(writer.records - before)
                    if number % YOUNG_COLLECTION_EVERY == 0:
                        gc.collect(1)
                writer.judge_later_repeats(reader, path)
        except UnreadableFile as exc:
            raise ImportFailed(path.name, [*writer.error_messages(), str(exc)]) from exc
        except OSError as exc:  # the file vanished or a disk failed half-way: nothing is kept
            reason = f"{path.name}: reading stopped ({exc.strerror or exc})"
            raise ImportFailed(path.name, [*writer.error_messages(), reason]) from exc
        if writer.errors and not keep_going:
            raise ImportFailed(path.name, writer.error_messages(), total=writer.errors)
        release.added, release.changed, release.unchanged = writer.added, writer.changed, writer.unchanged
        release.rejected = writer.rejected
        release.problems = writer.kept_problems()
        release.save(update_fields=["added", "changed", "unchanged", "rejected", "problems"])
        result = ImportResult(
            file=path.name,
            dataset=reader.dataset,
            status=ImportStatus.DRY_RUN if dry_run else ImportStatus.IMPORTED,
            release=None if dry_run else release,
            added=writer.added,
            changed=writer.changed,
            unchanged=writer.unchanged,
            rejected=writer.rejected,
            records=writer.records,
            problems=release.problems,
        )
        result.message = (
            f"{path.name}: {'would add' if dry_run else 'added'} {writer.added}, changed {writer.changed}, "
            f"unchanged {writer.unchanged}, rejected {writer.rejected}"
        )
        if dry_run:
            transaction.set_rollback(True)
    return result


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Switch the cyclic garbage collector's automatic runs off while rows stream through, and run only its
    cheap young-generation passes every few chunks.

    An import allocates millions of short-lived tuples; each 700 allocations start a collection, and the full
    ones walk every object Django and Wagtail hold. Measured on 100,000 tidy-CSV rows into SQLite: 45,000 rows/s
    with the collector as it is, 85,000 without. Reference counting still frees every row at once; only cyclic
    garbage waits, and the import makes almost none (young passes catch what it makes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tune_connection() -> None:
    """On SQLite, give the import a 32 MiB page cache (the default is 2 MiB): index pages of a large table then
    mostly stay in memory instead of being re-read for every chunk. Measured on 1,000,000 observations: 49,000
    rows/s with 32 MiB, 51,000 with 128 MiB, 46,000 with 8 MiB; the cache is the bulk of an import's memory,
    and it is capped. PostgreSQL needs nothing here."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


def reader_for_file(path: Path) -> Any:
    """The reader detected from the file's content; also knows migmon's own export formats.

    :func:`migmon.importers.detect.reader_for` decides; when it knows no reader for the file, the readers of
    migmon's JSON and SDMX-CSV exports (:mod:`migmon.importers.migmon_json`, :mod:`migmon.importers.sdmx_csv`)
    get a look, so every export re-imports even where detection does not list them.
    """
    from migmon.importers.base import HEAD_SIZE
    from migmon.importers.detect import reader_for
    from migmon.importers.errors import UnreadableFile
    from migmon.importers.migmon_json import MigmonJsonReader
    from migmon.importers.sdmx_csv import SdmxCsvReader

    try:
        return reader_for(path)
    except UnreadableFile:
        with path.open("rb") as handle:
            head = handle.read(HEAD_SIZE)
        for cls in (MigmonJsonReader, SdmxCsvReader):
            if cls.sniff(head, path.name):
                return cls.for_file(path, head, None)
        raise


def _release_create(*, path: Path, reader: Any, sha256: str) -> Release:
    dataset, _ = Dataset.objects.get_or_create(
        code=reader.dataset,
        defaults={
            "name": getattr(reader, "dataset_name", "") or reader.dataset,
            "source_organisation": getattr(reader, "source_organisation", ""),
        },
    )
    edition = getattr(reader, "edition", "")
    if callable(edition):
        edition = edition(path)
    return Release.objects.create(
        dataset=dataset,
        file_name=path.name[:300],
        sha256=sha256,
        importer=getattr(reader, "format_name", type(reader).__name__),
        importer_version=str(getattr(reader, "version", "")),
        edition=str(edition or "")[:40],
    )


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of items holding about ``size`` observations each (a batch counts for its length)."""
    chunk: list[Any] = []
    count = 0
    for item in items:
        chunk.append(item)
        count += len(item) if isinstance(item, ObservationBatch) else 1
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk

"""Write a reader's records as one release: all of a file or nothing, in bulk, with flat memory.

:func:`release_import` is the only way observations enter the database. It

1. hashes the file; when an *active* release of the same dataset already has that sha256 it does nothing and
   says so (re-importing a file is a no-op);
2. streams the reader's records in chunks of :data:`CHUNK_SIZE`, resolving series, areas (through
   :class:`~migmon.geo.lookup.AreaLookup`, built once per import) and dimension sets (fetched or created in bulk,
   cached for the rest of the import);
3. compares each chunk with the current observations (one indexed query per chunk), inserts the new ones,
   updates the changed ones, and writes an :class:`~migmon.indicators.models.ObservationRevision` for every
   value the release carries — added, changed *and* found unchanged — each pointing at the revision it
   supersedes (``previous``). Recording the unchanged ones too means an observation always belongs to the
   latest release that carried it, which is what lets :func:`~migmon.indicators.releases.release_rollback`
   refuse to roll back an older release whose values a later release still stands behind;
4. runs in one transaction: any error — a reader Problem of severity ``error``, an unknown area or series, a
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

import hashlib
import logging
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction

from migmon.indicators.dimensions import BadDimension, DimensionSetCache
from migmon.indicators.keyquery import rows_for_keys
from migmon.indicators.models import Dataset, Observation, ObservationRevision, Release, ReleaseStatus, Series

logger = logging.getLogger(__name__)

#: Records compared and written per round trip; memory stays flat whatever the file size.
CHUNK_SIZE = 5000
#: Problems kept in ``Release.problems`` and in an ImportFailed message list; the rest are counted.
MAX_KEPT_PROBLEMS = 1000

PERIOD_RE = re.compile(r"^(\d{4})(?:$|[-/QMSWH])")
PERIOD_LIMIT = 16
COMPARED_FIELDS = ("value", "unit", "unit_multiplier", "nature", "footnote", "source")
KEY_COLUMNS = ("series_id", "area_id", "period", "dimensions_id")


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
        writer = _ReleaseWriter(
            release=release,
            keep_going=keep_going,
            file=path.name,
            unique_keys=bool(getattr(reader, "check_duplicates", False)),
        )
        try:
            for chunk in _chunks(reader.read(path), CHUNK_SIZE):
                writer.write_chunk(chunk)
                if progress is not None:
                    progress(len(chunk))
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


def _tune_connection() -> None:
    """On SQLite, give the import a 128 MiB page cache: index pages of a large table then stay in memory
    instead of being re-read for every chunk (the default is 2 MiB). PostgreSQL needs nothing here."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -131072")


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
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _area_lookup() -> Any:
    from migmon.geo.lookup import AreaLookup

    return AreaLookup.from_db()


# One prepared record: key (series, area, period, dimensions), then year, the compared fields, and the record.
Key = tuple[int, int, str, int]


class _ReleaseWriter:
    """Per-import state: caches of ids, counters, problems; writes one chunk at a time."""

    def __init__(self, *, release: Release, keep_going: bool, file: str, unique_keys: bool = False) -> None:
        self.release = release
        #: The reader guarantees each key once per file (its duplicate index turns repeats into Problems), so
        #: for a series that had no observation before this import nothing can exist yet for its keys.
        self.unique_keys = unique_keys
        self._fresh_series: dict[int, bool] = {}
        self.keep_going = keep_going
        self.file = file
        self.added = self.changed = self.unchanged = self.rejected = self.records = 0
        self.errors = 0
        self.problems: list[dict[str, Any]] = []
        self.problem_count = 0
        self._rejected_places: set[tuple[Any, ...]] = set()
        self._series: dict[str, tuple[int, str] | None] = {
            code: (pk, unit) for code, pk, unit in Series.objects.values_list("code", "id", "unit")
        }
        self._areas: dict[tuple[str, str], tuple[int, str] | str] = {}
        self._lookup: Any = None
        self.dimensions = DimensionSetCache(self._resolve_area_or_raise)
        self._pause_after = int(os.environ.get("MIGMON_IMPORT_PAUSE_AFTER", "0") or 0)

    # -- problems -----------------------------------------------------------------------------------------

    def _keep(self, problem: Any) -> None:
        self.problem_count += 1
        if problem.severity == "error":
            self.errors += 1
            place = (problem.location.file, problem.location.row, problem.location.element)
            if place not in self._rejected_places:
                self._rejected_places.add(place)
                self.rejected += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            location = problem.location
            self.problems.append(
                {
                    "severity": problem.severity,
                    "file": location.file,
                    "row": location.row,
                    "element": location.element,
                    "column": problem.column,
                    "value": problem.value,
                    "rule": problem.rule,
                    "message": problem.message,
                }
            )

    def _refuse(self, record: Any, column: str, value: object, rule: str) -> None:
        from migmon.importers.records import error

        self._keep(error(record.location, column, value, rule))

    def kept_problems(self) -> list[dict[str, Any]]:
        """Problems for ``Release.problems``: the first MAX_KEPT_PROBLEMS, then a count of the rest."""
        if self.problem_count > len(self.problems):
            omitted = self.problem_count - len(self.problems)
            return [*self.problems, {"severity": "info", "message": f"{omitted} more problem(s) not kept"}]
        return list(self.problems)

    def error_messages(self) -> list[str]:
        return [p["message"] for p in self.problems if p["severity"] == "error"]

    @property
    def writing(self) -> bool:
        """After a first error (without keep_going) nothing more is written: the import will be refused
        anyway; the rest of the file is still read so that every problem is reported at once."""
        return self.keep_going or self.errors == 0

    # -- resolution ---------------------------------------------------------------------------------------

    def _resolve_area_or_raise(self, value: str, kind: str) -> tuple[int, str]:
        found = self._resolve_area(value, kind)
        if isinstance(found, str):
            raise LookupError(found)
        return found

    def _resolve_area(self, value: str, kind: str) -> tuple[int, str] | str:
        """(area id, area code), or the reason it is unknown; cached per (value, kind)."""
        cache_key = (value, kind)
        found = self._areas.get(cache_key)
        if found is None:
            if self._lookup is None:
                self._lookup = _area_lookup()
            try:
                area = self._lookup.resolve(value, kind)
                found = (area.pk, area.code)
            except LookupError as exc:  # UnknownArea: its message goes into the Problem
                found = str(exc)
            self._areas[cache_key] = found
        return found

    def _prepare(self, records: list[Any]) -> list[tuple[Any, ...]]:
        """Resolve series, area, period and value; register dimension sets; report what cannot be stored."""
        from migmon.importers.records import Problem

        prepared = []
        for record in records:
            if isinstance(record, Problem):
                self._keep(record)
                continue
            self.records += 1
            series = self._series.get(record.series)
            if series is None:
                self._refuse(record, "series", record.series, "unknown series code (load the framework first)")
                continue
            area = self._resolve_area(record.area, record.area_kind)
            if isinstance(area, str):
                self._refuse(record, f"area ({record.area_kind})", record.area, area)
                continue
            period = record.period
            match = PERIOD_RE.match(period)
            if match is None or len(period) > PERIOD_LIMIT:
                self._refuse(record, "period", period, "a period starts with a four-digit year (at most 16 chars)")
                continue
            value = None if record.value is None else float(record.value)
            if value is not None and not math.isfinite(value):
                self._refuse(record, "value", record.value, "value is not a finite number")
                continue
            try:
                self.dimensions.lookup(record.dimensions)
            except BadDimension as exc:
                self._refuse(record, "dimensions", record.dimensions, str(exc))
                continue
            fields = (
                value,
                record.unit or series[1],
                record.unit_multiplier or 0,
                record.nature or "",
                (record.footnote or "").strip(),
                (record.source or "").strip(),
            )
            prepared.append((series[0], area[0], period, record.dimensions, int(match.group(1)), fields, record))
        self.dimensions.flush()
        return prepared

    # -- writing ------------------------------------------------------------------------------------------

    def write_chunk(self, records: list[Any]) -> None:
        prepared = self._prepare(records)
        rows: dict[Key, tuple[int, tuple[Any, ...], Any]] = {}
        for series_id, area_id, period, pairs, year, fields, record in prepared:
            key = (series_id, area_id, period, self.dimensions.get(pairs))
            seen = rows.get(key)
            if seen is None:
                rows[key] = (year, fields, record)
            else:
                self._duplicate(record, seen[1], fields, seen[2].location)
        if not rows or not self.writing:
            return
        fast = {key: row for key, row in rows.items() if self._is_fresh(key[0])}
        if fast:
            try:
                with transaction.atomic():  # a savepoint: a failed insert must not abort the import
                    insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(fast))
            except IntegrityError:
                # Two rows of the file turned out to be one observation (two codes for one area, as DESA's
                # Australia/New Zealand): compare properly, for this chunk and the rest of the import.
                self._fresh_series = dict.fromkeys(self._fresh_series, False)
            else:
                self.added += len(fast)
                self._write_revisions(((key, row[1]) for key, row in fast.items()), {})
                rows = {key: row for key, row in rows.items() if key not in fast}
        if rows:
            self._write_compared(rows)
        self._maybe_pause()

    def _new_rows(self, rows: dict[Key, tuple[int, tuple[Any, ...], Any]]) -> list[tuple[Any, ...]]:
        # In key order, index pages are filled one after another instead of at random: fewer page writes.
        release_id = self.release.pk
        return [(*key, year, *fields, release_id) for key, (year, fields, _) in sorted(rows.items(), key=_first)]

    def _write_revisions(self, revisions: Iterable[tuple[Key, tuple[Any, ...]]], previous: dict[Key, int]) -> None:
        release_id = self.release.pk
        insert_rows(
            ObservationRevision,
            REVISION_COLUMNS,
            [(release_id, *key, *fields, previous.get(key)) for key, fields in sorted(revisions, key=_first)],
        )

    def _write_compared(self, rows: dict[Key, tuple[int, tuple[Any, ...], Any]]) -> None:
        """Compare with the current observations, then insert, update and record revisions."""
        existing = self._existing(rows)
        new: dict[Key, tuple[int, tuple[Any, ...], Any]] = {}
        updates: list[tuple[Any, ...]] = []
        superseded: dict[Key, int] = {}  # key → release id of the value being superseded
        revisions: list[tuple[Key, tuple[Any, ...]]] = []
        release_id = self.release.pk
        for key, row in rows.items():
            year, fields, record = row
            current = existing.get(key)
            if current is None:
                new[key] = row
                self.added += 1
            else:
                obs_id, current_fields, current_release = current
                if current_release == release_id:
                    self._duplicate(record, current_fields, fields, None)
                    continue
                if current_fields == fields:
                    self.unchanged += 1
                else:
                    self.changed += 1
                updates.append((*fields, release_id, obs_id))
                superseded[key] = current_release
            revisions.append((key, fields))
        if not self.writing:
            return
        insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(new))
        if updates:
            _update_observations(updates)
        self._write_revisions(revisions, self._previous_revisions(superseded))

    def _is_fresh(self, series_id: int) -> bool:
        """Whether the series had no observation at all when this import first met it (and keys are unique).

        The first import of a series then skips comparing with current values: a bulk load into an empty
        series costs inserts only. Asked once per series, before any of its rows is written.
        """
        if not self.unique_keys:
            return False
        fresh = self._fresh_series.get(series_id)
        if fresh is None:
            fresh = not Observation.objects.filter(series_id=series_id).exists()
            self._fresh_series[series_id] = fresh
        return fresh

    def _duplicate(self, record: Any, first: tuple[Any, ...], again: tuple[Any, ...], where: Any) -> None:
        """A second record for a key already written by this release: same value → warning, else error.

        Attributes may differ when two source rows mean the same area (DESA prints Australia/New Zealand
        both as SDG region 1836 and as sub-region 927, with different data-type notes): the first is kept.
        """
        from migmon.importers.records import warning

        first_at = f" (first at {where})" if where is not None else ""
        if first == again:
            self._keep(warning(record.location, None, None, f"exact duplicate of an earlier row{first_at}; kept once"))
        elif first[0] == again[0]:
            self._keep(
                warning(
                    record.location,
                    None,
                    None,
                    f"same observation and value as an earlier row{first_at} with other attributes; kept the first",
                )
            )
        else:
            self._refuse(record, "value", again[0], f"a second, different value for the same observation{first_at}")

    def _existing(self, rows: dict[Key, Any]) -> dict[Key, tuple[int, tuple[Any, ...], int]]:
        """Current observations for the chunk's keys: (id, compared fields, release id) by key."""
        found = {}
        for s, a, p, d, obs_id, *fields, release_id in rows_for_keys(
            table=Observation._meta.db_table,
            key_columns=KEY_COLUMNS,
            columns=("id", *COMPARED_FIELDS, "release_id"),
            keys=list(rows),
        ):
            found[(s, a, p, d)] = (obs_id, tuple(fields), release_id)
        return found

    def _previous_revisions(self, superseded: dict[Key, int]) -> dict[Key, int]:
        """The revision each superseded value came from: its release's revision for the same key."""
        found: dict[Key, int] = {}
        for _release_id, s, a, p, d, rev_id in rows_for_keys(
            table=ObservationRevision._meta.db_table,
            key_columns=("release_id", *KEY_COLUMNS),
            columns=("id",),
            keys=[(release_id, *key) for key, release_id in superseded.items()],
        ):
            found[(s, a, p, d)] = rev_id
        return found

    def _maybe_pause(self) -> None:
        if self._pause_after and self.records >= self._pause_after:
            sys.stderr.write(f"paused after {self.records} records\n")
            sys.stderr.flush()
            time.sleep(float(os.environ.get("MIGMON_IMPORT_PAUSE_SECONDS", "60")))
            self._pause_after = 0


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


OBSERVATION_COLUMNS = ("series_id", "area_id", "period", "dimensions_id", "year", *COMPARED_FIELDS, "release_id")
REVISION_COLUMNS = ("release_id", "series_id", "area_id", "period", "dimensions_id", *COMPARED_FIELDS, "previous_id")


def insert_rows(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert plain tuples: COPY on PostgreSQL, one executemany INSERT elsewhere.

    The ORM's bulk_create builds a model instance and an SQL fragment per field per row, which cost more than
    the database's own work; these rows are already validated, so they go in as they are.
    """
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The raw psycopg cursor bypasses Django's error translation: wrap it so a unique violation
            # still arrives as django.db.IntegrityError.
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


def _update_observations(rows: list[tuple[Any, ...]]) -> None:
    """One executemany UPDATE by primary key: far cheaper than bulk_update's CASE expressions."""
    table = connection.ops.quote_name(Observation._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in (*COMPARED_FIELDS, "release_id"))
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)  # noqa: S608 - names are ours

"""Write one release's observations, chunk by chunk: resolve, check, compare, insert, update, keep history.

:class:`ReleaseWriter` holds what one import needs between chunks — caches of resolved series, areas, periods
and dimension sets (bounded by the number of *distinct* values, not rows), counters and kept problems — and
nothing per row, so memory stays flat however large the file. :mod:`migmon.indicators.loader` drives it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, transaction

from migmon.importers.base import duplicate_problem
from migmon.importers.records import ObservationBatch, ObservationRecord, Problem, error, warning
from migmon.importers.sources import Source
from migmon.indicators.bulk_sql import insert_rows, update_rows
from migmon.indicators.dimensions import BadDimension, DimensionSetCache
from migmon.indicators.keyquery import rows_for_keys
from migmon.indicators.models import Observation, ObservationRevision, Release, Series

#: Problems kept in ``Release.problems`` and in an ImportFailed message list; the rest are counted.
MAX_KEPT_PROBLEMS = 1000
#: Repeated keys found across chunks whose first row a second read of the file names; more are still judged.
MAX_LOCATED_DUPLICATES = 10_000
#: Bulk inserts into a new series that the unique key may refuse before the import stops trying them.
MAX_REFUSED_BULK_INSERTS = 3
#: Share of the observation table changed since its last ANALYZE above which an import refreshes statistics.
STALE_SHARE = 0.2

PERIOD_RE = re.compile(r"^(\d{4})(?:$|[-/QMSWH])")
PERIOD_LIMIT = 16
COMPARED_FIELDS = ("value", "unit", "unit_multiplier", "nature", "footnote", "source")
KEY_COLUMNS = ("series_id", "area_id", "period", "dimensions_id")
OBSERVATION_COLUMNS = (*KEY_COLUMNS, "year", *COMPARED_FIELDS, "release_id")
REVISION_COLUMNS = ("release_id", "replaced_by_id", *KEY_COLUMNS, *COMPARED_FIELDS)

#: (series id, area id, period, dimension set id): what identifies an observation in the database.
Key = tuple[int, int, str, int]
#: Where a prepared observation came from: a record, or (batch, index) — made into a record only when needed.
Origin = ObservationRecord | tuple[ObservationBatch, int]
#: A prepared observation: its year, its compared fields (in COMPARED_FIELDS order) and its origin.
Prepared = tuple[int, tuple[Any, ...], Origin]


def compared_fields(
    series_unit: str, value: Any, unit: Any, multiplier: Any, nature: Any, footnote: Any, source: Any
) -> tuple[Any, ...]:
    """What is stored and compared for one observation, in COMPARED_FIELDS order (the series' unit by default).

    :meth:`ReleaseWriter._prepare_batch` builds the same tuple inline, for speed.
    """
    return (
        None if value is None else float(value),
        unit or series_unit,
        multiplier or 0,
        nature or "",
        footnote.strip() if footnote else "",
        source.strip() if source else "",
    )


def record_of(origin: Origin) -> ObservationRecord:
    if isinstance(origin, ObservationRecord):
        return origin
    batch, index = origin
    return batch.record(index)


class ReleaseWriter:
    """Per-import state and the writing of one chunk at a time (see the loader's module docstring)."""

    def __init__(self, *, release: Release, keep_going: bool, file: str) -> None:
        self.release = release
        self.keep_going = keep_going
        self.file = file
        self.added = self.changed = self.unchanged = self.rejected = self.records = 0
        self.errors = 0
        self.problems: list[dict[str, Any]] = []
        self.problem_count = 0
        self._rejected_places: set[tuple[Any, ...]] = set()
        self._series: dict[str, tuple[int, str]] = {
            code: (pk, unit) for code, pk, unit in Series.objects.values_list("code", "id", "unit")
        }
        self._areas: dict[tuple[str, str], tuple[int, str] | str] = {}
        self._years: dict[str, int | None] = {}
        self._lookup: Any = None
        self.dimensions = DimensionSetCache(self._resolve_area_or_raise)
        self._fresh_series: dict[int, bool] = {}
        self._refused_bulk_inserts = 0
        self._statistics_checked = False
        #: Keys met again in a later chunk: (key, record, its fields, the stored fields), judged once the first
        #: row is known.
        self._repeats: list[tuple[Key, ObservationRecord, tuple[Any, ...], tuple[Any, ...]]] = []

    # -- problems -----------------------------------------------------------------------------------------

    def keep(self, problem: Problem) -> None:
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

    def _refuse(self, origin: Origin, column: str, value: object, rule: str) -> None:
        self.keep(error(record_of(origin).location, column, value, rule))

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
                from migmon.geo.lookup import AreaLookup

                self._lookup = AreaLookup.from_db()
            try:
                area = self._lookup.resolve(value, kind)
                found = (area.pk, area.code)
            except LookupError as exc:  # UnknownArea: its message goes into the Problem
                found = str(exc)
            self._areas[cache_key] = found
        return found

    def _year(self, period: str) -> int | None:
        """The year a period starts in, or None when it is not a storable period; cached per period."""
        if period in self._years:
            return self._years[period]
        match = PERIOD_RE.match(period)
        year = int(match.group(1)) if match is not None and len(period) <= PERIOD_LIMIT else None
        if len(self._years) < 100_000:
            self._years[period] = year
        return year

    def _dimension_ids(self, combinations: Iterable[Any]) -> dict[Any, int | str]:
        """Dimension set id for each combination (created in bulk when new), or the reason it cannot be stored."""
        found: dict[Any, int | str] = {}
        for pairs in combinations:
            try:
                self.dimensions.lookup(pairs)
                found[pairs] = 0
            except BadDimension as exc:
                found[pairs] = str(exc)
        self.dimensions.flush()
        for pairs, state in found.items():
            if state == 0:
                found[pairs] = self.dimensions.get(pairs)
        return found

    def _fields(
        self,
        origin: Origin,
        series_unit: str,
        value: Any,
        unit: Any,
        multiplier: Any,
        nature: Any,
        footnote: Any,
        source: Any,
    ) -> tuple[Any, ...] | None:
        fields = compared_fields(series_unit, value, unit, multiplier, nature, footnote, source)
        if fields[0] is not None and not math.isfinite(fields[0]):
            self._refuse(origin, "value", value, "value is not a finite number")
            return None
        return fields

    def prepare(self, items: list[Any]) -> dict[Key, Prepared]:
        """Resolve a chunk's records and batches into prepared rows by key; report what cannot be stored and
        repeats inside the chunk."""
        rows: dict[Key, Prepared] = {}
        records = [item for item in items if isinstance(item, ObservationRecord)]
        dimension_ids = self._dimension_ids(
            {record.dimensions for record in records}
            | {pairs for item in items if isinstance(item, ObservationBatch) for pairs in set(item.dimensions)}
        )
        for item in items:
            if isinstance(item, ObservationBatch):
                self._prepare_batch(item, dimension_ids, rows)
            elif isinstance(item, ObservationRecord):
                self.records += 1
                self._prepare_one(item, item.fields(), dimension_ids, rows)
            else:
                self.keep(item)
        return rows

    def _prepare_batch(
        self, batch: ObservationBatch, dimension_ids: dict[Any, int | str], rows: dict[Key, Prepared]
    ) -> None:
        """A batch in one tight loop: every distinct series, area and period is resolved first, once.

        When one of them does not resolve, the batch goes row by row instead, so that each bad row gets its own
        Problem (:meth:`_prepare_one`, as for single records).
        """
        self.records += len(batch)
        series_of = {code: self._series.get(code) for code in set(batch.series)}
        areas_of = {pair: self._resolve_area(*pair) for pair in set(zip(batch.area, batch.area_kind, strict=True))}
        years_of = {period: self._year(period) for period in set(batch.period)}
        resolved = (
            None not in series_of.values()
            and not any(isinstance(area, str) for area in areas_of.values())
            and None not in years_of.values()
            and not any(isinstance(dimension_ids[pairs], str) for pairs in set(batch.dimensions))
        )
        if not resolved:
            for index, fields in enumerate(batch.fields()):
                self._prepare_one((batch, index), fields, dimension_ids, rows)
            return
        series_ids: dict[str, tuple[int, str]] = series_of  # type: ignore[assignment]  # checked above
        area_ids = {pair: area[0] for pair, area in areas_of.items() if not isinstance(area, str)}
        years: dict[str, int] = years_of  # type: ignore[assignment]
        dimension_id: dict[Any, int] = dimension_ids  # type: ignore[assignment]
        isfinite = math.isfinite
        for index, (code, area, kind, period, value, unit, multiplier, pairs, nature, footnote, source) in enumerate(
            batch.fields()
        ):
            series_id, series_unit = series_ids[code]
            number = None if value is None else float(value)
            if number is not None and not isfinite(number):
                self._refuse((batch, index), "value", value, "value is not a finite number")
                continue
            key = (series_id, area_ids[area, kind], period, dimension_id[pairs])
            fields = (
                number,
                unit or series_unit,
                multiplier or 0,
                nature or "",
                footnote.strip() if footnote else "",
                source.strip() if source else "",
            )
            first = rows.get(key)
            if first is None:
                rows[key] = (years[period], fields, (batch, index))
            else:
                self._judge_repeat(record_of((batch, index)), fields, record_of(first[2]), first[1])

    def _prepare_one(
        self, origin: Origin, fields: tuple[Any, ...], dimension_ids: dict[Any, int | str], rows: dict[Key, Prepared]
    ) -> None:
        """One observation given as its fields (``ObservationRecord.fields()`` order), with a check per field."""
        series_code, area_value, area_kind, period, value, unit, multiplier, pairs, nature, footnote, source = fields
        series = self._series.get(series_code)
        if series is None:
            self._refuse(origin, "series", series_code, "unknown series code (load the framework first)")
            return
        area = self._areas.get((area_value, area_kind)) or self._resolve_area(area_value, area_kind)
        if isinstance(area, str):
            self._refuse(origin, f"area ({area_kind})", area_value, area)
            return
        year = self._year(period)
        if year is None:
            self._refuse(origin, "period", period, "a period starts with a four-digit year (at most 16 chars)")
            return
        dimensions = dimension_ids[pairs]
        if isinstance(dimensions, str):
            self._refuse(origin, "dimensions", pairs, dimensions)
            return
        stored = self._fields(origin, series[1], value, unit, multiplier, nature, footnote, source)
        if stored is None:
            return
        key = (series[0], area[0], period, dimensions)
        first = rows.get(key)
        if first is None:
            rows[key] = (year, stored, origin)
        else:
            self._judge_repeat(record_of(origin), stored, record_of(first[2]), first[1])

    # -- repeated keys ------------------------------------------------------------------------------------

    def _judge_repeat(
        self,
        record: ObservationRecord,
        fields: tuple[Any, ...],
        first: ObservationRecord | None,
        first_fields: Any,
    ) -> None:
        """A record whose observation an earlier record of the file already gave (``first``, when known).

        The same key as written (series, area as written, period, dimensions): the reader's rule — an exact
        repeat is dropped with a warning, anything else is an error. Two ways of writing one area (DESA prints
        Australia/New Zealand as SDG region 1836 and as sub-region 927, with different notes): the same value is
        kept once with a warning whatever the attributes, a different value is an error.
        """
        if first is None:
            self.keep(duplicate_problem(record, "an earlier row of the file", exact=fields == first_fields))
            return
        place = f"row {first.location.row}" if first.location.row is not None else str(first.location)
        if record.key == first.key:
            self.keep(duplicate_problem(record, place, exact=fields == first_fields))
        elif fields == first_fields:
            rule = f"exact duplicate of an earlier row (first at {first.location}); kept once"
            self.keep(warning(record.location, None, None, rule))
        elif fields[0] == first_fields[0]:
            rule = (
                f"same observation and value as an earlier row (first at {first.location}) with other attributes; "
                "kept the first"
            )
            self.keep(warning(record.location, None, None, rule))
        else:
            rule = f"a second, different value for the same observation (first at {first.location})"
            self.keep(error(record.location, "value", fields[0], rule))

    def _repeat_in_later_chunk(
        self, key: Key, origin: Origin, fields: tuple[Any, ...], first_fields: tuple[Any, ...]
    ) -> None:
        """A key this import already wrote from an earlier chunk: judged at the end, once its first row is
        found; past MAX_LOCATED_DUPLICATES, judged now against the stored value without naming the row."""
        if len(self._repeats) < MAX_LOCATED_DUPLICATES:
            self._repeats.append((key, record_of(origin), fields, first_fields))
        else:
            self._judge_repeat(record_of(origin), fields, None, first_fields)

    def judge_later_repeats(self, source: Source) -> None:
        """Name the first row of every key met again in a later chunk, reading the source a second time."""
        if not self._repeats:
            return
        wanted = {repeat[0] for repeat in self._repeats}
        firsts: dict[Key, tuple[ObservationRecord, tuple[Any, ...]]] = {}
        for item in source.items():
            for record in item.records() if isinstance(item, ObservationBatch) else (item,):
                if not isinstance(record, ObservationRecord):
                    continue
                key, fields = self._key_and_fields(record)
                if key in wanted and key not in firsts:
                    firsts[key] = (record, fields)
            if len(firsts) == len(wanted):
                break
        for key, record, fields, stored in self._repeats:
            first, first_fields = firsts.get(key, (None, stored))
            self._judge_repeat(record, fields, first, first_fields)
        self._repeats.clear()

    def _key_and_fields(self, record: ObservationRecord) -> tuple[Key | None, Any]:
        """The key and fields of an already-imported record (every lookup is cached by now), or (None, None)."""
        series = self._series.get(record.series)
        area = self._areas.get((record.area, record.area_kind))
        year = self._year(record.period)
        if series is None or not isinstance(area, tuple) or year is None:
            return None, None
        try:
            dimensions = self.dimensions.get(record.dimensions)
        except BadDimension:
            return None, None
        fields = compared_fields(
            series[1],
            record.value,
            record.unit,
            record.unit_multiplier,
            record.nature,
            record.footnote,
            record.source,
        )
        return (series[0], area[0], record.period, dimensions), fields

    # -- writing ------------------------------------------------------------------------------------------

    def write_chunk(self, items: list[Any]) -> None:
        rows = self.prepare(items)
        if not rows or not self.writing:
            return
        fresh = self._fresh_part(rows)
        if fresh:
            try:
                with transaction.atomic():  # a savepoint: a refused insert must not abort the import
                    insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(fresh))
            except IntegrityError:
                # A key of this chunk is already there: the file repeats an observation (maybe under two
                # names for one area). Compare this chunk properly; stop trying after a few refusals.
                self._refused_bulk_inserts += 1
                if self._refused_bulk_inserts >= MAX_REFUSED_BULK_INSERTS:
                    self._fresh_series = dict.fromkeys(self._fresh_series, False)
            else:
                self.added += len(fresh)
                rows = {key: row for key, row in rows.items() if key not in fresh} if len(fresh) < len(rows) else {}
        if rows:
            self._write_compared(rows)

    def _fresh_part(self, rows: dict[Key, Prepared]) -> dict[Key, Prepared]:
        """The rows of series that had no observation when this import first met them: nothing to compare."""
        series_ids = {key[0] for key in rows}
        fresh_ids = {series_id for series_id in series_ids if self._is_fresh(series_id)}
        if fresh_ids == series_ids:
            return rows
        return {key: row for key, row in rows.items() if key[0] in fresh_ids}

    def _is_fresh(self, series_id: int) -> bool:
        fresh = self._fresh_series.get(series_id)
        if fresh is None:
            fresh = not Observation.objects.filter(series_id=series_id).exists()
            self._fresh_series[series_id] = fresh
            if not fresh and not self._statistics_checked:
                self._statistics_checked = True
                refresh_planner_statistics()
        return fresh

    def _new_rows(self, rows: dict[Key, Prepared]) -> list[tuple[Any, ...]]:
        # In key order, index pages are filled one after another instead of at random: fewer page writes.
        release_id = self.release.pk
        return [(*key, row[0], *row[1], release_id) for key, row in sorted(rows.items(), key=_first)]

    def _write_compared(self, rows: dict[Key, Prepared]) -> None:
        """Compare with the current observations, then insert, update and keep the values replaced."""
        existing = self._existing(rows)
        new: dict[Key, Prepared] = {}
        updates: list[tuple[Any, ...]] = []
        replaced: list[tuple[Any, ...]] = []
        release_id = self.release.pk
        for key, row in rows.items():
            current = existing.get(key)
            if current is None:
                new[key] = row
                self.added += 1
                continue
            obs_id, current_fields, current_release = current
            if current_release == release_id:
                self._repeat_in_later_chunk(key, row[2], row[1], current_fields)
                continue
            if current_fields == row[1]:
                self.unchanged += 1
            else:
                self.changed += 1
            updates.append((*row[1], release_id, obs_id))
            replaced.append((current_release, release_id, *key, *current_fields))
        if not self.writing:
            return
        insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(new))
        update_rows(Observation, (*COMPARED_FIELDS, "release_id"), ("id",), updates)
        insert_rows(ObservationRevision, REVISION_COLUMNS, sorted(replaced, key=_keyed))

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


def refresh_planner_statistics() -> None:
    """On PostgreSQL, ANALYZE the observation table when a large share of it changed since its last ANALYZE.

    Comparing a chunk joins its keys with the table; with statistics from before a large import (autovacuum
    may not have run yet) the planner takes the table for small and scans it whole for every chunk: measured,
    a re-import of 100,000 observations right after their first import ran at 8,000 rows/s instead of
    60,000. An ANALYZE samples the table (a fraction of a second) and is skipped when the statistics are fresh,
    so a small import into a large table pays nothing.
    """
    if connection.vendor != "postgresql":
        return
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, coalesce(s.n_mod_since_analyze, 0) FROM pg_class c "
            "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = %s::regclass",
            [table],
        )
        found = cursor.fetchone()
        if found is None:
            return
        estimated, modified = found
        if estimated < 0 or modified > max(estimated, 1000) * STALE_SHARE:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


def _keyed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[2:6]

"""Bulk writes: a chunk's prepared rows go into the observation table, replacing values and keeping history.

A series that had no observation when the import first met it is bulk-inserted as it is (COPY on PostgreSQL,
one executemany elsewhere): the table's unique key is the guard, and a chunk it refuses is written again the
careful way. Otherwise the chunk is compared with the current observations (one indexed query per chunk): new
values are inserted; an observation carried again — changed *or* unchanged — takes the new value and release,
and the value it held is kept as an :class:`~migmon.indicators.models.ObservationRevision`.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from migmon.core.planner_statistics import refresh_planner_statistics
from migmon.indicators.bulk_sql import insert_rows, update_rows
from migmon.indicators.keyquery import rows_for_keys
from migmon.indicators.models import Observation, ObservationRevision, Release
from migmon.indicators.release_book import ReleaseBook
from migmon.indicators.release_repeats import RepeatJudge
from migmon.indicators.release_rows import (
    COMPARED_FIELDS,
    KEY_COLUMNS,
    OBSERVATION_COLUMNS,
    REVISION_COLUMNS,
    Key,
    Prepared,
)

#: Bulk inserts into a new series that the unique key may refuse before the import stops trying them.
MAX_REFUSED_BULK_INSERTS = 3


class ObservationWrites:
    """Writes one release's chunks; counts what it added, changed and left unchanged in the book."""

    def __init__(self, release: Release, book: ReleaseBook, repeats: RepeatJudge) -> None:
        self.release = release
        self.book = book
        self.repeats = repeats
        self._fresh_series: dict[int, bool] = {}
        self._refused_bulk_inserts = 0
        self._statistics_checked = False

    def write(self, rows: dict[Key, Prepared]) -> None:
        fresh = self._fresh_part(rows)
        if fresh:
            try:
                with transaction.atomic():  # a savepoint: a refused insert must not abort the import
                    insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(fresh))
            except IntegrityError:
                # A key of this chunk is already there: the source repeats an observation (maybe under two
                # names for one area). Compare this chunk properly; stop trying after a few refusals.
                self._refused_bulk_inserts += 1
                if self._refused_bulk_inserts >= MAX_REFUSED_BULK_INSERTS:
                    self._fresh_series = dict.fromkeys(self._fresh_series, False)
            else:
                self.book.added += len(fresh)
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
                refresh_planner_statistics(Observation)
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
        book = self.book
        for key, row in rows.items():
            current = existing.get(key)
            if current is None:
                new[key] = row
                book.added += 1
                continue
            obs_id, current_fields, current_release = current
            if current_release == release_id:
                self.repeats.in_later_chunk(key, row[2], row[1], current_fields)
                continue
            if current_fields == row[1]:
                book.unchanged += 1
            else:
                book.changed += 1
            updates.append((*row[1], release_id, obs_id))
            replaced.append((current_release, release_id, *key, *current_fields))
        if not book.writing:
            return
        insert_rows(Observation, OBSERVATION_COLUMNS, self._new_rows(new))
        update_rows(Observation, (*COMPARED_FIELDS, "release_id"), ("id",), updates)
        insert_rows(ObservationRevision, REVISION_COLUMNS, sorted(replaced, key=_keyed))

    def _existing(self, rows: dict[Key, Any]) -> dict[Key, tuple[int, tuple[Any, ...], int]]:
        """Current observations for the chunk's keys: (id, compared fields, release id) by key."""
        found = {}
        for s, a, p, d, r, obs_id, *fields, release_id in rows_for_keys(
            table=Observation._meta.db_table,
            key_columns=KEY_COLUMNS,
            columns=("id", *COMPARED_FIELDS, "release_id"),
            keys=list(rows),
        ):
            found[(s, a, p, d, r)] = (obs_id, tuple(fields), release_id)
        return found


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


def _keyed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[2 : 2 + len(KEY_COLUMNS)]

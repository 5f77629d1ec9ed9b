"""The data version: one cheap stamp of the statistics store's state, for HTTP caching and page caches.

Everything public read from the store changes only when a release is imported or rolled back, or when a
period of a series becomes final or its "data as of" date moves, so one aggregate over the (small) release
and provisional-period tables identifies the state of the data. The API keys its ETags and stored
answers on it (:mod:`migmon.api.caching`), the portal its page and profile caches: a repeat call costs that
one query, or on a SQLite file two ``stat`` calls.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils.dateparse import parse_datetime

from migmon.indicators.models import ProvisionalPeriod, Release

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DataVersion:
    """The state of the statistics store: changes whenever a release is added or rolled back."""

    tag: str
    modified: datetime


def _as_datetime(value: datetime | str | None) -> datetime | None:
    """Raw SQL gives datetimes on PostgreSQL and ISO text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_sqlite_memo: tuple[tuple[object, ...], DataVersion] | None = None


def sqlite_files_state() -> tuple[object, ...] | None:
    """(mtime, size) of the SQLite database file and its WAL, or None when not on a SQLite file.

    Every committed write changes one of them (WAL mode appends to ``-wal``; a checkpoint rewrites the main
    file), so while they are unchanged the data version cannot have changed either.
    """
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    state: list[object] = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(name + suffix)
        except FileNotFoundError:
            state.append(None)
        else:
            state.append((stat.st_mtime_ns, stat.st_size))
    return tuple(state)


def data_version() -> DataVersion:
    """The state of the releases: one aggregate query (ids, import and rollback times, count).

    Written as plain SQL: it runs on every API request and profile view, and the ORM's aggregate compilation
    costs more than the query itself. On a SQLite file the answer is reused while the database files are
    unchanged, which spares opening a connection per request (SQLite connections are not kept between
    requests); the files are read before the query, so a write racing it only causes one more query.
    """
    global _sqlite_memo
    state = sqlite_files_state()
    if state is not None and _sqlite_memo is not None and _sqlite_memo[0] == state:
        return _sqlite_memo[1]
    version = _query_data_version()
    if state is not None:
        _sqlite_memo = (state, version)
    return version


def _query_data_version() -> DataVersion:
    table = connection.ops.quote_name(Release._meta.db_table)
    periods = connection.ops.quote_name(ProvisionalPeriod._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id), COUNT(*), MAX(imported_at), MAX(rolled_back_at), "  # noqa: S608 - constant names
            f"(SELECT COUNT(*) FROM {periods}), (SELECT MAX(updated_at) FROM {periods}) FROM {table}"
        )
        last_id, count, imported, rolled_back, provisional, provisional_at = cursor.fetchone()
    times = [t for t in map(_as_datetime, (imported, rolled_back, provisional_at)) if t is not None]
    modified = max(times) if times else EPOCH
    tag = f"{last_id or 0}.{count}.{provisional}.{int(modified.timestamp() * 1000)}"
    return DataVersion(tag=tag, modified=modified.replace(microsecond=0))

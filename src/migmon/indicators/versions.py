"""The data version: one cheap stamp of the statistics store's state, for HTTP caching and page caches.

Everything public read from the store changes only when a release is imported or rolled back, when a
period of a series becomes final or its "data as of" date moves, or when a data manager translates a series'
name (``Series.names_edited_at``), so one aggregate over the (small) release, provisional-period and series
tables identifies the state of the data. The API keys its ETags and stored
answers on it (:mod:`migmon.api.caching`), the portal its page and profile caches.

A repeat call costs two ``stat`` calls on a SQLite file. Elsewhere (PostgreSQL) the answer is held in the
process for :data:`HOLD_SECONDS`: the query is a round trip to the server, and a replayed API answer costs less
than that round trip. A change committed by another process (a publication job, another worker) is therefore
seen within :data:`HOLD_SECONDS`, well inside the half second a publication has to be live; one made in this
process drops the held version at once (on the save of a release, a provisional period or a series, and again
when its transaction commits). Inside a transaction nothing is held or reused: the transaction may see its own
uncommitted writes, and a version naming them must not reach the other threads before they can read that data.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, router, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.dateparse import parse_datetime

from migmon.core.db_router import REPLICA
from migmon.indicators.models import ProvisionalPeriod, Release, Series

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
#: How long a process reuses the data version it read from a database server (not from a SQLite file).
HOLD_SECONDS = 0.05


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


#: Per database read from (the primary, a replica: see migmon.core.db_router), the monotonic time until which the
#: version holds, and the version: a version read on a primary that is ahead must not key a replica's answers.
_held: dict[str, tuple[float, DataVersion]] = {}


def data_version() -> DataVersion:
    """The state of the releases: one aggregate query (ids, import and rollback times, count).

    Written as plain SQL: it runs on every API request and profile view, and the ORM's aggregate compilation
    costs more than the query itself. Outside a transaction the answer is reused: on a SQLite file while the
    database files are unchanged (the files are read before the query, so a write racing it only causes one more
    query), elsewhere for :data:`HOLD_SECONDS` (see the module's docstring).
    """
    global _sqlite_memo
    # Asked of the router only when there is a replica: this runs on every API request, even replayed ones.
    reader = router.db_for_read(Release) if REPLICA in settings.DATABASES else DEFAULT_DB_ALIAS
    if connection.in_atomic_block:
        return _query_data_version(reader)
    state = sqlite_files_state()
    if state is not None:
        if _sqlite_memo is not None and _sqlite_memo[0] == state:
            return _sqlite_memo[1]
        version = _query_data_version(reader)
        _sqlite_memo = (state, version)
        return version
    now = time.monotonic()
    held = _held.get(reader)
    if held is not None and now < held[0]:
        return held[1]
    version = _query_data_version(reader)
    _held[reader] = (now + HOLD_SECONDS, version)
    return version


def forget_data_version() -> None:
    """Drop the version this process holds: the next call reads it again."""
    global _held, _sqlite_memo
    _held, _sqlite_memo = {}, None


def _forget_now_and_at_commit(**kwargs: Any) -> None:
    """A release or provisional period was written: forget now (this thread's next read is fresh) and when the
    transaction commits (another thread may have read the old state meanwhile)."""
    forget_data_version()
    transaction.on_commit(forget_data_version, using=kwargs.get("using"))


for _model in (Release, ProvisionalPeriod, Series):  # a series' save may be a data manager's new name
    post_save.connect(_forget_now_and_at_commit, sender=_model, dispatch_uid=f"migmon.version.save.{_model.__name__}")
    post_delete.connect(
        _forget_now_and_at_commit, sender=_model, dispatch_uid=f"migmon.version.delete.{_model.__name__}"
    )
# ``flush`` (between transactional tests) and ``migrate`` rewrite tables without saving models.
post_migrate.connect(lambda **kwargs: forget_data_version(), weak=False, dispatch_uid="migmon.version.migrate")


def _query_data_version(alias: str) -> DataVersion:
    # Where the request reads its data (a replica, see migmon.core.db_router): a version read on a primary that
    # is ahead would key answers built from the replica's older rows.
    reader = connections[alias]
    table = reader.ops.quote_name(Release._meta.db_table)
    periods = reader.ops.quote_name(ProvisionalPeriod._meta.db_table)
    series = reader.ops.quote_name(Series._meta.db_table)
    with reader.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id), COUNT(*), MAX(imported_at), MAX(rolled_back_at), "  # noqa: S608 - constant names
            f"(SELECT COUNT(*) FROM {periods}), (SELECT MAX(updated_at) FROM {periods}), "
            f"(SELECT MAX(names_edited_at) FROM {series}) FROM {table}"
        )
        last_id, count, imported, rolled_back, provisional, provisional_at, named = cursor.fetchone()
    times = [t for t in map(_as_datetime, (imported, rolled_back, provisional_at, named)) if t is not None]
    modified = max(times) if times else EPOCH
    tag = f"{last_id or 0}.{count}.{provisional}.{int(modified.timestamp() * 1000)}"
    return DataVersion(tag=tag, modified=modified.replace(microsecond=0))

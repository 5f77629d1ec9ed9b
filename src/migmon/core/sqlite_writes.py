"""SQLite as a fair embedded database: one import at a time, and web requests that never wait on an import.

SQLite lets many readers (WAL) but one writer, and an import holds the write lock for its whole transaction
(minutes for a large file). So, next to a SQLite database:

- Imports take turns (:func:`one_import_at_a_time`): a second import says that it waits, for which import and
  since when, then waits for the lock file next to the database, instead of failing after the busy timeout
  with "database is locked".
- Sign-in writes nothing to the main file: sessions live in the ``cache`` database, a SQLite file of their own
  (:class:`migmon.core.cache.CacheRouter`), and the user's ``last_login`` is written only if the main file is
  free within a fraction of a second (:func:`last_login_update`); during an import it is skipped and logged.
- After an import, the importer itself checkpoints the write-ahead log (:func:`checkpoint`), so the next web
  request never pays for copying a large WAL into the database file.

On PostgreSQL none of this applies (row locks, concurrent writers); every function here is then a no-op.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import update_last_login
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: How long a sign-in waits for the main file before it skips ``last_login`` (milliseconds).
LAST_LOGIN_WAIT_MS = 250


def sqlite_file(alias: str = DEFAULT_DB_ALIAS) -> Path | None:
    """The SQLite database file behind ``alias``, or None (PostgreSQL, an in-memory database)."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


@contextmanager
def one_import_at_a_time(label: str, *, notify: Callable[[str], None]) -> Iterator[None]:
    """Hold the import lock of the SQLite file while the block runs; wait for it, saying so, if another has it."""
    database = sqlite_file()
    if database is None:
        yield
        return
    lock_path = database.with_name(database.name + ".import-lock")
    with lock_path.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or _("another import")
            notify(
                _("Another import is writing to the database (%(holder)s); this one waits its turn.")
                % {"holder": holder}
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{label}, process {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        lock.flush()
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()
            lock.flush()
            fcntl.flock(lock, fcntl.LOCK_UN)


def checkpoint(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Copy the write-ahead log into the database file and empty it (after an import, never in a request)."""
    if sqlite_file(alias) is None:
        return
    connection = connections[alias]
    if connection.in_atomic_block:  # a job runner's transaction: SQLite cannot checkpoint under it
        logger.info("write-ahead log not checkpointed: inside a transaction; SQLite will do it later")
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError as busy:  # best effort: the data is committed; SQLite checkpoints on its own later
        logger.info("write-ahead log not checkpointed now (%s); SQLite will do it later", busy)


def last_login_update(sender: Any, user: Any, **kwargs: Any) -> None:
    """Django's ``update_last_login``, except that on a busy SQLite file the sign-in goes on without it."""
    if sqlite_file() is None:
        update_last_login(sender, user, **kwargs)
        return
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    timeout_ms = int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {LAST_LOGIN_WAIT_MS}")
    try:
        with transaction.atomic():
            update_last_login(sender, user, **kwargs)
    except OperationalError as busy:
        logger.info("last sign-in time of %s not recorded: the database is busy (%s)", user, busy)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")

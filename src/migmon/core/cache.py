"""The shared cache: Django's database cache with an atomic ``incr``, and where its table lives.

Rate limits are counted in the default cache, so every worker (and every instance on one PostgreSQL) must see
one count. Redis counts with ``INCRBY``. In the database, :meth:`DatabaseCache.count` keeps counters in a table
of their own beside the cache table and adds to one with a single ``INSERT … ON CONFLICT DO UPDATE … RETURNING``
statement: atomic on SQLite and PostgreSQL, one round trip, no transaction held across statements (the API's
rate limit takes blocks of numbers with it, see :mod:`migmon.core.rate_limit`). Django's own
``DatabaseCache.incr`` reads then writes, so two workers can both read 41 and both write 42;
:meth:`DatabaseCache.incr` locks the row instead, for whoever else counts with the cache API.

Next to a SQLite database the cache table gets its own file (the ``cache`` database, see the settings): an
import holds the main file's write lock for minutes, and counting a request must not wait on it; the main
file's state also keys the data version, which a write per request would keep invalidating.
"""

from __future__ import annotations

import base64
import pickle
import time
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import connections, router, transaction
from django.utils import timezone

CACHE_APP_LABEL = "django_cache"  # the app label of Django's cache entry model
CACHE_DATABASE = "cache"


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache whose ``incr`` is one atomic step across processes, with fast counters."""

    _table: str  # set by Django's BaseDatabaseCache from LOCATION

    @property
    def counter_table(self) -> str:
        return f"{self._table}_counts"

    def count(self, key: str, *, expires_at: int, amount: int = 1) -> int:
        """Add ``amount`` to the counter ``key`` (created to expire at the Unix time ``expires_at``); its new value.

        Keys name their window (the rate limit's key holds the window's start), so an expired counter is never
        counted again; the first count of a key also removes the expired ones.

        The statement goes to the driver's own cursor: Django's cursor wrapper (placeholder rewriting, debug
        hooks) costs several times the statement here, and errors are still Django's (``wrap_database_errors``).
        """
        connection = connections[router.db_for_write(self.cache_model_class)]
        table = connection.ops.quote_name(self.counter_table)
        mark = "?" if connection.vendor == "sqlite" else "%s"
        connection.ensure_connection()
        with connection.wrap_database_errors:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(
                    f"INSERT INTO {table} (counter, hits, expires) VALUES ({mark}, {mark}, {mark}) "  # noqa: S608
                    f"ON CONFLICT (counter) DO UPDATE SET hits = {table}.hits + excluded.hits RETURNING hits",
                    [key, amount, expires_at],
                )
                hits = int(cursor.fetchone()[0])
                if hits == amount:
                    cursor.execute(f"DELETE FROM {table} WHERE expires < {mark}", [int(time.time())])  # noqa: S608
            finally:
                cursor.close()
        return hits

    def create_counter_table(self, alias: str) -> None:
        """The counters' table, where the router puts the cache (idempotent).

        On PostgreSQL the table is ``UNLOGGED`` (an existing one is turned so): a commit that wrote only to it
        waits for no WAL flush, which on a busy disk cost 6–7 ms per count against 0.1 ms. Counters are lost
        at a crash (the table comes back empty) and are not on read replicas; they are only ever read back by
        the statement that writes them, on the primary.
        """
        if not router.allow_migrate_model(alias, self.cache_model_class):
            return
        connection = connections[alias]
        table = connection.ops.quote_name(self.counter_table)
        index = connection.ops.quote_name(f"{self.counter_table}_expires")
        unlogged = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE {'UNLOGGED ' if unlogged else ''}TABLE IF NOT EXISTS {table} "
                "(counter varchar(255) NOT NULL PRIMARY KEY, hits bigint NOT NULL, expires bigint NOT NULL)"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} (expires)")
            if unlogged and not self.counter_table_unlogged(alias):
                cursor.execute(f"ALTER TABLE {table} SET UNLOGGED")

    def counter_table_unlogged(self, alias: str) -> bool:
        """Whether the counters' table in PostgreSQL database ``alias`` writes no WAL."""
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT relpersistence FROM pg_class WHERE oid = to_regclass(%s)", [self.counter_table])
            row = cursor.fetchone()
        return row is not None and row[0] == "u"

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table, value_column, key_column = quote(self._table), quote("value"), quote("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s AND {quote('expires')} > %s{lock}",  # noqa: S608
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301 - written by this cache
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s", [encoded, key])  # noqa: S608
        return value


#: What lives in the ``cache`` database when there is one: the cache, and the sign-in sessions (a sign-in must
#: not wait on an import's write lock on the main file; see migmon.core.sqlite_writes).
SEPARATE_APP_LABELS = frozenset({CACHE_APP_LABEL, "sessions"})


class CacheRouter:
    """Sends the cache and the sessions to the ``cache`` database when the settings define one, nothing else."""

    @staticmethod
    def _separate() -> bool:
        return CACHE_DATABASE in settings.DATABASES

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if self._separate() and model._meta.app_label in SEPARATE_APP_LABELS:
            return CACHE_DATABASE
        return None

    db_for_write = db_for_read

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if not self._separate():
            return None
        return (app_label in SEPARATE_APP_LABELS) == (db == CACHE_DATABASE)


def create_cache_tables(app_config: AppConfig, **kwargs: Any) -> None:
    """After ``migrate``: :func:`ensure_cache_tables`, and the sessions' table in the ``cache`` database.

    ``post_migrate`` is sent once per app that has models; acting on the last one runs this once per migrate.
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1]:
        ensure_cache_tables()
        if CACHE_DATABASE in settings.DATABASES and kwargs.get("using") != CACHE_DATABASE:
            call_command("migrate", "sessions", database=CACHE_DATABASE, verbosity=0, interactive=False)


def ensure_cache_tables() -> None:
    """Create the database cache's tables (entries and counters) wherever the router puts them (idempotent)."""
    for alias in connections:
        call_command("createcachetable", database=alias, verbosity=0)
        for backend in caches.all():
            if isinstance(backend, DatabaseCache):
                backend.create_counter_table(alias)

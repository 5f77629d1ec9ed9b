"""The shared cache: Django's database cache with an atomic ``incr``, and where its table lives.

Rate limits are counted with ``cache.add`` / ``cache.incr`` in the default cache, so every worker (and every
instance on one PostgreSQL) must see one count. Django's own ``DatabaseCache.incr`` reads then writes, so two
workers can both read 41 and both write 42; :class:`DatabaseCache` locks the row instead (``SELECT … FOR UPDATE``
on PostgreSQL; on SQLite the ``IMMEDIATE`` transaction holds the write lock). Redis counts with ``INCR``.

Next to a SQLite database the cache table gets its own file (the ``cache`` database, see the settings): an
import holds the main file's write lock for minutes, and counting a request must not wait on it; the main
file's state also keys the data version, which a write per request would keep invalidating.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import connections, router, transaction
from django.utils import timezone

CACHE_APP_LABEL = "django_cache"  # the app label of Django's cache entry model
CACHE_DATABASE = "cache"


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache whose ``incr`` is one atomic step across processes."""

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


class CacheRouter:
    """Sends the cache table to the ``cache`` database when the settings define one, and nothing else there."""

    @staticmethod
    def _separate() -> bool:
        return CACHE_DATABASE in settings.DATABASES

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if self._separate() and model._meta.app_label == CACHE_APP_LABEL:
            return CACHE_DATABASE
        return None

    db_for_write = db_for_read

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if not self._separate():
            return None
        return (app_label == CACHE_APP_LABEL) == (db == CACHE_DATABASE)


def create_cache_tables(**kwargs: Any) -> None:
    """After ``migrate``: create the database cache's table wherever the router puts it (idempotent)."""
    for alias in connections:
        call_command("createcachetable", database=alias, verbosity=0)

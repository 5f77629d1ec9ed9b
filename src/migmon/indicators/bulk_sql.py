"""Plain-tuple bulk writes for the observation tables: what the ORM's bulk methods cost too much for.

``bulk_create`` builds a model instance and an SQL fragment per field per row, and ``bulk_update`` a CASE
expression per field, which cost more than the database's own work. The rows written here are already validated
by the loader, so they go in as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection


def insert_rows(model: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert tuples in ``columns`` order: COPY on PostgreSQL, one executemany INSERT elsewhere."""
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


def update_rows(model: Any, columns: Sequence[str], where: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """One executemany UPDATE: each row holds the new ``columns`` values, then the ``where`` column values."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(name)} = %s" for name in columns)
    condition = " AND ".join(f"{quote(name)} = %s" for name in where)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {condition}", rows)  # noqa: S608

"""The database cache's counters: blocks added in one statement, expired ones removed, no WAL on PostgreSQL."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from migmon.core.cache import DatabaseCache


@pytest.fixture
def backend(db) -> DatabaseCache:
    made = DatabaseCache("migmon_counter_test", {})
    made.create_counter_table("default")
    return made


def hits(backend: DatabaseCache) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT counter, hits FROM {connection.ops.quote_name(backend.counter_table)}")  # noqa: S608
        return dict(cursor.fetchall())


def test_a_count_adds_its_amount_and_answers_the_new_total(backend):
    later = int(time.time()) + 60
    assert backend.count("client:1", expires_at=later, amount=16) == 16
    assert backend.count("client:1", expires_at=later) == 17
    assert backend.count("client:1", expires_at=later, amount=4) == 21
    assert hits(backend) == {"client:1": 21}


def expired(backend: DatabaseCache, key: str) -> None:
    """A counter of a window that ended (written directly: a count of it would remove it at once)."""
    table = connection.ops.quote_name(backend.counter_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} VALUES (%s, 3, %s)", [key, int(time.time()) - 5])  # noqa: S608


def test_the_first_count_of_a_key_removes_the_expired_ones(backend):
    now = int(time.time())
    backend.count("current", expires_at=now + 60, amount=1)
    expired(backend, "old-window")
    backend.count("current", expires_at=now + 60, amount=16)  # not a first count: removes nothing
    assert set(hits(backend)) == {"current", "old-window"}
    backend.count("next", expires_at=now + 120, amount=16)  # a first count, with a block
    assert set(hits(backend)) == {"current", "next"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="UNLOGGED is PostgreSQL's")
def test_on_postgresql_the_counters_write_no_wal_even_when_the_table_was_made_before(backend):
    assert backend.counter_table_unlogged("default")
    table = connection.ops.quote_name(backend.counter_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} SET LOGGED")  # as created by an earlier version
    assert not backend.counter_table_unlogged("default")
    backend.create_counter_table("default")
    assert backend.counter_table_unlogged("default")

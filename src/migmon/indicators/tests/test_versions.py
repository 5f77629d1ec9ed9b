"""The data version: one query, reused on a SQLite file while its files are unchanged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migmon.indicators import versions as versions


@pytest.mark.django_db
def test_version_is_reused_only_while_the_files_are_unchanged(db, monkeypatch):
    state = [("db", 1), ("wal", 1)]
    monkeypatch.setattr(versions, "sqlite_files_state", lambda: tuple(state))
    monkeypatch.setattr(versions, "_sqlite_memo", None)
    with CaptureQueriesContext(connection) as queries:
        first = versions.data_version()
        again = versions.data_version()
    assert first == again and len(queries) == 1

    state[1] = ("wal", 2)  # a commit appended to the WAL
    with CaptureQueriesContext(connection) as queries:
        versions.data_version()
    assert len(queries) == 1


@pytest.mark.django_db
def test_without_a_sqlite_file_every_call_queries(db, monkeypatch):
    monkeypatch.setattr(versions, "sqlite_files_state", lambda: None)
    with CaptureQueriesContext(connection) as queries:
        versions.data_version()
        versions.data_version()
    assert len(queries) == 2


def test_in_memory_test_database_has_no_file_state(db):
    if connection.vendor == "sqlite":
        assert versions.sqlite_files_state() is None

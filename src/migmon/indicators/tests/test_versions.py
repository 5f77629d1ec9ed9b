"""The data version: one query, reused outside transactions (SQLite: while its files are unchanged; a database
server: for ``HOLD_SECONDS``), and dropped at once when this process writes a release."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from migmon.indicators import versions as versions
from migmon.indicators.models import Dataset, Release


@pytest.fixture
def clock(monkeypatch):
    """The hold's clock, moved by hand; no SQLite file state, so the hold (the database server's path) applies."""
    now = [1000.0]
    monkeypatch.setattr(versions.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(versions, "sqlite_files_state", lambda: None)
    versions.forget_data_version()
    yield now
    versions.forget_data_version()


def a_release(dataset: Dataset, name: str) -> Release:
    return Release(dataset=dataset, file_name=name, sha256="0" * 64, importer="test", importer_version="1")


@pytest.fixture
def dataset(transactional_db) -> Dataset:
    return Dataset.objects.create(code="versions-test", name="Versions test", source_organisation="test")


@pytest.mark.django_db(transaction=True)
def test_version_is_reused_only_while_the_files_are_unchanged(monkeypatch):
    state = [("db", 1), ("wal", 1)]
    monkeypatch.setattr(versions, "sqlite_files_state", lambda: tuple(state))
    versions.forget_data_version()
    with CaptureQueriesContext(connection) as queries:
        first = versions.data_version()
        again = versions.data_version()
    assert first == again and len(queries) == 1

    state[1] = ("wal", 2)  # a commit appended to the WAL
    with CaptureQueriesContext(connection) as queries:
        versions.data_version()
    assert len(queries) == 1


def test_a_server_version_is_held_for_the_hold_then_read_again(dataset, clock):
    with CaptureQueriesContext(connection) as queries:
        first = versions.data_version()
        clock[0] += versions.HOLD_SECONDS * 0.9
        assert versions.data_version() == first
    assert len(queries) == 1
    clock[0] += versions.HOLD_SECONDS * 0.2
    with CaptureQueriesContext(connection) as queries:
        versions.data_version()
    assert len(queries) == 1


def test_a_change_committed_by_another_process_is_seen_once_the_hold_is_over(dataset, clock):
    """bulk_create sends no signal: to this process it is like a publication committed by another worker."""
    before = versions.data_version()
    Release.objects.bulk_create([a_release(dataset, "elsewhere.csv")])
    assert versions.data_version() == before  # held: at most HOLD_SECONDS late
    clock[0] += versions.HOLD_SECONDS
    assert versions.data_version() != before
    assert versions.HOLD_SECONDS <= 0.1  # a publication must be live everywhere within 0.5 s (bench/publish.py)


def test_a_release_saved_in_this_process_is_seen_at_once(dataset, clock):
    before = versions.data_version()
    a_release(dataset, "here.csv").save()
    assert versions.data_version() != before


def test_a_rollback_saved_in_this_process_is_seen_at_once(dataset, clock):
    release = a_release(dataset, "here.csv")
    release.save()
    before = versions.data_version()
    release.status, release.rolled_back_at = "rolled_back", timezone.now()  # as indicators.releases does
    release.save(update_fields=["status", "rolled_back_at"])
    assert versions.data_version() != before
    seen = versions.data_version()
    release.delete()
    assert versions.data_version() != seen


def test_the_commit_drops_what_other_threads_read_during_the_writing_transaction(dataset, clock):
    before = versions.data_version()
    with transaction.atomic():
        a_release(dataset, "here.csv").save()
        versions._held = {"default": (clock[0] + 10, before)}  # another thread read the committed (old) state meanwhile
    assert versions.data_version() != before


def test_a_version_held_for_one_database_is_not_reused_for_another(clock, monkeypatch):
    """A version read on the primary (a signed-in request) must not key the answers a request builds from a
    replica that may still be behind (migmon.core.db_router), nor the other way round."""
    reading = ["default"]
    monkeypatch.setitem(settings.DATABASES, "replica", {})  # named in the settings: the router is asked
    monkeypatch.setattr(versions.router, "db_for_read", lambda model, **hints: reading[0])
    asked: list[str] = []

    def query(alias: str) -> versions.DataVersion:
        asked.append(alias)
        return versions.DataVersion(tag=f"{alias}.{len(asked)}", modified=versions.EPOCH)

    monkeypatch.setattr(versions, "_query_data_version", query)
    on_primary = versions.data_version()
    reading[0] = "replica"
    on_replica = versions.data_version()
    reading[0] = "default"
    assert versions.data_version() == on_primary  # still held for the primary
    assert asked == ["default", "replica"] and on_replica != on_primary


def test_inside_a_transaction_the_version_is_read_every_time_and_never_held(dataset, clock):
    with transaction.atomic():
        a_release(dataset, "mine.csv").save()
        with CaptureQueriesContext(connection) as queries:
            mine = versions.data_version()
            versions.data_version()
        assert len(queries) == 2
        assert versions._held == {}  # the uncommitted release's version is not handed to other threads
    assert versions.data_version() == mine


def test_in_memory_test_database_has_no_file_state(db):
    if connection.vendor == "sqlite":
        assert versions.sqlite_files_state() is None

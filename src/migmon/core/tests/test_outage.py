"""A database that stops answering gives 503 with Retry-After on pages and API, and service resumes by itself."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connections
from django.test import Client

PAGE = "/fr/"
API = "/api/v1/observations?series=SM_POP_TOTL"


@pytest.fixture
def database_down(db, monkeypatch):
    """Every new query fails as it does while PostgreSQL restarts (the connection is refused)."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    connection = connections["default"]
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "cursor", refuse)
    yield monkeypatch
    monkeypatch.undo()  # before the test database's own teardown, which needs the connection


def test_a_page_answers_503_with_retry_after_then_recovers(database_down):
    client = Client(raise_request_exception=False)
    response = client.get(PAGE)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Service momentanément indisponible" in text
    assert "try again in 30 seconds" in text
    database_down.undo()
    assert client.get(PAGE).status_code != 503


def test_the_api_answers_503_in_json_with_retry_after(database_down):
    response = Client(raise_request_exception=False).get(API)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("The database is not answering")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_other_errors_stay_500(db, monkeypatch):
    from migmon.core import outage

    monkeypatch.setattr(outage, "database_unavailable", lambda: False)
    response = Client(raise_request_exception=False).get("/fr/")
    assert response.status_code != 503


def _classify(cause: Exception) -> bool:
    from migmon.core import outage

    try:
        raise OperationalError(str(cause)) from cause
    except OperationalError:
        return outage.database_unavailable()


def test_only_a_lock_or_an_unreadable_file_is_a_sqlite_outage():
    import sqlite3

    assert _classify(sqlite3.OperationalError("database is locked"))
    assert _classify(sqlite3.OperationalError("unable to open database file"))
    assert not _classify(sqlite3.OperationalError("unterminated string")), "a malformed query is a bug, not an outage"

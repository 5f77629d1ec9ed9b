"""A real ``db_worker`` killed (SIGKILL) while it publishes leaves the published data exactly as before, and the
reaper then marks the job failed instead of leaving it "publishing" forever.

Everything runs in subprocesses against a database of its own (a SQLite file under tmp_path, or a throw-away
PostgreSQL database on the PostgreSQL pass), with the production settings' database task backend: the upload is
staged and checked by the worker, its publication enqueued, and the worker killed once the progress file shows
the first chunk written inside the publication's transaction. ``tests/test_import_kill.py`` does the same to
``migmon import``.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

ODS = "undesa-migrant-stock-od-2019-clean/UN_MigrantStockByOriginAndDestination_2019_clean.csv"
FIRST = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"
MIGMON = str(Path(sys.executable).with_name("migmon"))
TABLES = ("indicators_observation", "indicators_observationrevision", "indicators_release")


def run(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def step(env: dict[str, str], *args: str) -> str:
    return run(env, sys.executable, "-m", "migmon.publishing.tests.job_steps", *args).strip()


def wait_for(condition, what: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"the worker ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


Query = Callable[..., list[tuple]]


def sqlite_query(database: Path) -> Query:
    def query(sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(database, timeout=30) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    return query


def postgres_query(url: str) -> Query:
    import psycopg

    def query(sql: str, *params: object) -> list[tuple]:
        with psycopg.connect(url) as db:
            return db.execute(sql, params).fetchall()  # type: ignore[arg-type]

    return query


def test_killing_the_worker_mid_publication_on_sqlite(tmp_path, data_dir):
    if connection.vendor != "sqlite":
        pytest.skip("runs on its own SQLite file in the SQLite pass")
    database = tmp_path / "kill.sqlite3"
    query = sqlite_query(database)
    kill_mid_publication(tmp_path, data_dir, f"sqlite:///{database}", query)
    assert query("PRAGMA integrity_check") == [("ok",)]


def test_killing_the_worker_mid_publication_on_postgresql(tmp_path, data_dir, throwaway_postgres):
    kill_mid_publication(tmp_path, data_dir, throwaway_postgres, postgres_query(throwaway_postgres))


def kill_mid_publication(tmp_path: Path, data_dir: Path, database_url: str, query: Query) -> None:
    """Stage, check and publish the 2019 origin-destination file; SIGKILL the worker inside the publication."""
    var = tmp_path / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "migmon.config.settings.production",
        "DATABASE_URL": database_url,
        "MIGMON_VAR_DIR": str(var),
        "SECRET_KEY": "worker-kill-test-" + "x" * 40,
        "PYTHONUNBUFFERED": "1",
    }
    for args in (
        ("migrate", "--verbosity", "0"),
        ("load_geography",),
        ("load_framework",),
        ("import", str(data_dir / FIRST)),
    ):
        run(env, MIGMON, *args)

    def snapshot() -> tuple:
        counts = tuple(query(f"SELECT count(*) FROM {table}")[0][0] for table in TABLES)  # noqa: S608
        rows = query(
            "SELECT id, series_id, area_id, period, dimensions_id, value, release_id FROM indicators_observation"
        )
        return counts, hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()

    def status(upload_id: str) -> str:
        return query("SELECT status FROM publishing_upload WHERE id = %s", int(upload_id))[0][0]

    before = snapshot()
    assert before[0][0] == 181  # 10.7.3: 181 observations
    upload_id = step(env, "stage", str(data_dir / ODS))
    worker = subprocess.Popen(
        [MIGMON, "db_worker", "--interval", "0.1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    progress_file = var / "uploads" / upload_id / "progress.json"

    def publishing_past_first_chunk() -> bool:
        try:
            progress = json.loads(progress_file.read_text())
        except (OSError, ValueError):
            return False
        return progress["stage"] == "publish" and progress["rows_done"] >= 5000

    try:
        wait_for(lambda: status(upload_id) == "checked", "the check", worker)
        assert snapshot() == before  # the check wrote nothing
        step(env, "publish", upload_id)
        wait_for(publishing_past_first_chunk, "the publication's first chunk", worker)
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()

    assert snapshot() == before
    assert status(upload_id) == "publishing"
    assert step(env, "reap") == "0"  # the heartbeat is recent: the worker might still be alive
    beat = var / "uploads" / upload_id / "heartbeat"
    stale = time.time() - 60
    os.utime(beat, (stale, stale))  # as if a minute passed without a beat
    assert step(env, "reap") == "1"
    assert status(upload_id) == "failed"
    assert "worker stopped" in query("SELECT reason FROM publishing_upload WHERE id = %s", int(upload_id))[0][0]

"""Killing ``migmon import`` half-way leaves the database exactly as before (one transaction per file).

The import runs in a real subprocess against its own database (a SQLite file under tmp_path, or a throw-away
PostgreSQL database): ``tests/paused_import.py`` runs ``migmon import`` with a wrapper around the release
writer, installed in that process only, that stops inside the open transaction once the first chunk of 5,000
observations has been written; the test then sends SIGKILL — no clean-up code runs — and compares the
database with the snapshot taken before.
"""

from __future__ import annotations

import hashlib
import os
import select
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
TABLES = ("indicators_observation", "indicators_observationrevision", "indicators_release", "indicators_dimensionset")
MIGMON = str(Path(sys.executable).with_name("migmon"))
PAUSED_IMPORT = str(Path(__file__).with_name("paused_import.py"))


def migmon(env: dict[str, str], *args: str, timeout: int = 600) -> str:
    result = subprocess.run([MIGMON, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def snapshot(query: Callable[[str], list[tuple]]) -> tuple:
    counts = tuple(query(f"SELECT count(*) FROM {table}")[0][0] for table in TABLES)  # noqa: S608 - constant names
    rows = query("SELECT id, series_id, area_id, period, dimensions_id, value, release_id FROM indicators_observation")
    return counts, hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()


def kill_half_way(env: dict[str, str], data_dir: Path) -> None:
    """Start the import, wait until it has written a chunk inside its transaction, SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, PAUSED_IMPORT, "5000", "import", str(data_dir / ODS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        seen = ""
        while "paused after" not in seen:
            assert process.poll() is None, f"import ended before the kill: {seen[-2000:]}"
            assert time.monotonic() < deadline, f"import never paused: {seen[-2000:]}"
            ready, _, _ = select.select([process.stderr], [], [], 1.0)
            if ready:
                seen += process.stderr.readline()  # type: ignore[union-attr]
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()


def prepare(env: dict[str, str], data_dir: Path) -> None:
    migmon(env, "migrate", "--skip-checks", "--verbosity", "0")
    migmon(env, "load_geography", "--skip-checks")
    migmon(env, "load_framework", "--skip-checks")
    migmon(env, "import", str(data_dir / FIRST))


def base_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "migmon.config.settings.test", "PYTHONUNBUFFERED": "1"}


def test_kill_during_import_on_sqlite(tmp_path, data_dir):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite file variant runs in the SQLite pass")
    database = tmp_path / "kill.sqlite3"
    env = {**base_env(), "DATABASE_URL": f"sqlite:///{database}"}
    prepare(env, data_dir)

    def query(sql: str) -> list[tuple]:
        with sqlite3.connect(database) as db:
            return db.execute(sql).fetchall()

    before = snapshot(query)
    assert before[0][0] == 181  # 10.7.3: 181 observations

    kill_half_way(env, data_dir)

    assert query("PRAGMA integrity_check") == [("ok",)]
    assert snapshot(query) == before
    # The database is usable afterwards: the same import now runs to the end.
    assert "imported (release #" in migmon(
        env, "import", str(data_dir / FIRST.replace("10-7-3", "10-7-2-SG_CPA_MIGRS"))
    )


def test_kill_during_import_on_postgresql(throwaway_postgres, data_dir):
    import psycopg

    env = {**base_env(), "DATABASE_URL": throwaway_postgres}
    prepare(env, data_dir)

    def query(sql: str) -> list[tuple]:
        with psycopg.connect(throwaway_postgres) as db:
            return db.execute(sql).fetchall()  # type: ignore[arg-type]

    before = snapshot(query)
    assert before[0][0] == 181

    kill_half_way(env, data_dir)

    assert snapshot(query) == before
    assert "imported (release #" in migmon(
        env, "import", str(data_dir / FIRST.replace("10-7-3", "10-7-2-SG_CPA_MIGRS"))
    )

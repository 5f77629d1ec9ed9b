"""Run one benchmark script on SQLite and, when it answers, on a scratch PostgreSQL database.

The in-database benchmarks (incidents, progress, publish) each measure inside one process per database: the
driver calls the script again with ``--one DATABASE_URL`` for a fresh SQLite file and for a database created
and dropped here, so that both figures come from the same run. ``make bench`` skips this module (leading ``_``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_available(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not available here"
        return False


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(statement)


def run_on_both(script: str, *, repeat: int, postgres: str, database: str, sqlite_only: bool = False) -> int:
    """Run ``script --one URL --repeat N`` per database; 0 when every run met its goals."""
    use_postgres = not sqlite_only and postgres_available(postgres)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", f"sqlite:///{folder}/bench.sqlite3")]
        if use_postgres:
            _admin(postgres, f"DROP DATABASE IF EXISTS {database}")
            _admin(postgres, f"CREATE DATABASE {database}")
            targets.append(("PostgreSQL", postgres.rsplit("/", 1)[0] + f"/{database}"))
        else:
            print(f"PostgreSQL not used ({postgres}): SQLite only")
        try:
            for label, url in targets:
                print(f"== {label}")
                command = [sys.executable, script, "--one", url, "--repeat", str(repeat)]
                results.append(subprocess.run(command, check=False).returncode)
        finally:
            if use_postgres:
                _admin(postgres, f"DROP DATABASE IF EXISTS {database}")
    return 0 if all(code == 0 for code in results) else 1

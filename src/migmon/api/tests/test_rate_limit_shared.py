"""Two processes share one rate-limit budget: ``40/86400`` lets 40 requests through in all, not 40 per worker.

Workers take numbers from the shared counter in blocks (:mod:`migmon.core.rate_limit`): never more than the limit
gets through; when one worker stops being asked, the numbers it holds are lost to the other, at most
``LEASE_MOST - 1`` of them (the documented slack).

Each process is a separate Python interpreter with the production cache settings (the database cache on the
suite's database — its own SQLite file, or a scratch PostgreSQL database — or Redis), counting requests from the
same client at the same time, as two server workers would.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import missing
from django.db import connection

from migmon.core.rate_limit import LEASE_MOST

LIMIT = 40
COUNT = """
import sys, time
from pathlib import Path
import django
django.setup()
from django.test import RequestFactory
from migmon.core import rate_limit
from migmon.core.cache import ensure_cache_tables
if sys.argv[1] == "setup":
    ensure_cache_tables()
    sys.exit(0)
go = Path(sys.argv[2])
Path(f"{go}.ready.{sys.argv[5]}").touch()
while not go.exists():
    time.sleep(0.01)
day = int(time.time() // 86400)
allowed = sum(
    rate_limit.retry_after(RequestFactory().get("/api/v1/goals", REMOTE_ADDR=sys.argv[3])) is None
    for _ in range(int(sys.argv[4]))
)
print(allowed, day == int(time.time() // 86400))
"""


def scratch_postgres_url() -> tuple[str, object]:
    """A throw-away database beside the suite's (the test database lives inside a transaction)."""
    import psycopg

    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_rate_{os.getpid()}"
    params = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')

    password = f":{params['password']}" if params["password"] else ""
    return f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}", drop


def redis_url() -> str:
    import redis

    url = os.environ.get("MIGMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        missing(f"Redis is not answering at {url}")
    return url


def run_two_workers(env: dict[str, str], tmp_path: Path, requests: tuple[int, int]) -> tuple[list[int], bool]:
    project = Path(__file__).resolve().parents[4]
    subprocess.run([sys.executable, "-c", COUNT, "setup"], env=env, cwd=project, check=True)
    go = tmp_path / f"go-{secrets.token_hex(4)}"
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    args = [sys.executable, "-c", COUNT, "count", str(go), address]
    workers = [
        subprocess.Popen([*args, str(asked), str(number)], env=env, cwd=project, stdout=subprocess.PIPE, text=True)
        for number, asked in enumerate(requests)
    ]
    deadline = time.time() + 120
    while not all(Path(f"{go}.ready.{number}").exists() for number in range(2)) and time.time() < deadline:
        time.sleep(0.05)  # both interpreters set up and waiting: they start counting together
    go.touch()
    outputs = [worker.communicate(timeout=120)[0].split() for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    return [int(out[0]) for out in outputs], all(out[1] == "True" for out in outputs)


@pytest.mark.django_db
@pytest.mark.parametrize("store", ["database", "redis"])
@pytest.mark.parametrize("requests", [(60, 60), (4, 60)], ids=["both-asked-to-the-end", "one-stops-early"])
def test_two_processes_share_one_budget(store, requests, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "migmon.config.settings.production",
        "MIGMON_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MIGMON_API_RATE_LIMIT": f"{LIMIT}/86400",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'main.sqlite3'}",
        "REDIS_URL": "",
    }
    cleanup = None
    if store == "redis":
        env["REDIS_URL"] = redis_url()
    elif connection.vendor == "postgresql":
        env["DATABASE_URL"], cleanup = scratch_postgres_url()
    try:
        for _attempt in range(2):  # once more if the day (the window) turned during the run
            allowed, same_window = run_two_workers(env, tmp_path, requests)
            if same_window:
                break
    finally:
        if cleanup is not None:
            cleanup()
    assert sum(allowed) <= LIMIT, allowed  # per-process counting would let 2 × 40 through
    if min(requests) > LIMIT:
        assert sum(allowed) == LIMIT, allowed  # both used every number they took
    else:
        assert sum(allowed) >= LIMIT - (LEASE_MOST - 1), allowed

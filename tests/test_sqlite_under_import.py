"""While an import holds SQLite's write lock, sign-ins, pages and the API still answer, and a second import waits.

A real ``migmon import`` runs in a subprocess on a SQLite file and stops inside its open transaction (the
``tests/paused_import.py`` pause, as in the kill test), holding the write lock as a long import does. Meanwhile
another process, with the production settings on the same files, signs in (the session goes to the ``cache``
database; ``last_login`` is skipped rather than waited for), reads a page and the API, each well under the
busy timeout; and a second ``migmon import`` says that it waits its turn ("attend son tour": the CLI speaks French,
the site's first language), then runs once the first has ended.
Before, sign-ins failed after 20 s with "database is locked" and the second import blamed DATABASE_URL.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.test_import_kill import FIRST, MIGMON, ODS, PAUSED_IMPORT, migmon

SETTINGS = """
from migmon.config.settings.production import *  # noqa: F403
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""

PROBE = """
import json, time
import django
django.setup()
from django.test import Client

def timed(call):
    started = time.monotonic()
    response = call()
    return [response.status_code, round(time.monotonic() - started, 2)]

Client().get("/fr/missing-migrants/methodology/")  # warm-up: the process's first request loads every module
browser = Client()
login = {"username": "ana", "password": "a-long-test-password"}
answers = {
    "login": timed(lambda: browser.post("/admin/login/", login)),
    "admin": timed(lambda: browser.get("/admin/")),
    "page": timed(lambda: Client().get("/fr/missing-migrants/methodology/")),
    "api": timed(lambda: Client().get("/api/v1/releases")),
    "login again": timed(lambda: Client().post("/admin/login/", login)),
}
print(json.dumps(answers))
"""

CREATE_USER = """
import django
django.setup()
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("ana", "ana@example.org", "a-long-test-password")
"""


def wait_for(process: subprocess.Popen, text: str, seconds: float) -> str:
    """stderr of ``process`` until a line holds ``text``."""
    deadline = time.monotonic() + seconds
    seen = ""
    while text not in seen:
        assert process.poll() is None, f"ended before {text!r}: {seen[-2000:]}"
        assert time.monotonic() < deadline, f"no {text!r} within {seconds} s: {seen[-2000:]}"
        ready, _, _ = select.select([process.stderr], [], [], 1.0)
        if ready:
            seen += process.stderr.readline()  # type: ignore[union-attr]
    return seen


def test_sign_in_pages_and_api_answer_while_an_import_holds_the_write_lock(tmp_path, data_dir):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL has row locks and concurrent writers")
    (tmp_path / "under_import_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
        "DJANGO_SETTINGS_MODULE": "under_import_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MIGMON_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "a-test-only-secret-key-that-is-long-enough-for-the-deploy-check",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    migmon(env, "migrate", "--skip-checks", "--verbosity", "0")
    migmon(env, "load_geography", "--skip-checks")
    migmon(env, "load_framework", "--skip-checks")
    subprocess.run([sys.executable, "-c", CREATE_USER], env=env, check=True, timeout=120)

    first = subprocess.Popen(
        [sys.executable, PAUSED_IMPORT, "5000", "import", str(data_dir / ODS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    second = None
    try:
        wait_for(first, "paused after", 300)
        probe = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert probe.returncode == 0, probe.stderr[-3000:]
        answers = json.loads(probe.stdout.strip().splitlines()[-1])
        assert {name: status for name, (status, _) in answers.items()} == {
            "login": 302,
            "admin": 200,
            "page": 200,
            "api": 200,
            "login again": 302,
        }, probe.stderr[-3000:]
        assert all(seconds < 5 for _, seconds in answers.values()), answers

        second = subprocess.Popen(
            [MIGMON, "import", str(data_dir / FIRST)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        told = wait_for(second, "attend son tour", 60)  # the CLI speaks the site's first language, French
        assert "migmon import UN_MigrantStockByOriginAndDestination_2019_clean.csv" in told
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert second is not None
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err[-2000:]
    assert "imported (release #" in out
    # The importer checkpointed after its commit: no write-ahead log is left for a request to copy.
    wal = Path(f"{tmp_path / 'db.sqlite3'}-wal")
    assert not wal.exists() or wal.stat().st_size == 0

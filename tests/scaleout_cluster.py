"""A small scaled-out migmon on this machine: a PostgreSQL primary, a streaming replica, Redis, two app instances.

Used by ``tests/test_scaleout.py`` (and by hand: ``MIGMON_SCALEOUT_TEST=1 pytest tests/test_scaleout.py``).
The primary is the running server (``MIGMON_SCALEOUT_PRIMARY``, default ``127.0.0.1:5432``, user ``postgres``);
a scratch database is made on it, migrated, and given the geography and the SDG framework. The replica is a
second cluster made with ``pg_basebackup -R`` into a temporary directory and started with ``pg_ctl`` as the
``postgres`` user on a free port: a hot standby fed by streaming replication, which logs every statement with
the client's ``application_name`` so that a test can see which instance read what there. The instances run
granian like ``make run``, each with its own ``application_name``, both on the same primary, replica and Redis
database; a job worker (``db_worker``) runs beside instance A. Everything is stopped and removed afterwards,
whatever failed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

PROJECT_DIR = Path(__file__).resolve().parents[1]
SETTINGS = "tests.scaleout_settings"
#: Settings a hot standby must hold at least at the primary's values, or it refuses to start.
STANDBY_AT_LEAST_PRIMARY = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)

SETUP = """
import sys
import django
django.setup()
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from migmon.publishing.tokens import token_create
call_command("migrate", verbosity=0, interactive=False)
call_command("load_geography", verbosity=0)
call_command("load_framework", verbosity=0)
manager = User.objects.create_user("scaleout-data-manager", "scaleout@example.org")
manager.user_permissions.add(Permission.objects.get(content_type__app_label="publishing", codename="add_upload"))
sys.stderr.write("TOKEN " + token_create(user=manager, name="scale-out test")[1] + "\\n")
"""


class Unavailable(Exception):
    """Something the deployment needs is not on this machine (the message says what and how to get it)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_postgres(command: list[str]) -> list[str]:
    """Run PostgreSQL's server tools as the ``postgres`` user (they refuse root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Server:
    """One PostgreSQL server: where it answers, and a connection to one of its databases."""

    host: str
    port: int
    user: str = "postgres"

    def url(self, database: str, application: str = "") -> str:
        suffix = f"?application_name={application}" if application else ""
        return f"postgres://{self.user}@{self.host}:{self.port}/{database}{suffix}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=self.host, port=self.port, user=self.user, dbname=database, autocommit=True)

    def value(self, sql: str, database: str = "postgres", params: tuple[object, ...] = ()) -> object:
        with self.connect(database) as connection:
            row = connection.execute(sql, params).fetchone()  # type: ignore[arg-type]
        return None if row is None else row[0]


@dataclass
class Instance:
    """One app instance (granian) and its address."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def application_name(self) -> str:
        return f"migmon-{self.name}"


@dataclass
class Deployment:
    primary: Server
    replica: Server
    database: str
    redis_url: str
    replica_log: Path
    token: str
    secret_key: str
    replica_control: list[str]  # pg_ctl on the replica's data directory, as the postgres user
    instances: dict[str, Instance] = field(default_factory=dict)
    setup_seconds: dict[str, float] = field(default_factory=dict)  # stage: seconds it took

    def replica_statements(self, application: str, since: int = 0) -> list[str]:
        """Statements run on the replica by ``application`` after byte ``since`` of its log."""
        with self.replica_log.open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        return [line for line in text.splitlines() if f"app={application} " in line and "statement: " in line]

    def stop_replica(self) -> None:
        subprocess.run([*self.replica_control, "-m", "fast", "-w", "stop"], check=True, capture_output=True)

    def start_replica(self) -> None:
        subprocess.run([*self.replica_control, "-w", "-t", "60", "start"], check=True, capture_output=True)
        _wait_until_streaming(self.replica, self.replica_log)

    def replica_log_size(self) -> int:
        return self.replica_log.stat().st_size

    def primary_backends(self, application: str) -> int:
        """Connections ``application`` holds on the primary's database."""
        return int(
            self.primary.value(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
                params=(self.database, application),
            )
            or 0
        )


def _primary_from_environment() -> Server:
    url = urlsplit(os.environ.get("MIGMON_SCALEOUT_PRIMARY", "postgres://postgres@127.0.0.1:5432"))
    return Server(host=url.hostname or "127.0.0.1", port=url.port or 5432, user=url.username or "postgres")


def _check_prerequisites(primary: Server, redis_url: str) -> Path:
    """The server binaries of the primary's version; every missing piece raised as :class:`Unavailable`."""
    try:
        version = int(str(primary.value("SHOW server_version_num")))
    except psycopg.OperationalError as error:
        raise Unavailable(f"PostgreSQL is not answering at {primary.host}:{primary.port}: {error}") from error
    bin_dir = Path(os.environ.get("MIGMON_PG_BIN", f"/usr/lib/postgresql/{version // 10000}/bin"))
    if not (bin_dir / "pg_basebackup").exists():
        raise Unavailable(f"no pg_basebackup in {bin_dir} (set MIGMON_PG_BIN to the server's binaries)")
    if os.geteuid() != 0 and Path.home().name != "postgres":
        raise Unavailable("starting a second PostgreSQL cluster needs root (runuser -u postgres) or the postgres user")
    try:
        with psycopg.connect(
            host=primary.host, port=primary.port, user=primary.user, replication="true", autocommit=True
        ) as replication:
            replication.execute("IDENTIFY_SYSTEM")
    except psycopg.OperationalError as error:
        raise Unavailable(
            f"the primary refuses replication connections ({error}); allow them in pg_hba.conf, e.g. "
            f"'host replication {primary.user} 127.0.0.1/32 trust' (.ci/run adds it)"
        ) from error
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        raise Unavailable(f"Redis is not answering at {redis_url}") from error
    return bin_dir


def _pg_ctl(bin_dir: Path, workdir: Path) -> list[str]:
    return [str(bin_dir / "pg_ctl"), "-D", str(workdir / "data"), "-l", str(workdir / "replica.log")]


def _make_replica(primary: Server, bin_dir: Path, workdir: Path, port: int) -> Path:
    """Base backup, standby configuration, start; returns the replica's statement log."""
    data = workdir / "data"
    log = workdir / "replica.log"
    subprocess.run(
        as_postgres(
            [
                str(bin_dir / "pg_basebackup"),
                *("-h", primary.host, "-p", str(primary.port), "-U", primary.user, "-D", str(data)),
                *("-R", "-X", "stream", "-c", "fast", "--no-sync"),
            ]
        ),
        check=True,
        capture_output=True,
    )
    at_least = "\n".join(f"{name} = {primary.value(f'SHOW {name}')}" for name in STANDBY_AT_LEAST_PRIMARY)
    (data / "postgresql.conf").write_text(
        f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{workdir}'\n"
        "hot_standby = on\nfsync = off\nshared_buffers = 32MB\n"
        "log_statement = 'all'\nlog_line_prefix = '%m [%p] app=%a '\nlogging_collector = off\n"
        f"{at_least}\n"
    )
    (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    (data / "pg_ident.conf").write_text("")
    for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
        if os.geteuid() == 0:
            shutil.chown(data / name, "postgres", "postgres")
    subprocess.run(
        as_postgres([*_pg_ctl(bin_dir, workdir), "-w", "-t", "60", "start"]), check=True, capture_output=True
    )
    _wait_until_streaming(Server(host="127.0.0.1", port=port, user=primary.user), log)
    return log


def _wait_until_streaming(replica: Server, log: Path) -> None:
    deadline = time.monotonic() + 30
    while replica.value("SELECT status FROM pg_stat_wal_receiver") != "streaming":
        if time.monotonic() > deadline:
            raise RuntimeError(f"the replica does not stream from the primary; its log:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)


def _environment(deployment: Deployment, workdir: Path, application: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(PROJECT_DIR),
        "MIGMON_VAR_DIR": str(workdir / "var"),
        "SECRET_KEY": deployment.secret_key,  # one key for all instances: sessions and signatures hold across them
        "DATABASE_URL": deployment.primary.url(deployment.database, application),
        "DATABASE_REPLICA_URL": deployment.replica.url(deployment.database, application),
        "REDIS_URL": deployment.redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "MIGMON_API_TRUST_PROXY": "1",  # the test poses as many clients through X-Forwarded-For
        **extra,
    }


def _start(command: list[str], env: dict[str, str], log: Path, stack: contextlib.ExitStack) -> subprocess.Popen[bytes]:
    output = log.open("wb")
    stack.callback(output.close)
    process = subprocess.Popen(
        command, env=env, cwd=PROJECT_DIR, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
    )

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    stack.callback(stop)
    return process


def _wait_until_serving(instance: Instance, timeout: float = 90) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(f"instance {instance.name} stopped:\n{instance.log.read_text()[-3000:]}")
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):  # the first answer loads the URLs
            if requests.get(f"{instance.url}/api/v1/", timeout=30).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"instance {instance.name} does not answer:\n{instance.log.read_text()[-3000:]}")


@contextlib.contextmanager
def scaled_out(*, api_rate_limit: str) -> Iterator[Deployment]:
    """Build the deployment, yield it, tear it down. Raises :class:`Unavailable` before touching anything when
    a prerequisite is missing."""
    started = time.monotonic()
    primary = _primary_from_environment()
    redis_url = os.environ.get("MIGMON_SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/13")
    bin_dir = _check_prerequisites(primary, redis_url)
    with contextlib.ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="migmon-scaleout-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres", "postgres")
        workdir.chmod(0o700)
        (workdir / "var").mkdir()
        store = redis.Redis.from_url(redis_url)
        store.flushdb()
        stack.callback(store.flushdb)

        database = f"migmon_scaleout_{os.getpid()}_{secrets.token_hex(3)}"
        with primary.connect() as admin:
            admin.execute(f'CREATE DATABASE "{database}"')

        def drop() -> None:
            with primary.connect() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

        stack.callback(drop)

        # The base backup and the replica's start run while the primary is migrated and loaded.
        replica_port = free_port()
        made: dict[str, object] = {}

        stop_replica = as_postgres([*_pg_ctl(bin_dir, workdir), "-m", "immediate", "stop"])
        stack.callback(subprocess.run, stop_replica, capture_output=True)  # harmless if it never started

        def make_replica() -> None:
            try:
                made["log"] = _make_replica(primary, bin_dir, workdir, replica_port)
                made["seconds"] = time.monotonic() - started
            except BaseException as error:  # reported below, in the test's thread
                made["error"] = error

        maker = threading.Thread(target=make_replica)
        maker.start()
        setup_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": str(PROJECT_DIR),
            "MIGMON_VAR_DIR": str(workdir / "var"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": primary.url(database, "migmon-setup"),
            "DATABASE_REPLICA_URL": "",
            "REDIS_URL": redis_url,
        }
        loaded = subprocess.run(
            [sys.executable, "-c", SETUP], env=setup_env, cwd=PROJECT_DIR, capture_output=True, text=True
        )
        loaded_at = time.monotonic()
        maker.join()
        if loaded.returncode != 0:
            raise RuntimeError(f"migrating and loading the primary failed:\n{loaded.stderr[-3000:]}")
        if "error" in made:
            raise RuntimeError(f"making the replica failed: {made['error']!r}") from made["error"]  # type: ignore[misc]
        token = next(line.split()[1] for line in loaded.stderr.splitlines() if line.startswith("TOKEN "))

        deployment = Deployment(
            primary=primary,
            replica=Server(host="127.0.0.1", port=replica_port, user=primary.user),
            database=database,
            redis_url=redis_url,
            replica_log=made["log"],  # type: ignore[arg-type]
            token=token,
            secret_key=setup_env["SECRET_KEY"],
            replica_control=as_postgres(_pg_ctl(bin_dir, workdir)),
        )
        granian = str(Path(sys.executable).with_name("granian"))
        for name in ("a", "b"):
            port = free_port()
            env = _environment(deployment, workdir, f"migmon-{name}", MIGMON_API_RATE_LIMIT=api_rate_limit)
            log = workdir / f"instance-{name}.log"
            command = [granian, "--interface", "wsgi", "migmon.config.wsgi:application"]
            command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--blocking-threads", "4"]
            deployment.instances[name] = Instance(name, port, _start(command, env, log, stack), log)
        worker_env = _environment(deployment, workdir, "migmon-a-worker")
        worker = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
        _start(worker, worker_env, workdir / "worker.log", stack)
        for instance in deployment.instances.values():
            _wait_until_serving(instance)
        deployment.setup_seconds = {
            "replica_made_and_streaming": round(float(made["seconds"]), 1),  # type: ignore[arg-type]
            "primary_migrated_and_loaded": round(loaded_at - started, 1),
            "instances_serving": round(time.monotonic() - loaded_at, 1),
            "total": round(time.monotonic() - started, 1),
        }
        yield deployment


def main() -> None:
    """``python -m tests.scaleout_cluster``: build the deployment, say where it answers, keep it until Ctrl-C or
    SIGTERM (a background job ignores SIGINT), then tear it down."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with scaled_out(api_rate_limit="300/60") as deployment:
        for instance in deployment.instances.values():
            sys.stdout.write(f"instance {instance.name}: {instance.url}/fr/ (log {instance.log})\n")
        sys.stdout.write(f"replica: port {deployment.replica.port}, statements in {deployment.replica_log}\n")
        sys.stdout.write(f"primary database: {deployment.database}; data manager token: {deployment.token}\n")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()

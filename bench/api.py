"""Benchmark the public API's answer path against nginx serving the same bytes, on loopback, with wrk.

What it measures (``make bench``), each with wrk (2 threads, 16 connections by default, keep-alive):

(a) ``GET /api/v1/observations?series=MIGSTOCK&limit=1000`` — one page of 1,000 observations;
(b) ``GET /fr/data/countries/FRA/`` — a country profile page;
and, as references for (a): the same JSON bytes served as a static file by nginx (the limit of this machine)
and the same rows served by Datasette (a peer) from a SQLite table. (a) and nginx are measured in alternating
rounds (``--rounds``) because the machine is shared: the figures printed are the median and the spread.

migmon runs as in production (``make run``): granian, production settings, DEBUG off, collected static files
and the rate limit ON with a budget the bench cannot exhaust, so every request is counted against the shared
store (the database cache, or Redis with ``--redis-url``; workers take numbers from it in blocks, see
:mod:`migmon.core.rate_limit`).
Before measuring, the bench checks that the answer is the real one: ETag, CORS header, a 304 for a conditional
request. A last line measures (a) with the answer store off (every request built by Django), for reference.
When the bench loaded the data itself, it then imports a changed copy of one file in another process, three
times, and measures how long after that process's commit the server answers the new version (workers hold the
data version for a few milliseconds on PostgreSQL: a publication must still be live within half a second).
The data is the bundled real data, loaded with the project's own commands into a throw-away SQLite database
(or the database given with ``--database-url``, left untouched apart from reads when ``--no-load`` is passed).

Goals printed at the end: (a) ≥ 0.5× nginx's throughput and p99 < 50 ms at 16 connections; profile p95 < 150 ms;
a change committed elsewhere served within 500 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = PROJECT / ".venv" / "bin"
DATA = PROJECT / "data"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
API_PATH = "/api/v1/observations?series=MIGSTOCK&limit=1000"
PROFILE_PATH = "/fr/data/countries/FRA/"
FILES = [
    *sorted((DATA / "sdg-indicators-open-sdg-eca").glob("*.csv")),
    DATA / "undesa-migrant-stock-2024" / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
    DATA / "undesa-migrant-stock-2024" / "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
]
CHANGED_FILE = DATA / "sdg-indicators-open-sdg-eca" / "indicator_10-7-3.csv"
CHANGED_ROW = '2020,"SM_DTH_MIGR","Albania",3'
IMPORT_AND_SAY_WHEN = """
import sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from migmon.indicators.models import Release

def say_when_committed(**kwargs):
    transaction.on_commit(lambda: Path(sys.argv[2]).write_text(str(time.time())))  # as soon as COMMIT returned

post_save.connect(say_when_committed, sender=Release)
call_command("import_data", sys.argv[1], verbosity=0)
"""
OD_FILE = DATA / "undesa-migrant-stock-od-2019-clean" / "UN_MigrantStockByOriginAndDestination_2019_clean.csv"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server on port {port} did not answer {path}")


# --- client ---------------------------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    rate: float
    p50: float
    p95: float
    p99: float

    def line(self) -> str:
        return (
            f"{self.name:<40} {self.rate:>9.1f} req/s   p50 {self.p50:>7.1f} ms   p95 {self.p95:>7.1f} ms   "
            f"p99 {self.p99:>7.1f} ms"
        )


WRK_PERCENTILES = textwrap.dedent("""\
    done = function(summary, latency, requests)
      io.write(string.format("MIGMON %d %d %d %f %f %f %f\\n", summary.requests, summary.duration,
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99), 0))
    end
    """)


def load(name: str, url: str, seconds: int, connections: int, script: Path, *, strict: bool = True) -> Result:
    """One wrk run; a non-2xx answer or a socket error fails the bench (a fast wrong answer is no answer), except
    for the peer (``strict=False``), whose slow answers may time out: they are reported."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("MIGMON "))
    requests, duration_us, errors, p50, p95, p99, _ = (float(part) for part in line.split()[1:])
    if strict and (errors or "Non-2xx" in output):
        raise SystemExit(f"{name}: {int(errors)} errors or non-2xx answers\n{output}")
    if errors:
        name = f"{name} ({int(errors)} errors)"
    return Result(name, requests / (duration_us / 1e6), p50 / 1000, p95 / 1000, p99 / 1000)


def median_of(name: str, results: list[Result]) -> Result:
    def mid(values: list[float]) -> float:
        return statistics.median(values)

    return Result(
        name,
        mid([r.rate for r in results]),
        mid([r.p50 for r in results]),
        mid([r.p95 for r in results]),
        mid([r.p99 for r in results]),
    )


# --- servers -------------------------------------------------------------------------------------------------


def server_env(root: Path, database_url: str | None, **extra: str) -> dict[str, str]:
    """The environment of a benchmarked migmon: production settings, this run's own ``var/`` folder and secret, and
    the API's rate limit on (counted in the shared store as in production) but never reached."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="migmon.config.settings.production",
        MIGMON_VAR_DIR=str(root / "var"),
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url or f"sqlite:///{root / 'bench.sqlite3'}",
        MIGMON_API_RATE_LIMIT="1000000000/60",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONDONTWRITEBYTECODE="1",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=PROJECT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def start_migmon(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    """migmon as ``make run`` serves it (granian's WSGI interface)."""
    command = [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "migmon.config.wsgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, cwd=PROJECT, env=env)


def start_nginx(root: Path, port: int) -> subprocess.Popen:
    conf = root / "nginx.conf"
    conf.write_text(
        textwrap.dedent(f"""\
        worker_processes auto;
        daemon off;
        pid {root / "nginx.pid"};
        error_log {root / "nginx-error.log"} warn;
        events {{ worker_connections 1024; }}
        http {{
            access_log off;
            sendfile on;
            keepalive_requests 100000;
            client_body_temp_path {root}/nginx-body;
            proxy_temp_path {root}/nginx-proxy;
            fastcgi_temp_path {root}/nginx-fastcgi;
            uwsgi_temp_path {root}/nginx-uwsgi;
            scgi_temp_path {root}/nginx-scgi;
            types {{ application/json json; }}
            server {{
                listen 127.0.0.1:{port};
                root {root / "static"};
            }}
        }}
        """)
    )
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(root)])


def datasette_table(body: bytes, path: Path) -> None:
    """The API's rows as a SQLite table with the same columns."""
    items = json.loads(body)["items"]
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE observations (series TEXT, area TEXT, period TEXT, value REAL, unit TEXT, "
            "dimensions TEXT, nature TEXT, footnote TEXT, source TEXT, release INTEGER)"
        )
        db.executemany(
            "INSERT INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i["series"],
                    i["area"],
                    i["period"],
                    i["value"],
                    i["unit"],
                    json.dumps(i["dimensions"]),
                    i["nature"],
                    i["footnote"],
                    i["source"],
                    i["release"],
                )
                for i in items
            ],
        )


def start_datasette(db: Path, port: int) -> subprocess.Popen:
    command = [
        str(BIN / "datasette"),
        "serve",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "max_returned_rows",
        "10000",
        "--setting",
        "sql_time_limit_ms",
        "20000",
        "--setting",
        "num_sql_threads",
        "3",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def body_of(port: int, path: str) -> bytes:
    response = fetch(port, path)
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status}")
    return response.body  # type: ignore[attr-defined]


def check_answer(port: int) -> None:
    """The measured answer is the real one: validators, CORS, a 304 for a conditional request, rate limit on."""
    first = fetch(port, API_PATH)
    etag = first.getheader("ETag")
    assert first.status == 200 and etag and first.getheader("Last-Modified"), "no validators on the answer"
    assert first.getheader("Access-Control-Allow-Origin") == "*", "no CORS header on the answer"
    again = fetch(port, API_PATH, {"If-None-Match": f"W/{etag}"})
    assert again.status == 304 and again.getheader("ETag") == etag, "no 304 for a conditional request"
    unknown = fetch(port, API_PATH + "&strat=2015")
    assert unknown.status == 400, "an unknown parameter was not refused"


def live_after_commit(env: dict[str, str], port: int, folder: Path, value: int) -> float | None:
    """Milliseconds from another process's commit of a changed release to the server answering its new version
    (polled with conditional requests: 304 until the ETag changes); None when not seen within 5 s."""
    old = fetch(port, API_PATH).getheader("ETag") or ""
    changed = folder / CHANGED_FILE.name
    changed.write_text(CHANGED_FILE.read_text(encoding="utf-8").replace(CHANGED_ROW, CHANGED_ROW[:-1] + str(value)))
    seen: list[float] = []
    done = threading.Event()

    def poll() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while not done.is_set():
            try:
                connection.request("GET", API_PATH, headers={"If-None-Match": old})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):  # the server closed the kept-alive connection
                connection.close()
                continue
            if response.status == 200:
                seen.append(time.time())
                return

    poller = threading.Thread(target=poll)
    poller.start()
    when = folder / "committed-at"
    command = [str(BIN / "python"), "-c", IMPORT_AND_SAY_WHEN, str(changed), str(when)]
    subprocess.run(command, cwd=PROJECT, env=env, check=True, capture_output=True)
    if not when.exists():
        done.set()
        raise SystemExit(f"importing {changed.name} with the value {value} committed no release")
    committed = float(when.read_text())
    when.unlink()
    poller.join(timeout=5)
    done.set()
    poller.join()
    return (seen[0] - committed) * 1000 if seen else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of (a) and nginx")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="granian workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per granian worker")
    parser.add_argument("--database-url", help="use this database instead of a fresh SQLite file")
    parser.add_argument("--no-load", action="store_true", help="the database already holds the data")
    parser.add_argument("--redis-url", help="count the rate limit in this Redis (REDIS_URL) instead of the database")
    parser.add_argument("--with-od", action="store_true", help="also import the origin × destination table (slow)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="migmon-bench-api-"))
    root.chmod(0o755)  # nginx workers run as an unprivileged user and must read static/
    (root / "static").mkdir()
    script = root / "percentiles.lua"
    script.write_text(WRK_PERCENTILES)
    env = server_env(root, args.database_url, REDIS_URL=args.redis_url or "")
    processes: list[subprocess.Popen] = []
    try:
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")  # also creates the shared cache's table
        if not args.no_load:
            manage(env, "load_geography")
            manage(env, "load_framework")
            manage(env, "import_data", *map(str, FILES + ([OD_FILE] if args.with_od else [])))
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        counted = "redis" if args.redis_url else "the database cache"
        print(
            f"setup: {time.perf_counter() - started:.0f} s (data in {env['DATABASE_URL'].split('://')[0]}, "
            f"rate limit counted in {counted})"
        )

        app_port, bare_port, nginx_port, datasette_port = free_port(), free_port(), free_port(), free_port()
        processes.append(start_migmon(env, app_port, args.workers, args.threads))
        processes.append(start_migmon({**env, "MIGMON_API_ANSWER_STORE_MB": "0"}, bare_port, args.workers, 2))
        wait_for(app_port, API_PATH)
        wait_for(bare_port, API_PATH)
        check_answer(app_port)
        body = body_of(app_port, API_PATH)
        assert body_of(bare_port, API_PATH) == body, "the answer store changed the answer"
        rows = len(json.loads(body)["items"])
        (root / "static" / "observations.json").write_bytes(body)
        datasette_table(body, root / "bench.db")
        processes.append(start_nginx(root, nginx_port))
        processes.append(start_datasette(root / "bench.db", datasette_port))
        datasette_path = "/bench/observations.json?_shape=array&_size=max"
        wait_for(nginx_port, "/observations.json")
        wait_for(datasette_port, datasette_path)
        assert len(json.loads(body_of(datasette_port, datasette_path))) == rows, "Datasette serves other rows"

        seconds, connections = args.seconds, args.connections
        print(
            f"wrk, {connections} connections, {seconds} s per run, {args.rounds} rounds; "
            f"(a) is {rows} observations, {len(body) / 1e6:.2f} MB of JSON"
        )
        api_url = f"http://127.0.0.1:{app_port}{API_PATH}"
        nginx_url = f"http://127.0.0.1:{nginx_port}/observations.json"
        apis, statics = [], []
        for round_number in range(1, args.rounds + 1):
            apis.append(load(f"(a) migmon API, round {round_number}", api_url, seconds, connections, script))
            statics.append(load(f"    nginx, round {round_number}", nginx_url, seconds, connections, script))
            print(apis[-1].line())
            print(statics[-1].line())
            print(f"    ratio, round {round_number}: {apis[-1].rate / statics[-1].rate:.2f}")
        peer = load(
            "    Datasette, same rows",
            f"http://127.0.0.1:{datasette_port}{datasette_path}",
            seconds,
            connections,
            script,
            strict=False,
        )
        bare = load(
            "(a) without the answer store", f"http://127.0.0.1:{bare_port}{API_PATH}", seconds, connections, script
        )
        profile = load(
            "(b) migmon country profile (FRA)",
            f"http://127.0.0.1:{app_port}{PROFILE_PATH}",
            seconds,
            connections,
            script,
        )
        api, static = median_of("(a) migmon API, median", apis), median_of("    nginx, median", statics)
        for result in (api, static, peer, bare, profile):
            print(result.line())
        ratios = [a.rate / s.rate for a, s in zip(apis, statics, strict=True)]
        print(
            f"API / nginx throughput:     {api.rate / static.rate:.2f}  (rounds {min(ratios):.2f}–{max(ratios):.2f}; "
            "goal ≥ 0.5)"
        )
        print(
            f"API p99:                    {api.p99:.1f} ms  (rounds {min(a.p99 for a in apis):.1f}–"
            f"{max(a.p99 for a in apis):.1f}; goal < 50 ms)"
        )
        print(f"API / Datasette throughput: {api.rate / peer.rate:.2f}")
        print(f"API without store / nginx:  {bare.rate / static.rate:.2f}")
        print(f"profile p95:                {profile.p95:.1f} ms  (goal < 150 ms)")
        if not args.no_load:
            first = 10 + int(time.time()) % 100_000  # a value this database has not seen (the file's hash is new)
            delays = [live_after_commit(env, app_port, root, value) for value in range(first, first + 3)]
            shown = ", ".join("not seen in 5 s" if d is None else f"{d:.0f} ms" for d in delays)
            print(f"commit elsewhere → served:  {shown}  (goal < 500 ms)")
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

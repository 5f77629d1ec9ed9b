"""Benchmark the public API and a country profile against static nginx and Datasette, on loopback.

What it measures (``make bench``), each with the same client, number of requests and concurrency:

(a) ``GET /api/v1/observations?series=MIGSTOCK&limit=10000`` — one series, every area and year, one response;
(b) ``GET /fr/data/countries/FRA/`` — a country profile page;
and, as references for (a): the same JSON bytes served as a static file by nginx (the limit of this machine)
and the same rows served by Datasette (a peer) from a SQLite table.

migmon runs as in production: gunicorn, production settings, DEBUG off, collected static files, the rate
limit off (``MIGMON_API_RATE_LIMIT=0``). The data is the bundled real data, loaded with the project's own
commands into a throw-away SQLite database (or the database given with ``--database-url``, left untouched
apart from reads when ``--no-load`` is passed).

The client is a pool of processes (no GIL between them), one keep-alive connection each, reconnecting when a
server closes it; the latencies of every request are kept for the percentiles. Goals printed at the end:
API ≥ Datasette's throughput, API within 3× of nginx, profile p95 < 150 ms warm.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = PROJECT / ".venv" / "bin"
DATA = PROJECT / "data"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
API_PATH = "/api/v1/observations?series=MIGSTOCK&limit=10000"
PROFILE_PATH = "/fr/data/countries/FRA/"
FILES = [
    *sorted((DATA / "sdg-indicators-open-sdg-eca").glob("*.csv")),
    DATA / "undesa-migrant-stock-2024" / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
    DATA / "undesa-migrant-stock-2024" / "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
]
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


# --- client --------------------------------------------------------------------------------------------------


def _worker(args: tuple[int, str, int]) -> list[float]:
    port, path, count = args
    latencies = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(count):
        start = time.perf_counter()
        for attempt in range(2):
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit(f"{path} on port {port} answered {response.status}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                break
            except (http.client.HTTPException, ConnectionError):
                connection.close()
                if attempt:
                    raise
        latencies.append(time.perf_counter() - start)
    connection.close()
    return latencies


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.rate:>9.1f} req/s   p50 {self.percentile(50):>7.1f} ms   "
            f"p95 {self.percentile(95):>7.1f} ms"
        )


def load(name: str, port: int, path: str, requests: int, concurrency: int, warmup: int = 20) -> Result:
    _worker((port, path, warmup))
    share = [requests // concurrency + (1 if i < requests % concurrency else 0) for i in range(concurrency)]
    with multiprocessing.Pool(concurrency) as pool:
        start = time.perf_counter()
        parts = pool.map(_worker, [(port, path, n) for n in share])
        seconds = time.perf_counter() - start
    return Result(name, requests, seconds, [latency for part in parts for latency in part])


# --- servers -------------------------------------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=PROJECT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def start_migmon(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "migmon.config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    if threads > 1:
        # Threads keep a worker serving while another thread waits on a slow client's socket (2 MB answers).
        command += ["--worker-class", "gthread", "--threads", str(threads)]
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


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status}")
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per measurement")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (1: sync workers)")
    parser.add_argument("--database-url", help="use this database instead of a fresh SQLite file")
    parser.add_argument("--no-load", action="store_true", help="the database already holds the data")
    parser.add_argument("--with-od", action="store_true", help="also import the origin × destination table (slow)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="migmon-bench-api-"))
    root.chmod(0o755)  # nginx workers run as an unprivileged user and must read static/
    (root / "static").mkdir()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="migmon.config.settings.production",
        MIGMON_VAR_DIR=str(root / "var"),
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=args.database_url or f"sqlite:///{root / 'bench.sqlite3'}",
        MIGMON_API_RATE_LIMIT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONDONTWRITEBYTECODE="1",
    )
    processes: list[subprocess.Popen] = []
    try:
        started = time.perf_counter()
        if not args.no_load:
            manage(env, "migrate", "--noinput")
            manage(env, "load_geography")
            manage(env, "load_framework")
            manage(env, "import_data", *map(str, FILES + ([OD_FILE] if args.with_od else [])))
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        print(f"setup: {time.perf_counter() - started:.0f} s (data in {env['DATABASE_URL'].split('://')[0]})")

        app_port, nginx_port, datasette_port = free_port(), free_port(), free_port()
        processes.append(start_migmon(env, app_port, args.workers, args.threads))
        wait_for(app_port, API_PATH)
        body = fetch(app_port, API_PATH)
        rows = len(json.loads(body)["items"])
        (root / "static" / "observations.json").write_bytes(body)
        datasette_table(body, root / "bench.db")
        processes.append(start_nginx(root, nginx_port))
        processes.append(start_datasette(root / "bench.db", datasette_port))
        datasette_path = "/bench/observations.json?_shape=array&_size=max"
        wait_for(nginx_port, "/observations.json")
        wait_for(datasette_port, datasette_path)
        assert len(json.loads(fetch(datasette_port, datasette_path))) == rows, "Datasette serves other rows"

        n, c = args.requests, args.concurrency
        print(f"{n} requests at concurrency {c}; (a) is {rows} observations, {len(body) / 1e6:.2f} MB of JSON")
        api = load("(a) migmon API, observations", app_port, API_PATH, n, c)
        static = load("    nginx, same JSON as a file", nginx_port, "/observations.json", n, c)
        peer = load("    Datasette, same rows", datasette_port, datasette_path, n, c)
        profile = load("(b) migmon country profile (FRA)", app_port, PROFILE_PATH, n, c)
        for result in (api, static, peer, profile):
            print(result.line())
        print(f"API / Datasette throughput: {api.rate / peer.rate:.2f}  (goal ≥ 1)")
        print(f"nginx / API throughput:     {static.rate / api.rate:.2f}  (goal ≤ 3)")
        print(f"profile p95:                {profile.percentile(95):.1f} ms  (goal < 150 ms)")
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

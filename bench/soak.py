"""Soak: ten minutes of mixed page and API requests against migmon served as ``make run`` serves it.

What it does: migrates and loads the bundled data into a throw-away database with the project's own commands
(``migmon bootstrap`` by default, as ``make run``; ``--light`` loads only the Open SDG files and UN DESA 2024, as
``bench/api.py``), collects static files, starts granian with the production settings (DEBUG off, rate limit
on with a budget the soak cannot exhaust) and drives it with wrk: 16 keep-alive connections by default, each
request the next address of a fixed mix (public pages in French, English and Spanish — home, data, series,
indicator, country profile, register, search, pledges, signals — and API reads), for ``--minutes`` (10).

What it prints: requests and requests/s, errors (socket errors, answers of 400 or more and of 500 or more,
counted by wrk's Lua ``response`` hook), latency p50/p99, and the resident memory (RSS, from /proc) of each
granian worker after the warm-up pass and at the end. It fails (exit 1) on any 5xx or socket error.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import FILES, free_port, manage, server_env, start_migmon, stop, wait_for  # noqa: E402

#: The mix: every address once per cycle, in this order (pages about two thirds, API one third).
PATHS = [
    "/fr/",
    "/en/",
    "/es/",
    "/fr/data/",
    "/en/data/series/SM_POP_REFG_OR/",
    "/fr/data/series/SM_POP_REFG_OR/?tab=table&area=BGR",
    "/es/data/indicators/10.7.4/",
    "/fr/data/countries/FRA/",
    "/en/data/countries/DEU/",
    "/es/data/regions/150/",
    "/fr/missing-migrants/",
    "/en/missing-migrants/?region=Mediterranean&start=2019&end=2021",
    "/fr/search/?q=migrants",
    "/es/search/?q=remesas",
    "/en/data/gcm/pledges/",
    "/fr/foresight/signals/",
    "/api/v1/series",
    "/api/v1/observations?series=SM_POP_REFG_OR&limit=100",
    "/api/v1/observations?series=SM_POP_REFG_OR&area=BGR",
    "/api/v1/areas?kind=country",
    "/api/v1/incidents/totals?by=year",
    "/api/v1/incidents?region=Mediterranean&limit=50",
    "/api/v1/indicators",
    "/api/v1/goals",
]

WRK_MIX = textwrap.dedent("""\
    local paths = {%(paths)s}
    local threads = {}
    local index = 0
    function setup(thread)
      thread:set("offset", #threads)
      table.insert(threads, thread)
    end
    function init(args)
      index = offset
      client_errors = 0
      server_errors = 0
    end
    function request()
      index = index %% #paths + 1
      return wrk.format("GET", paths[index])
    end
    function response(status, headers, body)
      if status >= 500 then server_errors = server_errors + 1
      elseif status >= 400 then client_errors = client_errors + 1 end
    end
    function done(summary, latency, requests)
      local c, s = 0, 0
      for _, thread in ipairs(threads) do
        c = c + thread:get("client_errors")
        s = s + thread:get("server_errors")
      end
      local e = summary.errors
      io.write(string.format("MIGMON %%d %%d %%d %%d %%d %%f %%f\\n", summary.requests, summary.duration,
        e.connect + e.read + e.write + e.timeout, c, s, latency:percentile(50), latency:percentile(99)))
    end
    """)


def worker_rss(server: subprocess.Popen) -> dict[int, float]:
    """Resident memory (MiB) of each process granian started, by pid (from /proc: no extra package)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = {}
    for pid in map(int, children):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes[pid] = kib / 1024
    return sizes


def warm_up(port: int) -> None:
    """Every address once, each must answer below 400 (a soak of errors measures nothing)."""
    import http.client

    refused = []
    for path in PATHS:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status >= 400:
            refused.append(f"{path} answered {response.status}")
    if refused:
        raise SystemExit("warm-up: " + "; ".join(refused))


def load_data(env: dict[str, str], light: bool) -> None:
    manage(env, "migrate", "--noinput")
    if light:
        manage(env, "load_geography")
        manage(env, "load_framework")
        manage(env, "import_data", *map(str, FILES))
        for command in ("import_bundled_incidents", "import_seeds", "seed_foresight", "ensure_groups"):
            manage(env, command)
    else:
        manage(env, "bootstrap")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="length of the soak")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="granian workers (make run: 2)")
    parser.add_argument("--threads", type=int, default=2, help="threads per granian worker (make run: 2)")
    parser.add_argument("--light", action="store_true", help="load the Open SDG files and UN DESA 2024 only")
    parser.add_argument("--database-url", help="use this database instead of a fresh SQLite file")
    parser.add_argument("--no-load", action="store_true", help="the database already holds the data")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="migmon-soak-"))
    script = root / "mix.lua"
    script.write_text(WRK_MIX % {"paths": ", ".join(f'"{path}"' for path in PATHS)})
    env = server_env(root, args.database_url)
    server = None
    try:
        started = time.perf_counter()
        if args.no_load:  # migrate still creates the cache and rate-limit tables of this run's var/ folder
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        else:
            load_data(env, args.light)
        data = "existing" if args.no_load else "light" if args.light else "bootstrap"
        print(f"setup: {time.perf_counter() - started:.0f} s ({data} data)")
        port = free_port()
        server = start_migmon(env, port, args.workers, args.threads)
        wait_for(port, "/api/v1/goals", timeout=120)
        warm_up(port)
        time.sleep(1)
        rss_start = worker_rss(server)
        seconds = max(int(args.minutes * 60), 1)
        print(
            f"wrk: {args.connections} connections, {seconds} s, {len(PATHS)} addresses in turn; "
            f"granian {args.workers} workers × {args.threads} threads"
        )
        command = ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
        output = subprocess.run([*command, f"http://127.0.0.1:{port}"], check=True, capture_output=True, text=True)
        rss_end = worker_rss(server)
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(root, ignore_errors=True)

    line = next(line for line in output.stdout.splitlines() if line.startswith("MIGMON "))
    requests, duration_us, socket_errors, client_errors, server_errors = (int(p) for p in line.split()[1:6])
    p50, p99 = (float(p) / 1000 for p in line.split()[6:8])
    print(f"requests:        {requests:,} in {duration_us / 1e6:.0f} s = {requests / (duration_us / 1e6):.1f} req/s")
    print(f"errors:          {socket_errors} socket, {client_errors} answers 4xx, {server_errors} answers 5xx")
    print(f"latency:         p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    for label, sizes in (("worker RSS start", rss_start), ("worker RSS end  ", rss_end)):
        print(f"{label}: " + ", ".join(f"{size:.0f} MiB" for _pid, size in sorted(sizes.items())))
    grown = [rss_end[pid] - rss_start[pid] for pid in rss_start if pid in rss_end]
    if len(grown) != len(rss_start):
        print("a worker was replaced during the soak (granian respawned it)")
    print("worker RSS growth: " + ", ".join(f"{delta:+.0f} MiB" for delta in grown))
    return 1 if socket_errors or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())

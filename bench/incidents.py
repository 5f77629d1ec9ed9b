"""Benchmark the Missing Migrants map and totals endpoints over every incident and over ten times as many.

For each database (a throw-away SQLite file, and PostgreSQL when one answers at ``--postgres``), in one process:

1. migrate, load the geography and import the bundled IOM files with the project's own commands;
2. time ``GET /api/v1/incidents/totals`` (by year, by region, and by route for one year and region) and the map endpoint
   ``GET /api/v1/incidents/clusters`` (world at zoom 0, and a zoomed box) through Django's full request stack
   (in-process client: no network, no ETag reuse), and beside each the plain SQL aggregate that answers the same
   question from the incident table, on the same connection in the same run;
3. add nine copies of every published incident (new ids, positions jittered by up to ±0.05°, same years,
   regions, routes, causes and counts: the real distribution ×10), write their counted rows, rebuild the totals
   cube and map cells, and time again.

Prints p50/p95 in milliseconds and the ratio endpoint / plain SQL (p95). Goal: totals p95 < 50 ms at 10×.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from _on_both_databases import DEFAULT_POSTGRES, run_on_both

PROJECT = Path(__file__).resolve().parents[1]
TOTALS = {
    "totals by year": ("/api/v1/incidents/totals?by=year", "year", ""),
    "totals by route, 2024, Mediterranean": (
        "/api/v1/incidents/totals?by=route&year=2024&region=Mediterranean",
        "route",
        "AND year = 2024 AND region = 'Mediterranean'",
    ),
    # Regions listed per row (IOM's merged cells): the cube is grouped by the listed key, spread over its values.
    "totals by region": ("/api/v1/incidents/totals?by=region", "region", ""),
}
MAPS = {
    "map, world, zoom 0": ("/api/v1/incidents/clusters?zoom=0", 0, ""),
    "map, Mediterranean box, zoom 3": (
        "/api/v1/incidents/clusters?zoom=3&west=-10&south=30&east=40&north=46",
        3,
        "AND latitude BETWEEN 30 AND 46 AND longitude BETWEEN -10 AND 40",
    ),
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def timed(function, repeat: int) -> list[float]:
    function()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def run_one(database_url: str, repeat: int) -> bool:
    """Everything for one database, in this process; returns whether the totals goal was met at 10×."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "migmon.config.settings.test"
    os.environ["MIGMON_API_RATE_LIMIT"] = "0"
    sys.path.insert(0, str(PROJECT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from migmon.incidents.aggregates import cells_refresh, cube_refresh
    from migmon.incidents.models import GRID_ZOOM, Incident, Status, grid_of
    from migmon.incidents.rows import rows_sync

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("load_geography", verbosity=0)
    start = time.perf_counter()
    call_command("import_bundled_incidents", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  bundled import (xlsx + 2025 JSON + 2026 CSV): {time.perf_counter() - start:.1f} s")
    client = Client()

    def sql(query: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(query)
            cursor.fetchall()

    def measure(scale: str) -> float:
        count = Incident.objects.filter(status=Status.PUBLISHED).count()
        print(f"  {scale}: {count:,} published incidents")
        worst_totals = 0.0
        for label, (path, by, where) in TOTALS.items():
            baseline = (
                f"SELECT {by}, SUM(dead), SUM(missing), SUM(total), COUNT(*) FROM incidents_incident "  # noqa: S608
                f"WHERE status = 'published' {where} GROUP BY {by}"
            )
            worst_totals = max(worst_totals, report(label, path, baseline))
        for label, (path, zoom, where) in MAPS.items():
            factor = 2 ** (GRID_ZOOM - zoom)
            baseline = (
                f"SELECT grid_x / {factor}, grid_y / {factor}, AVG(latitude), AVG(longitude), COUNT(*), SUM(total) "  # noqa: S608
                f"FROM incidents_incident WHERE status = 'published' AND grid_x IS NOT NULL {where} GROUP BY 1, 2"
            )
            report(label, path, baseline)
        return worst_totals

    def report(label: str, path: str, baseline: str) -> float:
        def call() -> None:
            response = client.get(path, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (path, response.status_code, response.content[:200])

        endpoint = percentiles(timed(call, repeat))
        plain = percentiles(timed(lambda: sql(baseline), repeat))
        print(
            f"    {label:<38} endpoint p50 {endpoint[0]:7.2f} ms  p95 {endpoint[1]:7.2f} ms | "
            f"plain SQL p50 {plain[0]:7.2f} ms  p95 {plain[1]:7.2f} ms | ratio p95 {endpoint[1] / plain[1]:5.2f}"
        )
        return endpoint[1]

    measure("1×")
    start = time.perf_counter()
    real = list(Incident.objects.filter(status=Status.PUBLISHED).values())
    rng = random.Random(7310)
    skip = {"id", "total", "created_at", "updated_at"}
    for copy in range(1, 10):
        clones = []
        for row in real:
            values = {key: value for key, value in row.items() if key not in skip}
            values["incident_id"] = f"{row['incident_id']}-x{copy}"
            if values["latitude"] is not None:
                values["latitude"] = max(-90.0, min(90.0, values["latitude"] + rng.uniform(-0.05, 0.05)))
                values["longitude"] = max(-180.0, min(180.0, values["longitude"] + rng.uniform(-0.05, 0.05)))
                values["grid_x"], values["grid_y"] = grid_of(values["latitude"], values["longitude"])
            clones.append(Incident(**values))
        Incident.objects.bulk_create(clones, batch_size=2000)
        rows_sync(Incident.objects.filter(incident_id__endswith=f"-x{copy}"))
    cube_refresh()
    cells_refresh()
    print(f"  generated 9 copies of {len(real):,} incidents and rebuilt the cube: {time.perf_counter() - start:.1f} s")
    worst = measure("10×")
    met = worst < 50
    print(f"  goal totals p95 < 50 ms at 10×: {'met' if met else 'NOT met'} ({worst:.2f} ms)")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--one", help="run for this DATABASE_URL in this process (used by the driver)")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    if args.one:
        return 0 if run_one(args.one, args.repeat) else 1
    return run_on_both(__file__, repeat=args.repeat, postgres=args.postgres, database="migmon_bench_incidents")


if __name__ == "__main__":
    sys.exit(main())

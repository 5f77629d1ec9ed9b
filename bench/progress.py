"""Benchmark progress toward 2030: every area × series of the register with data, both methods, in one pass.

For each database (a throw-away SQLite file, and PostgreSQL when one answers at ``--postgres``), in one process:

1. migrate, load the geography and framework, seed the target register and import the bundled UN SDG files
   (``data/sdg-indicators-open-sdg-eca``) with the project's own commands;
2. time reading the register's observations alone (:func:`migmon.progress.selectors.read_observations`, the
   same query and rows the assessment uses) and the whole pass (:func:`migmon.progress.selectors.compute_table`:
   read, both methods for every area and series, region means, framework links), ``--repeat`` times each.

Prints the median times, the ratio pass ÷ read, and the number of units assessed. Goal: the pass < 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

from _on_both_databases import DEFAULT_POSTGRES, run_on_both

PROJECT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 2.0
BENCH_DATABASE = "migmon_bench_progress"


def median_seconds(function, repeat: int) -> float:
    function()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run_one(database_url: str, repeat: int) -> bool:
    """Load, then time reading alone and the full pass; returns whether the goal was met."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "migmon.config.settings.test"
    sys.path.insert(0, str(PROJECT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from migmon.progress.selectors import compute_table, read_observations, register_units

    out = StringIO()
    start = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=out)
    call_command("load_geography", stdout=out, stderr=out)
    call_command("load_framework", stdout=out, stderr=out)
    call_command("seed_progress_targets", stdout=out, stderr=out)
    files = sorted((PROJECT / "data" / "sdg-indicators-open-sdg-eca").glob("indicator_*.csv"))
    call_command("import_data", *[str(path) for path in files], stdout=out, stderr=out)
    print(f"loaded {len(files)} files in {time.perf_counter() - start:.1f} s")

    units = register_units()
    rows, corridor_rows = read_observations(units)
    table = compute_table()
    areas = {area for area, _ in table.results}
    print(
        f"{len(rows):,} observations and {len(corridor_rows):,} corridor costs read; "
        f"{len(table.results):,} area × unit assessments by both methods ({len(areas)} areas, "
        f"{len({key[0] for _, key in table.results})} series), {len(table.region_means):,} region means"
    )
    read = median_seconds(lambda: read_observations(register_units()), repeat)
    full = median_seconds(compute_table, repeat)
    print(f"read alone      {read * 1000:8.1f} ms (median of {repeat})")
    print(f"full pass       {full * 1000:8.1f} ms (median of {repeat})")
    print(f"ratio pass/read {full / read:8.2f}")
    met = full < GOAL_SECONDS
    print(f"goal < {GOAL_SECONDS:.0f} s: {'met' if met else 'NOT met'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--one", help="run for this DATABASE_URL in this process (used by the driver)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    if args.one:
        return 0 if run_one(args.one, args.repeat) else 1
    return run_on_both(__file__, repeat=args.repeat, postgres=args.postgres, database=BENCH_DATABASE)


if __name__ == "__main__":
    sys.exit(main())

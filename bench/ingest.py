"""Benchmark the import path (reader + loader) against the simplest possible bulk load of the same rows.

1. Learn the shape of the real data: every record of the bundled Open SDG extracts, the DESA 2024 destination
   workbook and the 2019 origin × destination CSV, read with the project's readers, gives the mix of series
   and dimension combinations (weighted by how many rows each has), a pool of real values per combination,
   and the years; areas and counterparts are the 248 countries of data/un-m49.
2. Generate tidy CSV files (migmon's national format, the one ``migmon export`` writes) of 10k, 100k and 1M
   distinct observations drawn from that mix (``BENCH_SIZES=10000,100000`` picks sizes).
3. For each database — a SQLite file, and PostgreSQL when one answers (a throw-away ``migmon_bench_<pid>``
   database, dropped at the end) — prepare a template once (migrate, load_geography, load_framework), then for
   each size, each in a fresh copy of the template and a fresh process:
   - **migmon**: ``release_import`` on the file (format detection, tidy CSV reader, area and dimension
     resolution, repeated-key checks, observations), in one transaction;
   - **baseline**: the same file parsed with ``csv`` and bulk-loaded into a plain table with the same columns
     (``executemany`` on SQLite, ``COPY`` through psycopg on PostgreSQL), in one transaction — the issue's
     baseline;
   - **same table**: the rows migmon wrote (ids already resolved, dumped to a CSV after its run) parsed the same
     simple way and bulk-loaded into migmon's own observation table, with its unique key and indexes. This is the
     floor for any loader that leaves the data queryable: its ratio to the baseline shows what the indexes cost,
     and migmon's ratio to it shows what migmon's own work (validation, resolution, checks) costs.
   - **re-import**: for the largest size, a second edition of the file (every tenth value changed) imported on
     top of the first: the compare path (existing values read back by key, changed and re-confirmed values
     updated, the replaced ones kept as revisions).
   - **memory check**: migmon alone on a file twice the largest size: memory must not grow with the file.
   Each prints rows/s and peak memory (max RSS of the process, and its growth during the import; on SQLite the
   growth includes the import's page cache, capped at 32 MiB).
   The reader alone (no database) is timed too, to show how the time splits between parsing and loading.

Goal: migmon rows/s ÷ baseline rows/s ≥ 0.5 and memory flat as the file grows.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"
PYTHON = sys.executable
MIGMON = str(Path(PYTHON).with_name("migmon"))
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",") if size]
COLUMNS = ("series", "area", "area_kind", "period", "value", "unit", "SEX", "AGE", "COMPOSITE_BREAKDOWN")
COLUMNS += ("COUNTERPART_AREA",)
TABLE_COLUMNS = ("series_id", "area_id", "period", "dimensions_id", "year", "value", "unit", "unit_multiplier")
TABLE_COLUMNS += ("nature", "footnote", "source", "release_id")
DIMENSIONS = ("SEX", "AGE", "COMPOSITE_BREAKDOWN", "COUNTERPART_AREA")


# -- 1. the shape of the real data ----------------------------------------------------------------------------


def real_profile() -> dict:
    sys.path.insert(0, str(PROJECT / "src"))
    from migmon.importers.detect import reader_for
    from migmon.importers.records import ObservationRecord

    files = sorted((DATA / "sdg-indicators-open-sdg-eca").glob("indicator_*.csv"))
    files += [
        DATA / "undesa-migrant-stock-2024" / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        DATA / "undesa-migrant-stock-od-2019-clean" / "UN_MigrantStockByOriginAndDestination_2019_clean.csv",
    ]
    weights: Counter = Counter()
    values: dict = defaultdict(list)
    years: set[int] = set()
    for path in files:
        for item in reader_for(path).read(path):
            if not isinstance(item, ObservationRecord) or item.value is None:
                continue
            dims = {name: code for name, code in item.dimensions if name in DIMENSIONS}
            combo = (
                item.series,
                item.unit or "",
                tuple(sorted((k, v) for k, v in dims.items() if k != "COUNTERPART_AREA")),
            )
            combo += ("COUNTERPART_AREA" in dims,)
            weights[combo] += 1
            if len(values[combo]) < 500:
                values[combo].append(str(item.value))
            years.add(int(item.period[:4]))
    with (DATA / "un-m49" / "UNSD-Methodology-M49.csv").open(encoding="utf-8-sig") as handle:
        countries = sorted(
            {row["ISO-alpha3 Code"] for row in csv.DictReader(handle, delimiter=";") if row["ISO-alpha3 Code"]}
        )
    return {"weights": weights, "values": values, "years": sorted(years), "countries": countries}


# -- 2. generated files ---------------------------------------------------------------------------------------


def generate(profile: dict, size: int, path: Path, seed: int = 2030) -> None:
    rng = random.Random(seed)
    combos = list(profile["weights"])
    weights = [profile["weights"][combo] for combo in combos]
    countries, years = profile["countries"], range(min(profile["years"]), max(profile["years"]) + 1)
    seen: set = set()
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        while len(seen) < size:
            for combo in rng.choices(combos, weights, k=min(50_000, size)):
                series, unit, dims, has_counterpart = combo
                area, year = rng.choice(countries), rng.choice(years)
                counterpart = rng.choice(countries) if has_counterpart else ""
                key = (series, dims, area, year, counterpart)
                if key in seen:
                    continue
                seen.add(key)
                codes = dict(dims)
                writer.writerow(
                    [series, area, "iso3", year, rng.choice(profile["values"][combo]), unit]
                    + [codes.get(name, "") for name in ("SEX", "AGE", "COMPOSITE_BREAKDOWN")]
                    + [counterpart]
                )
                if len(seen) == size:
                    break


# -- 3. runs, each in its own process -------------------------------------------------------------------------


def rss_kib() -> int:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited from the parent on exec)."""
    with open("/proc/self/status") as handle:
        for row in handle:
            if row.startswith("VmHWM:"):
                return int(row.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def current_rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def run_migmon(path: str, dump: str) -> dict:
    """Import ``path``; when ``dump`` is a path, write the observation rows there afterwards (not timed)."""
    import django

    django.setup()
    from django.db import connection

    from migmon.importers.detect import reader_for
    from migmon.indicators.services import FileSource, release_import

    source = FileSource(path, reader_for(path))  # the format is detected before the clock starts
    before = current_rss_kib()
    start = time.perf_counter()
    result = release_import(source=source)
    seconds = time.perf_counter() - start
    peak = rss_kib()
    assert result.added + result.changed + result.unchanged == result.records, result.message
    if dump:
        with connection.cursor() as cursor, open(dump, "w", newline="") as handle:
            cursor.execute(f"SELECT {', '.join(TABLE_COLUMNS)} FROM indicators_observation ORDER BY id")  # noqa: S608
            csv.writer(handle).writerows(cursor.fetchall())
    return {
        "rows": result.records,
        "seconds": seconds,
        "peak_kib": peak,
        "growth_kib": peak - before,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }


def run_same_table(path: str, url: str) -> dict:
    """The rows migmon wrote, parsed and bulk-loaded the simplest way into migmon's own observation table."""
    before = current_rss_kib()
    start = time.perf_counter()
    rows = 0
    with open(path, newline="") as handle:
        parsed = (
            (int(s), int(a), p, int(d), int(y), float(v) if v else None, u, int(m), n, f, src, int(r))
            for s, a, p, d, y, v, u, m, n, f, src, r in csv.reader(handle)
        )
        names = ", ".join(TABLE_COLUMNS)
        if url.startswith("sqlite"):
            import sqlite3

            db = sqlite3.connect(url.removeprefix("sqlite:///"))
            with db:
                marks = ", ".join("?" * len(TABLE_COLUMNS))
                sql = f"INSERT INTO indicators_observation ({names}) VALUES ({marks})"  # noqa: S608 - names are ours
                rows = db.executemany(sql, parsed).rowcount
            db.close()
        else:
            import psycopg

            with (
                psycopg.connect(url) as db,
                db.cursor().copy(f"COPY indicators_observation ({names}) FROM STDIN") as copy,
            ):
                for row in parsed:
                    copy.write_row(row)
                    rows += 1
    seconds = time.perf_counter() - start
    return {"rows": rows, "seconds": seconds, "peak_kib": rss_kib(), "growth_kib": rss_kib() - before}


def run_reader(path: str) -> dict:
    """The reader alone (detection, parsing, typed records), no database: the share of the time that parsing takes."""
    sys.path.insert(0, str(PROJECT / "src"))
    from migmon.importers.detect import reader_for
    from migmon.importers.records import ObservationBatch, ObservationRecord

    before = current_rss_kib()
    start = time.perf_counter()
    reader = reader_for(path)
    reader.check_duplicates = False  # as the loader reads: the database's unique key finds repeats
    rows = 0
    for item in reader.read(path, batches=True):
        if isinstance(item, ObservationBatch):
            rows += len(item)
        elif isinstance(item, ObservationRecord):
            rows += 1
    seconds = time.perf_counter() - start
    return {"rows": rows, "seconds": seconds, "peak_kib": rss_kib(), "growth_kib": rss_kib() - before}


def run_baseline(path: str, url: str) -> dict:
    before = current_rss_kib()
    start = time.perf_counter()
    columns = "series text, area text, area_kind text, period text, year integer, value double precision, unit text"
    columns += ", sex text, age text, composite text, counterpart text"
    rows = 0
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        parsed = (
            (s, a, k, p, int(p[:4]), float(v) if v else None, u, sx, ag, cb, cp)
            for s, a, k, p, v, u, sx, ag, cb, cp in reader
        )
        if url.startswith("sqlite"):
            import sqlite3

            db = sqlite3.connect(url.removeprefix("sqlite:///"))
            db.execute(f"CREATE TABLE bench_plain ({columns.replace('double precision', 'real')})")
            with db:
                cursor = db.executemany("INSERT INTO bench_plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", parsed)
                rows = cursor.rowcount
            db.close()
        else:
            import psycopg

            with psycopg.connect(url) as db:
                db.execute(f"CREATE TABLE bench_plain ({columns})")
                with db.cursor().copy("COPY bench_plain FROM STDIN") as copy:
                    for row in parsed:
                        copy.write_row(row)
                        rows += 1
    seconds = time.perf_counter() - start
    return {"rows": rows, "seconds": seconds, "peak_kib": rss_kib(), "growth_kib": rss_kib() - before}


def in_process(kind: str, url: str, path: Path, extra: str = "") -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "migmon.config.settings.test"}
    args = [PYTHON, __file__, "--run", kind, url, str(path), extra]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} run failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- databases ------------------------------------------------------------------------------------------------


class SqliteDatabases:
    name = "SQLite"

    def __init__(self, workdir: Path) -> None:
        self.template = workdir / "template.sqlite3"
        self.copy = workdir / "run.sqlite3"

    def prepare(self) -> None:
        prepare_template(f"sqlite:///{self.template}")

    def fresh(self) -> str:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.copy)
        return f"sqlite:///{self.copy}"

    def current(self) -> str:
        return f"sqlite:///{self.copy}"

    def close(self) -> None:
        pass


class PostgresDatabases:
    name = "PostgreSQL"

    def __init__(self) -> None:
        import psycopg

        self.psycopg = psycopg
        self.template = f"migmon_bench_{os.getpid()}"
        self.run = f"{self.template}_run"

    def admin(self, sql: str) -> None:
        with self.psycopg.connect(f"{PG}/postgres", autocommit=True) as db:
            db.execute(sql)  # type: ignore[arg-type]

    def prepare(self) -> None:
        self.admin(f"CREATE DATABASE {self.template}")
        prepare_template(f"{PG}/{self.template}")

    def fresh(self) -> str:
        self.admin(f"DROP DATABASE IF EXISTS {self.run} WITH (FORCE)")
        self.admin(f"CREATE DATABASE {self.run} TEMPLATE {self.template}")
        return f"{PG}/{self.run}"

    def current(self) -> str:
        return f"{PG}/{self.run}"

    def close(self) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {self.run} WITH (FORCE)")
        self.admin(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")


def prepare_template(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "migmon.config.settings.test"}
    for args in (["migrate", "--verbosity", "0"], ["load_geography"], ["load_framework"]):
        subprocess.run([MIGMON, *args, "--skip-checks"], env=env, check=True, capture_output=True)


def postgres_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect: say why and skip
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


def rate(run: dict) -> float:
    return run["rows"] / run["seconds"]


def second_edition(path: Path, out: Path) -> None:
    """The same observations with every tenth value changed: what a revised edition of a dataset looks like."""
    with path.open(newline="") as source, out.open("w", newline="") as target:
        reader, writer = csv.reader(source), csv.writer(target)
        writer.writerow(next(reader))
        for number, row in enumerate(reader):
            if number % 10 == 0:
                row[4] = str(float(row[4] or 0) + 1)
            writer.writerow(row)


def line(label: str, run: dict) -> str:
    return (
        f"  {label:<34} {run['rows']:>9,} rows {run['seconds']:>8.1f} s {rate(run):>10,.0f} rows/s  "
        f"peak RSS {run['peak_kib'] / 1024:>6.0f} MiB (+{run['growth_kib'] / 1024:.0f} MiB during the load)"
    )


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="migmon-bench-"))
    try:
        started = time.perf_counter()
        profile = real_profile()
        print(
            f"real mix: {len(profile['weights'])} series × dimension combinations from "
            f"{sum(profile['weights'].values()):,} real observations; {len(profile['countries'])} countries; "
            f"years {profile['years'][0]}–{profile['years'][-1]} ({time.perf_counter() - started:.0f} s)"
        )
        files = {}
        for size in [*SIZES, 2 * max(SIZES)]:
            files[size] = workdir / f"observations_{size}.csv"
            generate(profile, size, files[size])
            print(f"generated {files[size].name}: {files[size].stat().st_size / 1e6:.1f} MB")
        databases: list = [SqliteDatabases(workdir)]
        reason = postgres_available()
        if reason is None:
            databases.append(PostgresDatabases())
        else:
            print(f"PostgreSQL skipped: not reachable at {PG} ({reason})")
        for size in SIZES:
            print(line(f"{size:,}: reader only, no database", in_process("reader", "", files[size])))
        for database in databases:
            print(f"== {database.name}")
            database.prepare()
            try:
                for size in SIZES:
                    dump = workdir / f"written_{size}.csv"
                    ours = in_process("migmon", database.fresh(), files[size], str(dump))
                    base = in_process("baseline", database.fresh(), files[size])
                    floor = in_process("same-table", database.fresh(), dump)
                    print(line(f"{size:,}: migmon (reader + loader)", ours))
                    print(line(f"{size:,}: baseline (csv + bulk load)", base))
                    print(line(f"{size:,}: same rows into migmon's table", floor))
                    print(
                        f"  {size:,}: ratio migmon/baseline = {rate(ours) / rate(base):.2f} (goal ≥ 0.5); "
                        f"same-table/baseline = {rate(floor) / rate(base):.2f}; "
                        f"migmon/same-table = {rate(ours) / rate(floor):.2f}"
                    )
                    dump.unlink()
                    if size == max(SIZES):
                        edition = workdir / f"edition_{size}.csv"
                        second_edition(files[size], edition)
                        in_process("migmon", database.fresh(), files[size])
                        again = in_process("migmon", database.current(), edition)
                        print(line(f"{size:,}: re-import, 1 in 10 changed", again))
                        print(
                            f"  {size:,}: re-import changed {again['changed']:,}, re-confirmed {again['unchanged']:,}"
                        )
                double = 2 * max(SIZES)
                print(line(f"{double:,}: migmon, memory check", in_process("migmon", database.fresh(), files[double])))
            finally:
                database.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--run":
        kind, url, path, extra = sys.argv[2:6]
        if kind == "migmon":
            outcome = run_migmon(path, extra)
        elif kind == "reader":
            outcome = run_reader(path)
        elif kind == "same-table":
            outcome = run_same_table(path, url)
        else:
            outcome = run_baseline(path, url)
        print(json.dumps(outcome))
    else:
        main()

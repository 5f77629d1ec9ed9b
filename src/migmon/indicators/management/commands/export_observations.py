"""``migmon export``: observations of one or more series as tidy CSV, JSON or SDMX-CSV."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from migmon.geo.models import Area
from migmon.indicators.exporters import EXPORTERS, exporter_for
from migmon.indicators.models import Series
from migmon.indicators.selectors import observations_for


def _split(values: list[str] | None) -> list[str]:
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


class Command(BaseCommand):
    # Data commands need the database only; URL and template checks belong to `migmon check`.
    requires_system_checks: list[str] = []
    help = "Export observations (current values) of series, optionally for some areas and years."

    def add_arguments(self, parser):
        parser.add_argument("--series", action="append", required=True, help="series code(s), repeat or comma-separate")
        parser.add_argument(
            "--area", action="append", help="area code(s) (ISO alpha-3, M49 for regions); all if omitted"
        )
        parser.add_argument("--start", type=int, help="first year")
        parser.add_argument("--end", type=int, help="last year")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="csv", dest="fmt")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, series, area, start, end, fmt, output, **options):
        codes = _split(series)
        known = set(Series.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise CommandError(f"unknown series {', '.join(unknown)}")
        areas = _split(area)
        if areas:
            found = set(Area.objects.filter(code__in=areas).values_list("code", flat=True))
            missing = [code for code in areas if code not in found]
            if missing:
                raise CommandError(f"unknown area code(s) {', '.join(missing)} (use ISO alpha-3 or M49 for regions)")
        if start is not None and end is not None and start > end:
            raise CommandError(f"--start {start} is after --end {end}")
        observations = observations_for(series=codes, areas=areas or None, start=start, end=end)
        exported = exporter_for(fmt)(observations, name="-".join(codes).lower()).render()
        if output:
            try:
                with Path(output).open("wb") as handle:
                    for chunk in exported.content:
                        handle.write(chunk)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}") from None
            self.stderr.write(f"wrote {output} ({fmt})")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            binary = getattr(stream, "buffer", None)
            for chunk in exported.content:
                if binary is not None:
                    binary.write(chunk)
                else:
                    stream.write(chunk.decode())
            stream.flush()

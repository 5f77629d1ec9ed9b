"""``migmon export``: observations of one or more series as tidy CSV, JSON, SDMX-CSV or SDMX-ML.

The options are the one observation query's (:class:`migmon.indicators.selectors.ObservationQuery`): areas by
any code or name, dimension filters as ``--dimension sex=F``, the same rows the API and the pages give.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from migmon.indicators.exporters import EXPORTERS, exporter_for
from migmon.indicators.sdmx import SdmxRefused
from migmon.indicators.selectors import ObservationQuery, QueryError, observations


def _split(values: list[str] | None) -> list[str]:
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def _areas(values: list[str] | None) -> list[str]:
    """Areas, repeated or comma-separated (``LBY,ITA``); a value with spaces is one name ("China, Hong Kong SAR")."""
    return [area for value in values or [] for area in (_split([value]) if " " not in value else [value.strip()])]


#: Query parameter → the option that gives it, for error messages.
_OPTIONS = {
    "series": "series",
    "area": "area",
    "start": "start",
    "end": "end",
    "release": "release",
    "reporting_type": "reporting-type",
}


def _dimensions(values: list[str] | None) -> dict[str, list[str]]:
    """``["sex=F", "sex=M", "age=Y0T17"]`` → ``{"sex": ["F", "M"], "age": ["Y0T17"]}``."""
    filters: dict[str, list[str]] = {}
    for value in values or []:
        name, sep, code = value.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"--dimension {value!r}: write NAME=CODE, e.g. sex=F")
        filters.setdefault(name.strip(), []).append(code.strip())
    return filters


class Command(BaseCommand):
    # Data commands need the database only; URL and template checks belong to `migmon check`.
    requires_system_checks: list[str] = []
    help = "Export observations (current values) of series, optionally for some areas and years."

    def add_arguments(self, parser):
        parser.add_argument("--series", action="append", required=True, help="series code(s), repeat or comma-separate")
        parser.add_argument(
            "--area", action="append", help="area(s): M49 (434), ISO alpha-3 or alpha-2, or a name; all if omitted"
        )
        parser.add_argument("--start", type=int, help="first year")
        parser.add_argument("--end", type=int, help="last year")
        parser.add_argument(
            "--dimension",
            action="append",
            metavar="NAME=CODE",
            help="dimension filter, e.g. sex=F or counterpart_area=THA (_T: no breakdown); repeat",
        )
        parser.add_argument("--release", type=int, help="only the values this release set")
        parser.add_argument(
            "--reporting-type",
            action="append",
            metavar="CODE",
            help="who reported: G global, N national, R regional; repeat or comma-separate (default: all)",
        )
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="csv", dest="fmt")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, series, area, start, end, dimension, release, reporting_type, fmt, output, **options):
        codes = _split(series)
        query = ObservationQuery(
            series=codes,
            areas=_areas(area),
            start=start,
            end=end,
            dimensions=_dimensions(dimension),
            release=release,
            reporting_types=_split(reporting_type),
        )
        try:
            selected = observations(query)  # resolves every input now, so errors come before any output
        except QueryError as error:
            raise CommandError(f"--{_OPTIONS.get(error.parameter, 'dimension')}: {error.message}") from None
        try:
            exported = exporter_for(fmt)(selected, name="-".join(codes).lower()).render()
        except SdmxRefused as refusal:
            raise CommandError(f"--format {fmt}: {refusal}") from None
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

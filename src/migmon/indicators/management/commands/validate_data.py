"""``migmon validate FILE…``: every problem of each file, without writing anything; a table or ``--format json``.

The command runs one *mode*: judging files is the default; another mode (a selection of stored observations
checked against the SDMX DSD, say) is one more :class:`Mode` in :data:`MODES`, with its own options, returning
the same :class:`~migmon.indicators.validation.ValidationReport` items, printed the same way. The exit status is
non-zero when any report has an error, so a script or CI job can stop before importing or sending.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Protocol

from django.core.management.base import BaseCommand, CommandError
from lxml import etree
from rich.table import Table
from rich.text import Text

from migmon.importers import dsd
from migmon.importers.shown import escaped
from migmon.importers.values import ValueRuleError
from migmon.indicators import sdmx_validation
from migmon.indicators.management.commands._output import console_for
from migmon.indicators.management.commands.export_observations import _areas, _dimensions, _split
from migmon.indicators.management.commands.import_data import add_read_options, expand_folder
from migmon.indicators.selectors import ObservationQuery, QueryError, observations
from migmon.indicators.services import read_options
from migmon.indicators.validation import ValidationReport, files_validate


class Mode(Protocol):
    """One kind of validation: its options, whether the command line chose it, and its reports."""

    name: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def chosen(self, options: dict[str, Any]) -> bool: ...

    def reports(self, options: dict[str, Any]) -> list[ValidationReport]: ...


class FilesMode:
    """``migmon validate FILE… [--area CODE] [--series CODE]``: each file read and imported, then rolled back."""

    name = "files"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="FILE", help="files to validate (any format migmon imports)")
        add_read_options(parser)

    def chosen(self, options: dict[str, Any]) -> bool:
        return bool(options.get("paths"))

    def reports(self, options: dict[str, Any]) -> list[ValidationReport]:
        try:
            given = read_options(area=options.get("area"), series=options.get("series"))
        except ValueRuleError as bad:
            raise CommandError(escaped(str(bad))) from None
        paths = [path for raw in options["paths"] for path in expand_folder(Path(raw))]
        return files_validate(paths, options=given)


class SdmxMode:
    """``migmon validate --sdmx``: the pre-submission check against the global SDG DSD and its content constraints
    (:mod:`migmon.indicators.sdmx_validation`). With files, each SDMX-ML message as it stands; without, the
    stored observations that ``migmon export --format sdmx-ml`` would write for the same selection (``--series``
    and ``--area`` then take several codes, comma-separated)."""

    name = "sdmx"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--sdmx",
            action="store_true",
            help="check SDMX-ML files, or the selection (--series, --area, --start, --end, --dimension, --release), "
            "against the SDG DSD and its per-series content constraints",
        )
        parser.add_argument("--start", type=int, help="with --sdmx: first year of the selection")
        parser.add_argument("--end", type=int, help="with --sdmx: last year of the selection")
        parser.add_argument(
            "--dimension", action="append", metavar="NAME=CODE", help="with --sdmx: dimension filter, e.g. sex=F"
        )
        parser.add_argument("--release", type=int, help="with --sdmx: only the values this release set")

    def chosen(self, options: dict[str, Any]) -> bool:
        return bool(options.get("sdmx"))

    def reports(self, options: dict[str, Any]) -> list[ValidationReport]:
        ref = dsd.structure().ref
        if options.get("paths"):
            return [self.message_report(Path(raw), ref) for raw in options["paths"]]
        query = ObservationQuery(
            series=_split([options["series"]] if options.get("series") else []),
            areas=_areas([options["area"]] if options.get("area") else []),
            start=options.get("start"),
            end=options.get("end"),
            dimensions=_dimensions(options.get("dimension")),
            release=options.get("release"),
        )
        if not query.series:
            raise CommandError("--sdmx: give SDMX-ML files, or the selection to check with --series")
        try:
            selected = observations(query)
        except QueryError as error:
            raise CommandError(escaped(f"--{error.parameter}: {error.message}")) from None
        subject = " ".join(f"{name}={value}" for name, value in query.parameters())
        facts = {"dsd": ref, "observations": selected.count()}
        problems = sdmx_validation.selection_check(selected)
        return [ValidationReport(subject, "sdmx-selection", sdmx_validation.COLUMNS, facts, problems)]

    @staticmethod
    def message_report(path: Path, ref: str) -> ValidationReport:
        report = ValidationReport(path.name, "sdmx-message", sdmx_validation.COLUMNS, {"dsd": ref})
        try:
            report.problems = sdmx_validation.message_check(path)
        except (OSError, etree.XMLSyntaxError) as unreadable:
            report.problems = [sdmx_validation.problem(None, "", None, f"not a readable SDMX-ML message: {unreadable}")]
        return report


#: The validation modes, in the order their choice is tried; the files mode is the default.
MODES: tuple[Mode, ...] = (SdmxMode(), FilesMode())


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Report every problem of data files (file, row or element, column, value, rule) without importing "
        "anything; exit status 1 when a file has errors."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        for mode in MODES:
            mode.add_arguments(parser)
        parser.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")

    def handle(self, *args: Any, **options: Any) -> None:
        mode = next((mode for mode in MODES if mode.chosen(options)), None)
        if mode is None:
            raise CommandError("nothing to validate: give one or more files, or --sdmx and a selection")
        reports = mode.reports(options)
        if options["format"] == "json":
            body = {"mode": mode.name, "reports": [report.as_json() for report in reports]}
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2, default=str))
        else:
            console = console_for(self)
            for report in reports:
                console.print(report_table(report))
        failed = [report for report in reports if report.errors]
        if failed:
            errors = sum(report.errors for report in failed)
            names = ", ".join(report.subject for report in failed)
            raise CommandError(escaped(f"{errors} error(s) in {len(failed)} of {len(reports)}: {names}"))


def report_table(report: ValidationReport) -> Table:
    """One table per subject: its facts in the title, one row per problem (or a line saying there is none)."""
    facts = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in report.facts.items())
    counts = f"{report.errors} error(s), {report.warnings} warning(s)"
    title = Text(escaped(f"{report.subject}: {counts}" + (f" ({facts})" if facts else "")))
    table = Table(title=title, title_justify="left")
    columns = [column for column in report.columns if any(problem.get(column) for problem in report.problems)]
    for column in columns or ["rule"]:
        table.add_column(column, overflow="fold")
    for problem in report.problems:
        table.add_row(
            *(Text(escaped("" if problem.get(column) is None else str(problem[column]))) for column in columns)
        )
    if not report.problems:
        table.add_row("no problem found")
    return table

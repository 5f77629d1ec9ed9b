"""``manage.py import_incidents PATH…``: import IOM Missing Migrants files (format detected from content)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from migmon.importers.errors import UnreadableFile
from migmon.incidents.imports import ImportRefused, ImportReport, incidents_import


def parse_when(text: str) -> datetime:
    """``2025-06-26`` or ``2025-06-26T12:00`` (UTC) → an aware datetime."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--exported-at: {text!r} is not a date such as 2025-06-26") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def print_report(console: Console, reports: list[ImportReport]) -> None:
    """The summary table every import command prints."""
    table = Table(title="Missing Migrants imports")
    for column in ("file", "exported", "added", "changed", "unchanged", "skipped (older)", "withdrawn", "warnings"):
        table.add_column(column, justify="left" if column in ("file", "exported") else "right")
    for report in reports:
        exported = report.file.exported_at.strftime("%Y-%m-%d") if report.file.exported_at else "?"
        skipped = len(report.skipped_older) + len(report.skipped_absent)
        table.add_row(
            report.file.path.name + (" (already imported)" if report.already_imported else ""),
            f"{exported} ({report.file.exported_at_basis})",
            str(report.added),
            str(report.changed),
            str(report.unchanged),
            str(skipped),
            str(len(report.withdrawn)),
            str(len(report.file.warnings)),
        )
    console.print(table)
    for report in reports:
        for item in report.skipped_older[:10]:
            console.print(
                f"skipped {item['incident']}: {', '.join(item['fields'])} — the register holds values as of "
                f"{item['kept_as_of'][:10]}, newer than this export"
            )
        if len(report.skipped_older) > 10:
            console.print(f"… and {len(report.skipped_older) - 10} more incidents with newer values kept")
        if report.skipped_absent:
            console.print(
                f"skipped {len(report.skipped_absent)} incident(s) a newer export of their year no longer has: "
                + ", ".join(report.skipped_absent[:10])
            )


class Command(BaseCommand):
    help = "Import IOM Missing Migrants files (allData XLSX, website CSV export, API JSON); newer exports win."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--exported-at", help="when the file was exported (default: read from the file)")
        parser.add_argument(
            "--supersede",
            action="store_true",
            help="the file is complete for its years: withdraw older imported incidents it no longer has",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and compare, then roll back")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), force_terminal=False, width=140)
        exported_at = parse_when(options["exported_at"]) if options["exported_at"] else None
        reports = []
        for path in options["paths"]:
            reports.append(
                import_one(
                    console, path, exported_at=exported_at, supersede=options["supersede"], dry=options["dry_run"]
                )
            )
        print_report(console, reports)


def import_one(
    console: Console,
    path: Path,
    *,
    exported_at: datetime | None,
    supersede: bool,
    dry: bool,
    basis: str = "given on the command line",
    refresh: bool = True,
) -> ImportReport:
    """Import one file with a progress bar; bad input becomes a one-line CommandError, never a traceback."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"{path.name}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            return incidents_import(
                path=path,
                exported_at=exported_at,
                exported_at_basis=basis,
                supersede=supersede,
                dry_run=dry,
                progress=advance,
                refresh=refresh,
            )
        except ImportRefused as exc:
            for problem in exc.problems[:50]:
                console.print(str(problem))
            raise CommandError(str(exc)) from None
        except UnreadableFile as exc:
            raise CommandError(str(exc)) from None

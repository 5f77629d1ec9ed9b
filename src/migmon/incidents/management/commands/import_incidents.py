"""``manage.py import_incidents PATH…``: ``migmon import`` for Missing Migrants files, with their two options.

A thin alias: each file goes through :func:`migmon.incidents.file_import.register_import`, exactly as
``migmon import`` sends it, and the summary is ``migmon import``'s table. What it adds is what only these files
need: ``--exported-at`` (when the file itself does not say) and ``--supersede`` (the file is complete for its
years, so older incidents it no longer has are withdrawn).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migmon.incidents.file_import import register_import
from migmon.indicators.management.commands._output import console_for
from migmon.indicators.management.commands.import_data import SHOWN_PROBLEMS, summary_table
from migmon.indicators.services import ImportFailed, ImportResult


def parse_when(text: str) -> datetime:
    """``2025-06-26`` or ``2025-06-26T12:00`` (UTC) → an aware datetime."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--exported-at: {text!r} is not a date such as 2025-06-26") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def import_files(
    command: BaseCommand, imports: list[tuple[Path, dict[str, Any]]], *, dry_run: bool
) -> list[ImportResult]:
    """Import each (file, options) in order, print ``migmon import``'s summary, fail with the first refusal."""
    results: list[tuple[str, ImportResult | ImportFailed]] = []
    for path, options in imports:
        try:
            outcome: ImportResult | ImportFailed = register_import(path, dry_run=dry_run, **options)
        except ImportFailed as failure:
            outcome = failure
            for message in failure.problems[:SHOWN_PROBLEMS]:
                command.stderr.write(message)
        results.append((path.name, outcome))
    console_for(command).print(summary_table(results, dry_run=dry_run))
    failures = [outcome for _, outcome in results if isinstance(outcome, ImportFailed)]
    if failures:
        raise CommandError(str(failures[0]))
    return [outcome for _, outcome in results if isinstance(outcome, ImportResult)]


class Command(BaseCommand):
    requires_system_checks: list[str] = []
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
        given: dict[str, Any] = {"supersede": options["supersede"]}
        if options["exported_at"]:
            given["exported_at"] = parse_when(options["exported_at"])
        import_files(self, [(path, given) for path in options["paths"]], dry_run=options["dry_run"])

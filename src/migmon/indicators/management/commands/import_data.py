"""``migmon import PATH…``: import files as releases, with a progress bar and a summary table.

Every format goes through here, the IOM Missing Migrants exports included: those hold incidents, which go to
the incidents register (:mod:`migmon.incidents.file_import`) and are reported in the same table.

File names and messages come from the files: every line printed has its control characters escaped
(:mod:`migmon.importers.shown`), and Rich never reads them as markup (table cells are ``Text``, the progress
description is markup-escaped), so a name such as ``\x1b[2J[bold]x`` is shown, not obeyed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table
from rich.text import Text

from migmon.core.sqlite_writes import checkpoint, one_import_at_a_time
from migmon.importers.detect import missing_migrants_reader_for
from migmon.importers.errors import UnreadableFile
from migmon.importers.shown import escaped
from migmon.importers.values import ValueRuleError
from migmon.indicators.management.commands._output import console_for, import_progress
from migmon.indicators.services import (
    FileSource,
    ImportFailed,
    ImportResult,
    ReadOptions,
    read_options,
    release_import,
)

SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    # Data commands need the database only; URL and template checks belong to `migmon check`.
    requires_system_checks: list[str] = []
    help = (
        "Import data files (format detected from the content) as releases: all of a file or nothing. "
        "Re-importing a file already imported is a no-op."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="files to import, in order; a folder stands for its CSV files (an Open SDG data repository: the "
            "CSVs of its data/ folder), one release per file",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and compare everything, then roll back")
        parser.add_argument(
            "--keep-going",
            action="store_true",
            help="reject bad rows (kept in the release's problems), import the rest",
        )
        add_read_options(parser)

    def handle(
        self,
        *args,
        paths: list[str],
        dry_run: bool,
        keep_going: bool,
        area: str | None,
        series: str | None,
        **options,
    ):
        console = console_for(self)
        paths = [str(path) for raw in paths for path in expand_folder(Path(raw))]
        try:
            given = read_options(area=area, series=series)
        except ValueRuleError as bad:
            raise CommandError(escaped(str(bad))) from None
        with one_import_at_a_time(
            f"migmon import {' '.join(Path(p).name for p in paths)[:200]}", notify=self.stderr.write
        ):
            results = self.import_paths(paths, console, dry_run=dry_run, keep_going=keep_going, given=given)
            checkpoint()
        console.print(summary_table(results, dry_run=dry_run))
        failures = [outcome for _, outcome in results if isinstance(outcome, ImportFailed)]
        if failures:
            first = failures[0]
            others = f" ({len(failures) - 1} other file(s) failed too)" if len(failures) > 1 else ""
            raise CommandError(escaped(f"{first.shown_summary()}{others}"))

    def import_paths(
        self, paths: list[str], console: Any, *, dry_run: bool, keep_going: bool, given: Any
    ) -> list[tuple[str, ImportResult | ImportFailed]]:
        """Each file as its own release (its own transaction), in order."""
        results: list[tuple[str, ImportResult | ImportFailed]] = []
        for raw in paths:
            path = Path(raw)
            if not path.is_file():
                results.append((path.name, ImportFailed(path.name, [f"{escaped(raw)}: no such file"])))
                continue
            with import_progress(console) as progress:
                task = progress.add_task(escape(escaped(path.name)), total=None)

                def advance(count: int, task: TaskID = task) -> None:
                    progress.advance(task, count)

                try:
                    outcome: ImportResult | ImportFailed = import_file(
                        path, dry_run=dry_run, keep_going=keep_going, progress=advance, options=given
                    )
                except ImportFailed as failure:
                    outcome = failure
                done = progress.tasks[0].completed or 1
                progress.update(task, total=done, completed=done)
            results.append((path.name, outcome))
            if isinstance(outcome, ImportFailed):
                for message in outcome.shown()[:SHOWN_PROBLEMS]:
                    self.stderr.write(escaped(message))
                if outcome.total > SHOWN_PROBLEMS:
                    self.stderr.write(f"… {outcome.total - SHOWN_PROBLEMS} more problem(s)")
        return results


def expand_folder(path: Path) -> list[Path]:
    """A file as it is; a folder as its CSV files in name order (an Open SDG data repository: its ``data/``)."""
    if not path.is_dir():
        return [path]
    folder = path / "data" if (path / "data").is_dir() else path
    return sorted(child for child in folder.glob("*.csv") if child.is_file())


def add_read_options(parser) -> None:
    """``--area`` and ``--series``: what a file may not say itself (shared by ``import`` and ``validate``)."""
    parser.add_argument(
        "--area",
        metavar="CODE",
        help="area of observations whose file names none (a national Open SDG CSV, REF_AREA=_T in SDMX): any "
        "code or name, e.g. GBR, 826, United Kingdom; default: the MIGMON_NATIONAL_AREA setting",
    )
    parser.add_argument(
        "--series",
        metavar="CODE",
        help="SDG series of observations whose file names none (SERIES=_T, an Open SDG CSV without a Series "
        "column for an indicator of several series)",
    )


def import_file(
    path: Path,
    *,
    dry_run: bool,
    keep_going: bool,
    progress: Callable[[int], None],
    options: ReadOptions | None = None,
) -> ImportResult:
    """One file, to the store its format belongs to: a Missing Migrants export to the incidents register (its
    own rules: newest values win; nothing is rejected row by row), any other format to the statistics store,
    read with the importer's ``options`` (``--area``, ``--series``)."""
    try:
        incidents = missing_migrants_reader_for(path) is not None
    except UnreadableFile as unreadable:
        raise ImportFailed(path.name, [str(unreadable)]) from None
    if incidents:
        from migmon.incidents.file_import import register_import  # the command is where the two stores meet

        return register_import(path, dry_run=dry_run, progress=progress)
    source = FileSource(path, options=options or ReadOptions())
    return release_import(source=source, dry_run=dry_run, keep_going=keep_going, progress=progress)


def summary_table(results: list[tuple[str, ImportResult | ImportFailed]], *, dry_run: bool) -> Table:
    """One row per file: dataset, counts and what happened."""
    table = Table(title="Import (dry run: nothing kept)" if dry_run else "Import")
    for column in ("file", "dataset", "added", "changed", "unchanged", "rejected", "status"):
        table.add_column(column, justify="right" if column in {"added", "changed", "unchanged", "rejected"} else "left")
    for name, outcome in results:
        shown = Text(escaped(name))  # a Text cell is never parsed as markup
        if isinstance(outcome, ImportFailed):
            table.add_row(shown, "", "", "", "", "", f"failed: {outcome.total} problem(s)")
            continue
        status = outcome.status
        if outcome.release is not None:
            status += f" (release #{outcome.release.pk})"
        table.add_row(
            shown,
            Text(escaped(outcome.dataset)),
            f"{outcome.added:,}",
            f"{outcome.changed:,}",
            f"{outcome.unchanged:,}",
            f"{outcome.rejected:,}",
            Text(escaped(status)),
        )
    return table

"""A Missing Migrants file through ``migmon import``: the register's import, reported as the loader reports.

``migmon import`` reads every format with one command: it asks :mod:`migmon.importers.detect` whether a file
is a Missing Migrants export and, if so, hands it here instead of to the statistics store's loader. The answer
is the loader's own :class:`~migmon.indicators.services.ImportResult` (or :class:`ImportFailed`), so the
command prints the same summary table for both kinds of file; what only the register does (values kept because
the register's are newer, incidents withdrawn by a complete newer export) is said in the status.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from migmon.importers.errors import UnreadableFile
from migmon.incidents.imports import ImportRefused, ImportReport, incidents_import
from migmon.indicators.services import ImportFailed, ImportResult, ImportStatus

#: What the summary table's "dataset" column says for a Missing Migrants file.
REGISTER = "missing-migrants register"


def register_import(
    path: str | Path,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    exported_at: datetime | None = None,
    exported_at_basis: str = "given on the command line",
    supersede: bool = False,
    actor: Any = None,
    refresh: bool = True,
) -> ImportResult:
    """Import one Missing Migrants file into the register; ImportFailed (naming row, column, value) if refused.

    ``progress`` gets the number of incidents handled since its last call, as the loader's progress does.
    """
    path = Path(path)
    done = 0

    def advance(count: int, total: int) -> None:
        nonlocal done
        if progress is not None:
            progress(count - done)
        done = count

    try:
        report = incidents_import(
            path=path,
            exported_at=exported_at,
            exported_at_basis=exported_at_basis,
            supersede=supersede,
            actor=actor,
            dry_run=dry_run,
            progress=advance,
            refresh=refresh,
        )
    except ImportRefused as refused:
        raise ImportFailed(path.name, [str(problem) for problem in refused.problems]) from None
    except UnreadableFile as unreadable:
        raise ImportFailed(path.name, [str(unreadable)]) from None
    return result_of(report, dry_run=dry_run)


def result_of(report: ImportReport, *, dry_run: bool) -> ImportResult:
    """The register's report as one row of the import summary."""
    if report.already_imported:
        status = ImportStatus.NO_OP
    else:
        status = ImportStatus.DRY_RUN if dry_run else ImportStatus.IMPORTED
    exported = report.file.exported_at
    notes = [f"exported {exported:%Y-%m-%d}" if exported else "export date unknown"]
    kept = len(report.skipped_older) + len(report.skipped_absent)
    if kept:
        notes.append(f"{kept} skipped: the register holds newer values")
    if report.withdrawn:
        notes.append(f"{len(report.withdrawn)} withdrawn: absent from this newer export")
    if report.far_points:
        notes.append(f"{len(report.far_points)} placed far outside their country: flagged for review")
    if report.file.warnings:
        notes.append(f"{len(report.file.warnings)} warning(s)")
    return ImportResult(
        file=report.file.path.name,
        dataset=REGISTER,
        status=f"{status} ({'; '.join(notes)})",
        added=report.added,
        changed=report.changed,
        unchanged=report.unchanged,
        records=len(report.file.records),
        message="; ".join(problem.message for problem in report.file.warnings[:5]),
    )

"""``migmon validate``: every problem of what would be imported or sent, reported and never kept.

A validation answers with :class:`ValidationReport` items, one per thing judged (a file; a later mode may judge
a selection of stored observations against the SDMX DSD). Each report names its subject, says a few facts
about it (format, dataset, what an import would change) and lists every problem as a dict whose keys are the
report's ``columns``, so the command prints any mode as a table or as JSON without knowing it.

:func:`files_validate` judges files: the whole import runs (:func:`~migmon.indicators.loader.release_check`:
the reader, then the loader's checks of series, areas and duplicates) and is rolled back. Missing Migrants
exports are read by their reader alone (the register has no row-level refusals to add).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migmon.importers.detect import missing_migrants_reader_for, read_incidents
from migmon.importers.errors import UnreadableFile
from migmon.importers.options import NO_OPTIONS, ReadOptions
from migmon.importers.records import rule_shown
from migmon.importers.sources import FileSource
from migmon.indicators.loader import ImportFailed, release_check

#: What a file problem says: where (file, row or XML element, column), the value and the rule broken.
FILE_COLUMNS = ("severity", "file", "row", "element", "column", "value", "rule")


@dataclass
class ValidationReport:
    """What one validation found about one subject: facts, and problems keyed by ``columns``."""

    subject: str
    kind: str
    columns: tuple[str, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.get("severity") == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.get("severity") == "warning")

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "kind": self.kind,
            **self.facts,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": self.problems,
        }


def files_validate(paths: Iterable[Path], *, options: ReadOptions = NO_OPTIONS) -> list[ValidationReport]:
    """One report per file, in order; nothing is written (each import is rolled back)."""
    return [file_validate(path, options=options) for path in paths]


def file_validate(path: Path, *, options: ReadOptions = NO_OPTIONS) -> ValidationReport:
    """Every problem of one file, and what importing it would change."""
    report = ValidationReport(subject=path.name, kind="file", columns=FILE_COLUMNS)
    if not path.is_file():
        report.problems.append(_whole_file(path.name, "no such file"))
        return report
    try:
        incidents = missing_migrants_reader_for(path) is not None
    except UnreadableFile as unreadable:
        report.problems.append(_whole_file(path.name, str(unreadable)))
        return report
    if incidents:
        read = read_incidents(path)
        report.facts = {"format": read.format_name, "dataset": "iom-missing-migrants", "records": len(read.records)}
        report.problems = [_shown(problem.stored()) for problem in read.problems]
        return report
    source = FileSource(path, options=options)
    try:
        result = release_check(source=source)
    except ImportFailed as failed:
        report.problems = [_whole_file(path.name, message) for message in failed.problems]
        return report
    report.facts = {
        "format": source.format_name,
        "dataset": result.dataset,
        "records": result.records,
        "would_add": result.added,
        "would_change": result.changed,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
    }
    report.problems = [_shown(problem) for problem in result.problems]
    return report


def _whole_file(name: str, message: str) -> dict[str, Any]:
    """A problem of the file as a whole (unreadable, unknown format): no row, column or value."""
    prefix = f"{name}: "
    rule = message[len(prefix) :] if message.startswith(prefix) else message
    return dict.fromkeys(FILE_COLUMNS) | {"severity": "error", "file": name, "rule": rule}


def _shown(problem: dict[str, Any]) -> dict[str, Any]:
    """A kept problem with its rule in the active language and only the report's columns."""
    shown = {column: problem.get(column) for column in FILE_COLUMNS}
    shown["rule"] = rule_shown(problem)
    return shown

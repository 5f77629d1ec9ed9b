"""Shared helpers for the reader tests."""

from __future__ import annotations

from pathlib import Path

from migmon.importers.base import Reader
from migmon.importers.records import ObservationRecord, Problem


def read_all(reader: Reader, path: Path) -> tuple[list[ObservationRecord], list[Problem]]:
    """Everything a reader yields for one file, split into records and problems (in file order)."""
    records: list[ObservationRecord] = []
    problems: list[Problem] = []
    for item in reader.read(path):
        if isinstance(item, ObservationRecord):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def messages(problems: list[Problem]) -> list[str]:
    """The one-line messages of some problems."""
    return [problem.message for problem in problems]

"""The bookkeeping of one import: what it added, changed and rejected, and the problems it met.

Problems are kept as the messages ``Release.problems`` stores (the first :data:`MAX_KEPT_PROBLEMS`, then a
count), errors counted once per rejected row, so a file with a million bad rows keeps a bounded list.
"""

from __future__ import annotations

from typing import Any

from migmon.importers.records import Problem, error
from migmon.indicators.release_rows import Origin, record_of

#: Problems kept in ``Release.problems`` and in an ImportFailed message list; the rest are counted.
MAX_KEPT_PROBLEMS = 1000


class ReleaseBook:
    """Counters and kept problems of one import."""

    def __init__(self, *, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.added = self.changed = self.unchanged = self.rejected = self.records = 0
        self.errors = 0
        self.problems: list[dict[str, Any]] = []
        self.problem_count = 0
        self._rejected_places: set[tuple[Any, ...]] = set()

    def keep(self, problem: Problem) -> None:
        self.problem_count += 1
        if problem.severity == "error":
            self.errors += 1
            place = (problem.location.file, problem.location.row, problem.location.element)
            if place not in self._rejected_places:
                self._rejected_places.add(place)
                self.rejected += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            location = problem.location
            self.problems.append(
                {
                    "severity": problem.severity,
                    "file": location.file,
                    "row": location.row,
                    "element": location.element,
                    "column": problem.column,
                    "value": problem.value,
                    "rule": problem.rule,
                    "message": problem.message,
                }
            )

    def refuse(self, origin: Origin, column: str, value: object, rule: str) -> None:
        """Reject one observation with an error naming its place, column, value and rule."""
        self.keep(error(record_of(origin).location, column, value, rule))

    def kept_problems(self) -> list[dict[str, Any]]:
        """Problems for ``Release.problems``: the first MAX_KEPT_PROBLEMS, then a count of the rest."""
        if self.problem_count > len(self.problems):
            omitted = self.problem_count - len(self.problems)
            return [*self.problems, {"severity": "info", "message": f"{omitted} more problem(s) not kept"}]
        return list(self.problems)

    def error_messages(self) -> list[str]:
        return [p["message"] for p in self.problems if p["severity"] == "error"]

    @property
    def writing(self) -> bool:
        """After a first error (without keep_going) nothing more is written: the import will be refused
        anyway; the rest of the source is still read so that every problem is reported at once."""
        return self.keep_going or self.errors == 0

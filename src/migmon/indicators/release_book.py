"""The bookkeeping of one import: what it added, changed and rejected, and the problems it met.

Problems are kept as the messages ``Release.problems`` stores (at most ``MIGMON_IMPORT_MAX_PROBLEMS``, then a
count), errors counted once per rejected row, so a file with a million bad rows keeps a bounded list. Errors and
warnings are kept apart, each up to the bound, so that a thousand warnings never hide the error that refuses the
import.
"""

from __future__ import annotations

from typing import Any

from migmon.importers import limits
from migmon.importers.records import Problem, error
from migmon.indicators.release_rows import Origin, record_of


class ReleaseBook:
    """Counters and kept problems of one import."""

    def __init__(self, *, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.added = self.changed = self.unchanged = self.rejected = self.records = 0
        self.errors = 0
        self.max_kept = limits.PROBLEMS.value()
        #: Kept problems in file order: at most ``max_kept`` errors and ``max_kept`` warnings.
        self.problems: list[dict[str, Any]] = []
        self.problem_count = 0
        self._kept = {"error": 0, "warning": 0}
        self._rejected_places: set[tuple[Any, ...]] = set()

    def keep(self, problem: Problem) -> None:
        self.problem_count += 1
        if problem.severity == "error":
            self.errors += 1
            place = (problem.location.file, problem.location.row, problem.location.element)
            if place not in self._rejected_places:
                self._rejected_places.add(place)
                self.rejected += 1
        if self._kept.get(problem.severity, 0) < self.max_kept:
            self._kept[problem.severity] = self._kept.get(problem.severity, 0) + 1
            self.problems.append(problem.stored())

    def refuse(self, origin: Origin, column: str, value: object, rule: str, **params: object) -> None:
        """Reject one observation with an error naming its place, column, value and rule (a msgid marked with
        ``gettext_noop`` and its ``params``, shown in the reader's language)."""
        self.keep(error(record_of(origin).location, column, value, rule, **params))

    def kept_problems(self) -> list[dict[str, Any]]:
        """Problems for ``Release.problems``: at most ``max_kept``, errors first chosen (file order kept), then a
        count of the rest."""
        kept = self.problems
        if len(kept) > self.max_kept:
            errors = self._kept["error"]
            room = max(0, self.max_kept - errors)
            warnings = iter(range(room))
            kept = [p for p in kept if p["severity"] == "error" or next(warnings, None) is not None]
        if self.problem_count > len(kept):
            omitted = self.problem_count - len(kept)
            return [*kept, {"severity": "info", "message": f"{omitted} more problem(s) not kept"}]
        return list(kept)

    def error_messages(self) -> list[str]:
        return [p["message"] for p in self.problems if p["severity"] == "error"]

    def error_details(self) -> list[dict[str, Any]]:
        """The kept errors as :meth:`Problem.stored` gives them (the messages of :meth:`error_messages`)."""
        return [p for p in self.problems if p["severity"] == "error"]

    @property
    def writing(self) -> bool:
        """After a first error (without keep_going) nothing more is written: the import will be refused
        anyway; the rest of the source is still read so that every problem is reported at once."""
        return self.keep_going or self.errors == 0

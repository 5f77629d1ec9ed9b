"""Read a pledges CSV (the columns of :data:`migmon.gcm.exports.PLEDGE_COLUMNS`) into typed records: no ORM.

The reader checks what a row says on its own — dates, list values against the closed vocabularies, objective
numbers 1–23 — and reports each fault as a :class:`RowProblem` naming file, row, column, value and rule.
Whether areas and matched pledges exist, and the pledge rules, are checked by :mod:`migmon.gcm.imports`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from django.utils.translation import gettext as _

from migmon.core import csv_safe
from migmon.gcm.choices import GuidingPrinciple, Level, PledgeForm, PledgeStatus, PledgeType
from migmon.gcm.exports import LIST_SEPARATOR, PLEDGE_COLUMNS

REQUIRED_COLUMNS = frozenset(PLEDGE_COLUMNS)


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, column %(column)s, value “%(value)s”: %(rule)s") % {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value[:80],
            "rule": self.rule,
        }


@dataclass
class PledgeRecord:
    """One CSV row, typed; areas are codes and the matched pledge a public id, resolved by the loader."""

    row: int
    public_id: str
    title: str
    text: str
    pledge_type: str
    matched_pledge: str
    forms: list[str]
    objectives: list[int]
    guiding_principles: list[str]
    level: str
    pledging_states: list[str]
    stakeholders: str
    partners: str
    areas: list[str]
    start: date | None
    end: date | None
    metric: str
    status: str
    cells: dict[str, str] = field(default_factory=dict, repr=False)


class UnreadablePledges(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""

    def __init__(self, file: str, reason: str) -> None:
        self.file, self.reason = file, reason
        super().__init__(f"{file}: {reason}")


def _split(text: str) -> list[str]:
    return [piece.strip() for piece in text.split(LIST_SEPARATOR) if piece.strip()]


def read_pledges(data: bytes, *, name: str) -> tuple[list[PledgeRecord], list[RowProblem]]:
    """Every row of the file as a record, and every problem found (rows with problems are still returned)."""
    file = PurePath(name).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadablePledges(file, _("not UTF-8 text (byte %(offset)s)") % {"offset": error.start}) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise UnreadablePledges(file, _("missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))})
    records: list[PledgeRecord] = []
    problems: list[RowProblem] = []
    for number, cells in enumerate(_rows(reader, file), start=2):
        cells = {key: csv_safe.restore_cell((value or "").strip()) for key, value in cells.items() if key}
        records.append(_record(number, cells, file, problems))
    return records, problems


def _rows(reader: csv.DictReader, file: str) -> Iterator[dict[str, str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadablePledges(file, _("malformed CSV near line %(line)s") % {"line": reader.line_num}) from error


def _record(number: int, cells: dict[str, str], file: str, problems: list[RowProblem]) -> PledgeRecord:
    def problem(column: str, rule: str, value: str | None = None) -> None:
        problems.append(RowProblem(file, number, column, cells.get(column, "") if value is None else value, rule))

    def choice_list(column: str, allowed: list[str]) -> list[str]:
        values = _split(cells[column])
        for value in values:
            if value not in allowed:
                problem(column, _("not one of: %(allowed)s") % {"allowed": ", ".join(allowed)}, value)
        return [value for value in values if value in allowed]

    def one_of(column: str, allowed: list[str]) -> str:
        if cells[column] not in allowed:
            problem(column, _("not one of: %(allowed)s") % {"allowed": ", ".join(allowed)})
        return cells[column]

    def day(column: str) -> date | None:
        try:
            return date.fromisoformat(cells[column])
        except ValueError:
            problem(column, _("not a date as YYYY-MM-DD"))
            return None

    objectives: list[int] = []
    for value in _split(cells["objectives"]):
        if value.isdigit() and 1 <= int(value) <= 23:
            objectives.append(int(value))
        else:
            problem("objectives", _("GCM objectives are numbered 1 to 23"), value)
    if not cells["public_id"]:
        problem("public_id", _("an import needs each pledge's ID, so that importing the file again changes nothing"))
    return PledgeRecord(
        row=number,
        public_id=cells["public_id"],
        title=cells["title"],
        text=cells["text"],
        pledge_type=one_of("pledge_type", PledgeType.values),
        matched_pledge=cells["matched_pledge"],
        forms=choice_list("forms", PledgeForm.values),
        objectives=objectives,
        guiding_principles=choice_list("guiding_principles", GuidingPrinciple.values),
        level=one_of("level", Level.values),
        pledging_states=_split(cells["pledging_states"]),
        stakeholders="\n".join(_split(cells["stakeholders"])),
        partners="\n".join(_split(cells["partners"])),
        areas=_split(cells["areas"]),
        start=day("start"),
        end=day("end"),
        metric=cells["metric"],
        status=one_of("status", PledgeStatus.values) if cells["status"] else PledgeStatus.PLANNING,
        cells=cells,
    )

"""Import a pledges CSV: every row checked first, then all written in one transaction, or nothing.

Rows are matched to stored pledges by ``public_id``: a row equal to its stored pledge changes nothing, so the
same file imported twice changes nothing. A changed row updates a draft; a published pledge must be returned
to draft first (four eyes), and a new status must come as an update with its evidence, not as a CSV cell.
New pledges are drafts: a second person still reviews and publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from migmon.gcm import services
from migmon.gcm.choices import Editorial
from migmon.gcm.exports import LIST_SEPARATOR, PLEDGE_COLUMNS, pledge_row
from migmon.gcm.models import Pledge
from migmon.gcm.reader import PledgeRecord, RowProblem, UnreadablePledges, read_pledges
from migmon.gcm.rules import pledge_problems
from migmon.geo.models import Area
from migmon.geo.selectors import area_by_code
from migmon.indicators.models import GcmObjective

__all__ = ["ImportRefused", "PledgeImportReport", "UnreadablePledges", "pledges_import"]

LIST_COLUMNS = {"forms", "objectives", "guiding_principles", "pledging_states", "areas", "stakeholders", "partners"}


class ImportRefused(Exception):  # noqa: N818 - the name says what happened
    """The file has errors; nothing was written. ``problems`` name file, row, column, value and rule."""

    def __init__(self, file: str, problems: list[RowProblem]) -> None:
        order = {column: index for index, column in enumerate(PLEDGE_COLUMNS)}
        self.file = file
        self.problems = sorted(problems, key=lambda p: (p.row, order.get(p.column, len(order))))
        super().__init__(f"{file}: {len(problems)} problem(s); nothing imported. First: {self.problems[0]}")


@dataclass
class PledgeImportReport:
    file: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _normalised(column: str, value: Any) -> Any:
    text = LIST_SEPARATOR.join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    if column in LIST_COLUMNS:
        return sorted(piece.strip() for piece in text.replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR) if piece)
    return text.strip()


def _differences(pledge: Pledge, record: PledgeRecord) -> list[str]:
    stored = pledge_row(pledge)
    return [
        column
        for column in PLEDGE_COLUMNS
        if _normalised(column, stored[column]) != _normalised(column, record.cells.get(column, ""))
    ]


def _areas(record: PledgeRecord, column: str, file: str, problems: list[RowProblem]) -> list[Area]:
    found = []
    for code in getattr(record, column):
        area = area_by_code(code)
        if area is None:
            problems.append(RowProblem(file, record.row, column, code, _("not an ISO alpha-3 or M49 area code")))
        else:
            found.append(area)
    return found


def pledges_import(*, actor: Any, data: bytes, name: str) -> PledgeImportReport:
    """Check the whole file, then write it in one transaction; raise :class:`ImportRefused` on any problem."""
    records, problems = read_pledges(data, name=name)
    file = name.rsplit("/", 1)[-1]
    objectives = {objective.number: objective for objective in GcmObjective.objects.all()}
    stored = {p.public_id: p for p in Pledge.objects.filter(public_id__in=[r.public_id for r in records])}
    in_file = {record.public_id for record in records}
    seen: set[str] = set()
    plans: list[tuple[PledgeRecord, dict[str, Any], Pledge | None]] = []
    for record in records:
        if record.public_id in seen:
            problems.append(RowProblem(file, record.row, "public_id", record.public_id, _("this ID is repeated")))
        seen.add(record.public_id)
        matched = record.matched_pledge
        if matched and matched not in in_file and matched not in stored:
            if not Pledge.objects.filter(public_id=matched).exists():
                problems.append(RowProblem(file, record.row, "matched_pledge", matched, _("no pledge has this ID")))
        values: dict[str, Any] = {
            "title": record.title,
            "text": record.text,
            "pledge_type": record.pledge_type,
            "matched_pledge": Pledge(public_id=matched) if matched else None,  # resolved when written
            "forms": record.forms,
            "objectives": [objectives[n] for n in record.objectives if n in objectives],
            "guiding_principles": record.guiding_principles,
            "level": record.level,
            "pledging_states": _areas(record, "pledging_states", file, problems),
            "stakeholders": record.stakeholders,
            "partners": record.partners,
            "areas": _areas(record, "areas", file, problems),
            "start": record.start,
            "end": record.end,
            "metric": record.metric,
            "status": record.status,
        }
        reported = {(p.row, p.column) for p in problems}
        for problem in pledge_problems(values):
            column = problem.field if problem.field in record.cells else "text"
            if (record.row, column) in reported:
                continue  # the cell's own fault (an unknown code) already explains it
            problems.append(RowProblem(file, record.row, column, record.cells.get(column, ""), problem.message))
        existing = stored.get(record.public_id)
        if existing is not None:
            changed = _differences(existing, record)
            if "status" in changed:
                problems.append(
                    RowProblem(
                        file,
                        record.row,
                        "status",
                        record.status,
                        _("a new status is an update with its date, narrative and evidence: enter it on the pledge"),
                    )
                )
            elif changed and existing.editorial != Editorial.DRAFT:
                problems.append(
                    RowProblem(
                        file,
                        record.row,
                        changed[0],
                        record.cells.get(changed[0], ""),
                        _("this pledge is under review or published: return it to draft before importing changes"),
                    )
                )
            if not changed:
                existing = None
                values = {}
        plans.append((record, values, existing))
    if problems:
        raise ImportRefused(file, problems)
    return _write(actor, file, plans)


@transaction.atomic
def _write(
    actor: Any, file: str, plans: list[tuple[PledgeRecord, dict[str, Any], Pledge | None]]
) -> PledgeImportReport:
    report = PledgeImportReport(file=file)
    new_ids = {record.public_id for record, values, existing in plans if values and existing is None}
    pending = list(plans)
    while pending:  # a matching pledge is written after the pledge it matches, when both are new in the file
        ready = [
            plan
            for plan in pending
            if not plan[1] or _matched_id(plan[1]) not in new_ids or _matched_id(plan[1]) in report.added
        ]
        if not ready:  # pledges that match each other in a circle
            record = pending[0][0]
            raise ImportRefused(
                file,
                [
                    RowProblem(
                        file, record.row, "matched_pledge", record.matched_pledge, _("matching pledges in a circle")
                    )
                ],
            )
        for record, values, existing in ready:
            if not values:
                report.unchanged.append(record.public_id)
                continue
            if values["matched_pledge"] is not None:
                values["matched_pledge"] = Pledge.objects.get(public_id=values["matched_pledge"].public_id)
            if existing is None:
                services.pledge_create(actor=actor, values={**values, "public_id": record.public_id})
                report.added.append(record.public_id)
            else:
                services.pledge_update(actor=actor, pledge=existing, values=values)
                report.changed.append(record.public_id)
        pending = [plan for plan in pending if plan not in ready]
    return report


def _matched_id(values: dict[str, Any]) -> str | None:
    matched = values.get("matched_pledge")
    return matched.public_id if matched is not None else None

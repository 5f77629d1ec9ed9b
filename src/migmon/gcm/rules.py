"""The rules a pledge and a review must meet, in one place: the form, the CSV import and the services use them.

Each rule answers with the field it concerns and a translated sentence, so the form shows it beside the field
and the import names file, row, column and value with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from migmon.gcm.attachments import validate_attachment
from migmon.gcm.choices import TEXT_MAX, TEXT_MIN, Level, PledgeForm, PledgeStatus, PledgeType, ReviewKind


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def pledge_problems(values: dict[str, Any], *, pk: int | None = None) -> list[Problem]:
    """Every rule ``values`` (the Pledge's field values, relations as lists of objects) breaks."""
    problems: list[Problem] = []
    if not (values.get("title") or "").strip():
        problems.append(Problem("title", _("A pledge needs a title.")))
    length = len((values.get("text") or "").strip())
    if not TEXT_MIN <= length <= TEXT_MAX:
        problems.append(
            Problem(
                "text",
                _("The text has %(length)s characters; a pledge's text has %(min)s to %(max)s.")
                % {"length": length, "min": TEXT_MIN, "max": f"{TEXT_MAX:,}".replace(",", "\u202f")},
            )
        )
    kind = values.get("pledge_type")
    matched = values.get("matched_pledge")
    if kind not in PledgeType.values:
        problems.append(Problem("pledge_type", _("Unknown pledge type.")))
    elif kind == PledgeType.MATCHING and matched is None:
        problems.append(Problem("matched_pledge", _("A matching pledge must give the ID of the pledge it matches.")))
    elif kind != PledgeType.MATCHING and matched is not None:
        problems.append(Problem("matched_pledge", _("Only a matching pledge cites another pledge.")))
    if matched is not None and pk is not None and matched.pk == pk:
        problems.append(Problem("matched_pledge", _("A pledge cannot match itself.")))
    forms = values.get("forms") or []
    if not forms or any(form not in PledgeForm.values for form in forms):
        problems.append(Problem("forms", _("Choose one or more forms: financial, human resource, process, policy.")))
    objectives = values.get("objectives") or []
    if not objectives:
        problems.append(Problem("objectives", _("A pledge serves one or more of the 23 GCM objectives.")))
    if values.get("level") not in Level.values:
        problems.append(Problem("level", _("Choose a level: local, national, regional or international.")))
    if not values.get("pledging_states") and not (values.get("stakeholders") or "").strip():
        problems.append(Problem("pledging_states", _("Name the pledging State(s) or stakeholders.")))
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        problems.append(Problem("end", _("A pledge is time-bound: give its start and end.")))
    elif end < start:
        problems.append(Problem("end", _("The end comes before the start.")))
    if not (values.get("metric") or "").strip():
        problems.append(Problem("metric", _("A pledge is measurable: say which metric measures it.")))
    if values.get("status", PledgeStatus.PLANNING) not in PledgeStatus.values:
        problems.append(Problem("status", _("Unknown status.")))
    problems.extend(_attachment_problems("attachment", values.get("attachment")))
    return problems


def review_problems(values: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if values.get("area") is None:
        problems.append(Problem("area", _("A review is of one country or region.")))
    if values.get("kind") not in ReviewKind.values:
        problems.append(Problem("kind", _("Unknown review kind.")))
    year = values.get("year")
    if not isinstance(year, int) or not 2019 <= year <= 2100:
        problems.append(Problem("year", _("The GCM review cycle starts in 2019 (the Compact was adopted in 2018).")))
    if not (values.get("title") or "").strip():
        problems.append(Problem("title", _("A review needs a title.")))
    if not values.get("objectives"):
        problems.append(Problem("objectives", _("Say which objectives the review covers.")))
    problems.extend(_attachment_problems("document", values.get("document")))
    return problems


def _attachment_problems(field: str, upload: Any) -> list[Problem]:
    if not upload or getattr(upload, "_committed", False):
        return []  # no file, or the one already stored
    try:
        validate_attachment(upload)
    except ValidationError as error:
        return [Problem(field, message) for message in error.messages]
    return []


def raise_for(problems: list[Problem]) -> None:
    """A ValidationError keyed by field, as forms and services expect."""
    if problems:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        raise ValidationError(by_field)

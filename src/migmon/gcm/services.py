"""Writes of the follow-up: pledges, their status updates, reviews, and the editorial workflow of both.

Each function takes keyword-only arguments and runs in one transaction. The rules of :mod:`migmon.gcm.rules` and
the four-eyes rule live here, not only in the forms and views: whoever entered, changed or submitted a pledge
or review since it was last published cannot publish it. Views check who may call what (model permissions).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from migmon.gcm.choices import Editorial, PledgeStatus
from migmon.gcm.models import Action, EditorialFields, Pledge, PledgeUpdate, Review, WorkflowEvent
from migmon.gcm.rules import Problem, pledge_problems, raise_for, review_problems

__all__ = [
    "WorkflowError",
    "pledge_create",
    "pledge_status_change",
    "pledge_update",
    "review_create",
    "review_update",
    "step_publish",
    "step_return",
    "step_submit",
]

PLEDGE_RELATIONS = ("objectives", "pledging_states", "areas")
REVIEW_RELATIONS = ("objectives",)


class WorkflowError(Exception):
    """A step the workflow does not allow from the current state, or by this person."""


def _event(subject: EditorialFields, *, action: str, actor: Any, note: str = "") -> WorkflowEvent:
    key = "pledge" if isinstance(subject, Pledge) else "review"
    return WorkflowEvent.objects.create(
        **{key: subject}, action=action, actor=actor, editorial=subject.editorial, note=note
    )


def _assign(subject: EditorialFields, values: dict[str, Any], relations: tuple[str, ...]) -> None:
    plain = {name: value for name, value in values.items() if name not in relations}
    for name, value in plain.items():
        if name == "attachment" or name == "document":
            if value is None:
                continue  # keep the stored file
        setattr(subject, name, value)
    subject.save()
    for name in relations:
        if name in values:
            getattr(subject, name).set(values[name])


def next_public_id(today: date | None = None) -> str:
    """``P-2026-0001`` …: the year of entry and a running number (never reused, even after a deletion)."""
    year = (today or timezone.localdate()).year
    prefix = f"P-{year}-"
    last = Pledge.objects.filter(public_id__startswith=prefix).aggregate(last=Max("public_id"))["last"]
    number = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def pledge_create(*, actor: Any, values: dict[str, Any]) -> Pledge:
    """A new draft; ``values`` may carry the Network's own ``public_id`` (else one is given)."""
    raise_for(pledge_problems(values))
    public_id = (values.pop("public_id", "") or "").strip() or next_public_id()
    if Pledge.objects.filter(public_id=public_id).exists():
        raise_for([Problem("public_id", _("A pledge with this ID already exists."))])
    pledge = Pledge(public_id=public_id, editorial=Editorial.DRAFT, created_by=actor)
    _assign(pledge, values, PLEDGE_RELATIONS)
    _event(pledge, action=Action.CREATED, actor=actor)
    return pledge


def _draft_only(subject: EditorialFields) -> None:
    if subject.editorial != Editorial.DRAFT:
        raise WorkflowError(_("Only drafts can be changed; return it to draft first."))


@transaction.atomic
def pledge_update(*, actor: Any, pledge: Pledge, values: dict[str, Any]) -> Pledge:
    """Edit a draft pledge. Its status is not edited here: see :func:`pledge_status_change`."""
    _draft_only(pledge)
    values = {name: value for name, value in values.items() if name not in ("status", "public_id")}
    raise_for(pledge_problems({**values, "status": pledge.status}, pk=pledge.pk))
    _assign(pledge, values, PLEDGE_RELATIONS)
    _event(pledge, action=Action.EDITED, actor=actor)
    return pledge


@transaction.atomic
def pledge_status_change(
    *, actor: Any, pledge: Pledge, status: str, when: date, narrative: str, evidence: str
) -> PledgeUpdate:
    """A new status for a draft pledge, as an update with its date, narrative and evidence."""
    _draft_only(pledge)
    problems = []
    if status not in PledgeStatus.values:
        problems.append(Problem("status", _("Unknown status.")))
    elif status == pledge.status:
        problems.append(Problem("status", _("The pledge already has this status.")))
    if not narrative.strip():
        problems.append(Problem("narrative", _("Say what happened.")))
    if not evidence.strip():
        problems.append(Problem("evidence", _("Give the evidence: a link or a document reference.")))
    if when > timezone.localdate():
        problems.append(Problem("date", _("An update reports what has happened: its date cannot be in the future.")))
    raise_for(problems)
    update = PledgeUpdate.objects.create(
        pledge=pledge,
        date=when,
        status_before=pledge.status,
        status=status,
        narrative=narrative.strip(),
        evidence=evidence.strip(),
        created_by=actor,
    )
    pledge.status = status
    pledge.save(update_fields=["status", "updated_at"])
    _event(pledge, action=Action.STATUS, actor=actor, note=f"{update.status_before} → {status}")
    return update


@transaction.atomic
def review_create(*, actor: Any, values: dict[str, Any]) -> Review:
    raise_for(review_problems(values))
    review = Review(editorial=Editorial.DRAFT, created_by=actor)
    _assign(review, values, REVIEW_RELATIONS)
    _event(review, action=Action.CREATED, actor=actor)
    return review


@transaction.atomic
def review_update(*, actor: Any, review: Review, values: dict[str, Any]) -> Review:
    _draft_only(review)
    raise_for(review_problems(values))
    _assign(review, values, REVIEW_RELATIONS)
    _event(review, action=Action.EDITED, actor=actor)
    return review


def _last_editors(subject: EditorialFields) -> set[int]:
    """Everyone who entered, changed or submitted it since it was last published."""
    editors: set[int] = set()
    writes = (Action.CREATED, Action.EDITED, Action.STATUS, Action.SUBMITTED, Action.IMPORTED)
    for action, actor_id in subject.events.order_by("-created_at", "-id").values_list("action", "actor_id"):  # type: ignore[attr-defined]
        if action == Action.PUBLISHED:
            break
        if action in writes and actor_id:
            editors.add(actor_id)
    return editors


@transaction.atomic
def step_submit(*, actor: Any, subject: EditorialFields) -> EditorialFields:
    """Draft → under review."""
    if subject.editorial != Editorial.DRAFT:
        raise WorkflowError(_("Only drafts can be submitted for review."))
    subject.editorial = Editorial.REVIEW
    subject.submitted_by = actor
    subject.submitted_at = timezone.now()
    subject.save()
    _event(subject, action=Action.SUBMITTED, actor=actor)
    return subject


@transaction.atomic
def step_return(*, actor: Any, subject: EditorialFields, note: str = "") -> EditorialFields:
    """Under review (or published) → draft, with the reviewer's note; a published one leaves the public."""
    if subject.editorial not in (Editorial.REVIEW, Editorial.PUBLISHED):
        raise WorkflowError(_("Only what is under review or published can be returned to draft."))
    subject.editorial = Editorial.DRAFT
    subject.save()
    _event(subject, action=Action.RETURNED, actor=actor, note=note.strip())
    return subject


@transaction.atomic
def step_publish(*, actor: Any, subject: EditorialFields) -> EditorialFields:
    """Under review → published, by a second person."""
    if subject.editorial != Editorial.REVIEW:
        raise WorkflowError(_("Only what is under review can be published."))
    if actor.pk in _last_editors(subject):
        raise WorkflowError(_("A second person must review: you entered, changed or submitted this."))
    matched = getattr(subject, "matched_pledge", None)
    if matched is not None and matched.editorial != Editorial.PUBLISHED:
        raise WorkflowError(
            _("Publish pledge %(id)s first: this pledge matches it, and its page links to it.")
            % {"id": matched.public_id}
        )
    subject.editorial = Editorial.PUBLISHED
    subject.published_by = actor
    subject.published_at = timezone.now()
    subject.save()
    _event(subject, action=Action.PUBLISHED, actor=actor)
    return subject

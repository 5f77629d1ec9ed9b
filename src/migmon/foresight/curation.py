"""The curators' review of signals and trends: who may move an item to which status, and the review stamp.

Anyone who may edit signals writes drafts and submits them (``new``). Approving or archiving takes the
``curate_signal`` / ``curate_trend`` permission and another person than the author: a signal goes public on
two people's word. An approved item edited by someone who may not review goes back to review, so the public
never sees words nobody checked.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from migmon.foresight.choices import CURATED, Curation
from migmon.foresight.models import Curated

OPEN_TO_ALL = (Curation.DRAFT.value, Curation.NEW.value)


def may_review(user: Any, item: Curated) -> bool:
    """Whether ``user`` may approve or archive ``item`` (permission, and not the item's own author)."""
    if user is None or not user.has_perm(f"foresight.curate_{type(item)._meta.model_name}"):
        return False
    author = item.created_by_id if item.pk else user.pk  # whoever creates an item is its author
    return author is None or author != user.pk


def statuses_for(user: Any, item: Curated) -> list[str]:
    """The statuses ``user`` may give ``item``, in workflow order."""
    allowed = set(OPEN_TO_ALL) | (set(CURATED) if may_review(user, item) else set())
    return [value for value, _label in Curation.choices if value in allowed]


def status_problem(user: Any, item: Curated, status: str) -> str | None:
    """Why ``user`` may not give ``item`` this status, or None."""
    if status in statuses_for(user, item):
        return None
    if user is not None and user.has_perm(f"foresight.curate_{type(item)._meta.model_name}"):
        return _("You wrote this item: another curator must approve or archive it.")
    return _("Only a curator may approve or archive; submit it for review instead.")


def stamp(item: Curated, *, user: Any, previous: str | None) -> None:
    """Set the author on a new item and the reviewer when the status moves into or out of the curated ones."""
    if item.pk is None and item.created_by_id is None and user is not None:
        item.created_by = user
    if item.status in CURATED and item.status != previous:
        item.reviewed_by = user
        item.reviewed_at = timezone.now()
    elif item.status not in CURATED:
        item.reviewed_by = None
        item.reviewed_at = None

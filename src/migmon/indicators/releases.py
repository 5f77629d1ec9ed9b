"""Rolling a release back: every value it set returns to what it replaced, as if it had never been imported.

A release *owns* the observations whose current value it set (``Observation.release``); the values it replaced
are kept as revisions with ``replaced_by`` = the release. Rolling back restores those revisions onto their
observations (value, attributes and release) and deletes the observations the release had added. This is only
sound while no later *active* release stands on its values — one changed them or carried them again unchanged
(a revision of this release replaced by that one) —: the rollback is then refused with a message naming that
release (roll the later one back first). What the rolled-back release had said is
kept as revisions withdrawn by the rollback (``replaced_by`` empty), so history keeps showing it, marked as
rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from migmon.indicators.bulk_sql import update_rows
from migmon.indicators.models import Observation, ObservationRevision, Release, ReleaseStatus
from migmon.indicators.release_rows import COMPARED_FIELDS, KEY_COLUMNS

CHUNK_SIZE = 5000


class RollbackRefused(Exception):  # noqa: N818 - the name says what happened
    """The release cannot be rolled back; the message says why in one line."""


@dataclass
class RollbackResult:
    release: Release
    restored: int = 0
    removed: int = 0

    @property
    def message(self) -> str:
        return (
            f"release #{self.release.pk} ({self.release.file_name}) rolled back: "
            f"{self.restored} value(s) restored, {self.removed} observation(s) removed"
        )


def release_rollback(*, release: Release) -> RollbackResult:
    """Undo ``release`` (see the module docstring); raise RollbackRefused when a later release stands on it."""
    result = RollbackResult(release=release)
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if locked.status == ReleaseStatus.ROLLED_BACK:
            raise RollbackRefused(f"release #{release.pk} was already rolled back on {locked.rolled_back_at:%Y-%m-%d}")
        _refuse_if_a_later_release_stands_on(release)
        _withdraw_what_it_said(release)
        result.restored = _restore_what_it_replaced(release)
        result.removed, _ = Observation.objects.filter(release=release).delete()
        release.status = ReleaseStatus.ROLLED_BACK
        release.rolled_back_at = timezone.now()
        release.save(update_fields=["status", "rolled_back_at"])
    return result


def _refuse_if_a_later_release_stands_on(release: Release) -> None:
    later = Release.objects.filter(replaced__release=release, status=ReleaseStatus.ACTIVE).distinct().order_by("pk")[:3]
    if later:
        names = ", ".join(f"#{r.pk} {r.file_name}" for r in later)
        raise RollbackRefused(
            f"release #{release.pk} cannot be rolled back: later release(s) {names} changed or re-confirmed "
            "the same observations; roll those back first"
        )


def _withdraw_what_it_said(release: Release) -> None:
    """Keep every value the release set as a revision withdrawn by the rollback (one INSERT … SELECT)."""
    quote = connection.ops.quote_name
    copied = ", ".join(quote(name) for name in (*KEY_COLUMNS, *COMPARED_FIELDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(ObservationRevision._meta.db_table)} (release_id, replaced_by_id, {copied}) "  # noqa: S608
            f"SELECT release_id, NULL, {copied} FROM {quote(Observation._meta.db_table)} WHERE release_id = %s",
            [release.pk],
        )


def _restore_what_it_replaced(release: Release) -> int:
    """Put back, onto each observation, the value the release replaced; those revisions are current again."""
    replaced = ObservationRevision.objects.filter(replaced_by=release)
    restored = 0
    batch: list[tuple] = []
    for row in replaced.values_list(*COMPARED_FIELDS, "release_id", *KEY_COLUMNS).iterator(chunk_size=CHUNK_SIZE):
        batch.append((*row, release.pk))
        if len(batch) == CHUNK_SIZE:
            restored += _restore(batch)
            batch = []
    restored += _restore(batch)
    replaced.delete()
    return restored


def _restore(rows: list[tuple]) -> int:
    update_rows(Observation, (*COMPARED_FIELDS, "release_id"), (*KEY_COLUMNS, "release_id"), rows)
    return len(rows)

"""Rolling a release back: every value it set returns to what it replaced, as if it had never been imported.

Each revision a release wrote says what it superseded (``previous``). Rolling back restores that previous
revision onto the observation (value, attributes and release), or deletes the observation when the release
had added it. This is only sound while the release still owns those observations: when a later *active*
release has changed or re-confirmed any of them, the rollback is refused with a message naming that release
(roll the later one back first). The revisions themselves stay, so history keeps showing what the rolled-back
release had said, marked as rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from migmon.indicators.keyquery import rows_for_keys
from migmon.indicators.models import Observation, ObservationRevision, Release, ReleaseStatus

CHUNK_SIZE = 5000
RESTORED_FIELDS = ("value", "unit", "unit_multiplier", "nature", "footnote", "source", "release_id")


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
        revisions = (
            ObservationRevision.objects.filter(release=release)
            .order_by("id")
            .values_list("series_id", "area_id", "period", "dimensions_id", "previous_id")
        )
        for chunk in _chunks(revisions.iterator(chunk_size=CHUNK_SIZE)):
            _rollback_chunk(release, chunk, result)
        release.status = ReleaseStatus.ROLLED_BACK
        release.rolled_back_at = timezone.now()
        release.save(update_fields=["status", "rolled_back_at"])
    return result


def _chunks(items: Iterator[tuple], size: int = CHUNK_SIZE) -> Iterator[list[tuple]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _rollback_chunk(release: Release, chunk: list[tuple], result: RollbackResult) -> None:
    previous_of = {tuple(row[:4]): row[4] for row in chunk}
    owned: dict[tuple, int] = {}
    later: set[int] = set()
    for *key, obs_id, release_id in rows_for_keys(
        table=Observation._meta.db_table,
        key_columns=("series_id", "area_id", "period", "dimensions_id"),
        columns=("id", "release_id"),
        keys=list(previous_of),
    ):
        if release_id == release.pk:
            owned[tuple(key)] = obs_id
        else:
            later.add(release_id)
    if later:
        names = ", ".join(
            f"#{r.pk} {r.file_name}" for r in Release.objects.filter(pk__in=sorted(later)).order_by("pk")[:3]
        )
        raise RollbackRefused(
            f"release #{release.pk} cannot be rolled back: later release(s) {names} changed or re-confirmed "
            "the same observations; roll those back first"
        )
    restore_ids = {prev for key, prev in previous_of.items() if prev is not None and key in owned}
    restored: dict[int, tuple[Any, ...]] = {
        rev_id: tuple(fields)
        for rev_id, *fields in ObservationRevision.objects.filter(pk__in=restore_ids).values_list(
            "id", *RESTORED_FIELDS
        )
    }
    updates = []
    deletions = []
    for owned_key, obs_id in owned.items():
        prev = previous_of[owned_key]
        if prev is None:
            deletions.append(obs_id)
        else:
            updates.append((*restored[prev], obs_id))
    if deletions:
        Observation.objects.filter(pk__in=deletions).delete()
    if updates:
        table = connection.ops.quote_name(Observation._meta.db_table)
        sets = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in RESTORED_FIELDS)
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", updates)  # noqa: S608 - names are ours
    result.removed += len(deletions)
    result.restored += len(updates)

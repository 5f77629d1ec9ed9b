"""Record signpost states whenever data is published or rolled back.

The statistics store saves a :class:`~migmon.indicators.models.Release` when a file is imported and when it is
rolled back; once that transaction commits, every signpost is evaluated under the new data version and its
state recorded (:func:`migmon.foresight.services.record_states`, a no-op for a version already recorded).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from migmon.indicators.models import Release


def _record_after_commit() -> None:
    from migmon.foresight.services import record_states

    record_states()


@receiver(post_save, sender=Release, dispatch_uid="migmon.foresight.publish.release_saved")
def release_saved(sender: type[Release], instance: Release, **kwargs: Any) -> None:
    """After the commit (an import saves its release several times: the later calls find the version recorded);
    a failure is logged and never fails the import."""
    transaction.on_commit(_record_after_commit, robust=True)

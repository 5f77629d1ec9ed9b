"""What a release changed: each observation whose stored fields it replaced with different ones, old → new.

The release writer keeps every value a release replaced (changed *or* re-confirmed unchanged) as an
:class:`~migmon.indicators.models.ObservationRevision` replaced by that release; the value the release set is
its observation while the release still owns it, or else a revision the release set (a later release replaced
it). Comparing the two gives the changed values. Called inside a dry run's transaction, before its rollback, it
previews what an import would change; called on a stored release, it is that release's diff.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery

from migmon.indicators.models import Observation, ObservationRevision, Release
from migmon.indicators.release_rows import COMPARED_FIELDS

#: Revisions compared per round trip.
CHUNK_SIZE = 5000


@dataclass(frozen=True)
class ValueChange:
    """One observation a release changed: its key as codes, and the compared fields before and after."""

    series: str
    area: str
    period: str
    dimensions: str
    old: dict[str, Any]
    new: dict[str, Any]
    reporting_type: str = "G"

    @property
    def fields(self) -> list[str]:
        """The compared fields whose value differs (``value`` first when it does)."""
        return [name for name in COMPARED_FIELDS if self.old[name] != self.new[name]]


def _set_by(release: Release, model: type[Observation] | type[ObservationRevision], name: str) -> Subquery:
    rows = model.objects.filter(
        release_id=release.pk,
        series_id=OuterRef("series_id"),
        area_id=OuterRef("area_id"),
        period=OuterRef("period"),
        dimensions_id=OuterRef("dimensions_id"),
        reporting_type=OuterRef("reporting_type"),
    )
    return Subquery(rows.values(name)[:1])


def release_changes(release: Release) -> Iterator[ValueChange]:
    """Every observation ``release`` changed, in key order (see the module docstring)."""
    replaced = ObservationRevision.objects.filter(replaced_by_id=release.pk).order_by(
        "series__code", "area__code", "period", "dimensions__key", "reporting_type"
    )
    current = {f"new_{name}": _set_by(release, Observation, name) for name in COMPARED_FIELDS}
    current["new_found"] = _set_by(release, Observation, "id")
    later = {f"later_{name}": _set_by(release, ObservationRevision, name) for name in COMPARED_FIELDS}
    rows = replaced.annotate(**current, **later).values(
        "series__code", "area__code", "period", "dimensions__key", "reporting_type", *COMPARED_FIELDS, *current, *later
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        prefix = "new_" if row["new_found"] is not None else "later_"
        old = {name: row[name] for name in COMPARED_FIELDS}
        new = {name: row[prefix + name] for name in COMPARED_FIELDS}
        if old != new:
            yield ValueChange(
                series=row["series__code"],
                area=row["area__code"],
                period=row["period"],
                dimensions=row["dimensions__key"],
                old=old,
                new=new,
                reporting_type=row["reporting_type"],
            )


def release_kept(release: Release) -> int:
    """Published observations of the release's dataset that it did not carry: they stay as they are."""
    return Observation.objects.filter(release__dataset_id=release.dataset_id).exclude(release_id=release.pk).count()

"""The shapes the parts of one import pass each other: an observation's key, its stored fields, its origin.

Every part of the release writer (:mod:`~migmon.indicators.release_writer`) speaks in these terms, and
:mod:`~migmon.indicators.releases` reuses the column lists to roll a release back.
"""

from __future__ import annotations

from typing import Any

from migmon.importers.records import ObservationBatch, ObservationRecord

COMPARED_FIELDS = ("value", "unit", "unit_multiplier", "nature", "footnote", "source")
KEY_COLUMNS = ("series_id", "area_id", "period", "dimensions_id", "reporting_type")
OBSERVATION_COLUMNS = (*KEY_COLUMNS, "year", *COMPARED_FIELDS, "release_id")
REVISION_COLUMNS = ("release_id", "replaced_by_id", *KEY_COLUMNS, *COMPARED_FIELDS)

#: (series id, area id, period, dimension set id, reporting type): what identifies an observation in the database.
Key = tuple[int, int, str, int, str]
#: Where a prepared observation came from: a record, or (batch, index) — made into a record only when needed.
Origin = ObservationRecord | tuple[ObservationBatch, int]
#: A prepared observation: its year, its compared fields (in COMPARED_FIELDS order) and its origin.
Prepared = tuple[int, tuple[Any, ...], Origin]


def compared_fields(
    series_unit: str, value: Any, unit: Any, multiplier: Any, nature: Any, footnote: Any, source: Any
) -> tuple[Any, ...]:
    """What is stored and compared for one observation, in COMPARED_FIELDS order (the series' unit by default).

    :meth:`~migmon.indicators.release_preparation.ChunkPreparer._prepare_batch` builds the same tuple inline,
    for speed.
    """
    return (
        None if value is None else float(value),
        unit or series_unit,
        multiplier or 0,
        nature or "",
        footnote.strip() if footnote else "",
        source.strip() if source else "",
    )


def record_of(origin: Origin) -> ObservationRecord:
    """The record a prepared observation came from (built from its batch only now, when a message needs it)."""
    if isinstance(origin, ObservationRecord):
        return origin
    batch, index = origin
    return batch.record(index)

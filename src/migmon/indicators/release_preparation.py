"""Preparation: a chunk of a source's items becomes rows by key, ready to compare and write.

Records and column batches are resolved (series, area, period, dimension set) and their stored fields built;
what cannot be stored is refused with a Problem naming row, column, value and rule, and a key given twice in
the chunk goes to the repeat judge. A batch whose distinct values all resolve runs in one tight loop; one that
does not goes row by row, so that each bad row gets its own Problem.
"""

from __future__ import annotations

import math
from typing import Any

from migmon.importers.base import BulkItem
from migmon.importers.i18n import gettext_noop
from migmon.importers.records import Dimensions, ObservationBatch, ObservationRecord
from migmon.indicators.release_book import ReleaseBook
from migmon.indicators.release_repeats import RepeatJudge
from migmon.indicators.release_resolution import Resolver
from migmon.indicators.release_rows import Key, Origin, Prepared, compared_fields, record_of

NOT_FINITE = gettext_noop("value is not a finite number")


class ChunkPreparer:
    """Turns one chunk into ``{key: (year, fields, origin)}``, reporting to the book and the repeat judge."""

    def __init__(self, resolver: Resolver, book: ReleaseBook, repeats: RepeatJudge) -> None:
        self.resolver = resolver
        self.book = book
        self.repeats = repeats

    def prepare(self, items: list[BulkItem]) -> dict[Key, Prepared]:
        """Resolve a chunk's records and batches into prepared rows by key; report what cannot be stored and
        repeats inside the chunk."""
        rows: dict[Key, Prepared] = {}
        records = [item for item in items if isinstance(item, ObservationRecord)]
        dimension_ids = self.resolver.dimension_ids(
            {record.dimensions for record in records}
            | {pairs for item in items if isinstance(item, ObservationBatch) for pairs in set(item.dimensions)}
        )
        for item in items:
            if isinstance(item, ObservationBatch):
                self._prepare_batch(item, dimension_ids, rows)
            elif isinstance(item, ObservationRecord):
                self.book.records += 1
                self._prepare_one(item, item.fields(), dimension_ids, rows)
            else:
                self.book.keep(item)
        return rows

    def _prepare_batch(
        self, batch: ObservationBatch, dimension_ids: dict[Dimensions, int | str], rows: dict[Key, Prepared]
    ) -> None:
        """A batch in one tight loop: every distinct series, area and period is resolved first, once.

        When one of them does not resolve, the batch goes row by row instead, so that each bad row gets its own
        Problem (:meth:`_prepare_one`, as for single records).
        """
        self.book.records += len(batch)
        resolver = self.resolver
        series_of = {code: resolver.series.get(code) for code in set(batch.series)}
        areas_of = {pair: resolver.area(*pair) for pair in set(zip(batch.area, batch.area_kind, strict=True))}
        years_of = {period: resolver.year(period) for period in set(batch.period)}
        resolved = (
            None not in series_of.values()
            and not any(isinstance(area, str) for area in areas_of.values())
            and None not in years_of.values()
            and not any(isinstance(dimension_ids[pairs], str) for pairs in set(batch.dimensions))
        )
        if not resolved:
            for index, fields in enumerate(batch.fields()):
                self._prepare_one((batch, index), fields, dimension_ids, rows)
            return
        series_ids: dict[str, tuple[int, str]] = series_of  # type: ignore[assignment]  # checked above
        area_ids = {pair: area[0] for pair, area in areas_of.items() if not isinstance(area, str)}
        years: dict[str, int] = years_of  # type: ignore[assignment]
        dimension_id: dict[Dimensions, int] = dimension_ids  # type: ignore[assignment]
        isfinite = math.isfinite
        refuse, judge = self.book.refuse, self.repeats.judge
        for index, (
            code,
            area,
            kind,
            period,
            value,
            unit,
            multiplier,
            pairs,
            nature,
            footnote,
            source,
            reporting_type,
        ) in enumerate(batch.fields()):
            series_id, series_unit = series_ids[code]
            number = None if value is None else float(value)
            if number is not None and not isfinite(number):
                refuse((batch, index), "value", value, NOT_FINITE)
                continue
            key = (series_id, area_ids[area, kind], period, dimension_id[pairs], reporting_type)
            fields = (
                number,
                unit or series_unit,
                multiplier or 0,
                nature or "",
                footnote.strip() if footnote else "",
                source.strip() if source else "",
            )
            first = rows.get(key)
            if first is None:
                rows[key] = (years[period], fields, (batch, index))
            else:
                judge(record_of((batch, index)), fields, record_of(first[2]), first[1])

    def _prepare_one(
        self,
        origin: Origin,
        fields: tuple[Any, ...],
        dimension_ids: dict[Dimensions, int | str],
        rows: dict[Key, Prepared],
    ) -> None:
        """One observation given as its fields (``ObservationRecord.fields()`` order), with a check per field."""
        (
            series_code,
            area_value,
            area_kind,
            period,
            value,
            unit,
            multiplier,
            pairs,
            nature,
            footnote,
            source,
            reporting,
        ) = fields
        resolver, refuse = self.resolver, self.book.refuse
        series = resolver.series.get(series_code)
        if series is None:
            refuse(origin, "series", series_code, gettext_noop("unknown series code (load the framework first)"))
            return
        area = resolver.areas.get((area_value, area_kind)) or resolver.area(area_value, area_kind)
        if isinstance(area, str):
            rule, params = resolver.unknown_areas.get((area_value, area_kind), (area, {}))
            refuse(origin, f"area ({area_kind})", area_value, rule, **params)
            return
        year = resolver.year(period)
        if year is None:
            rule = gettext_noop("a period starts with a four-digit year (at most 16 chars)")
            refuse(origin, "period", period, rule)
            return
        dimensions = dimension_ids[pairs]
        if isinstance(dimensions, str):
            refuse(origin, "dimensions", pairs, dimensions)
            return
        stored = compared_fields(series[1], value, unit, multiplier, nature, footnote, source)
        if stored[0] is not None and not math.isfinite(stored[0]):
            refuse(origin, "value", value, NOT_FINITE)
            return
        key = (series[0], area[0], period, dimensions, reporting)
        first = rows.get(key)
        if first is None:
            rows[key] = (year, stored, origin)
        else:
            self.repeats.judge(record_of(origin), stored, record_of(first[2]), first[1])

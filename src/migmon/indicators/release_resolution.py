"""Resolution: a record's series code, area, period and dimensions become database ids, each looked up once.

:class:`Resolver` caches every distinct value it has resolved (bounded by the number of *distinct* series,
areas, periods and dimension sets, not rows); areas go through :class:`~migmon.geo.lookup.AreaLookup`, built
once per import, and new dimension sets are created in bulk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from migmon.importers.records import Dimensions, ObservationRecord
from migmon.indicators.dimensions import BadDimension, DimensionSetCache
from migmon.indicators.models import Series
from migmon.indicators.release_rows import Key, compared_fields

PERIOD_RE = re.compile(r"^(\d{4})(?:$|[-/QMSWH])")
PERIOD_LIMIT = 16
#: Distinct periods remembered; beyond it (a malformed file) each is parsed again.
PERIODS_CACHED = 100_000


class Resolver:
    """Ids for one import's series, areas, periods and dimension sets, or the reason one cannot be stored."""

    def __init__(self) -> None:
        self.series: dict[str, tuple[int, str]] = {
            code: (pk, unit) for code, pk, unit in Series.objects.values_list("code", "id", "unit")
        }
        self.areas: dict[tuple[str, str], tuple[int, str] | str] = {}
        #: Why an area is unknown, as a msgid and its parameters (``geo.lookup.UnknownArea``), for the report.
        self.unknown_areas: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
        self._years: dict[str, int | None] = {}
        self._lookup: Any = None
        self.dimensions = DimensionSetCache(self._area_or_raise)

    def _area_or_raise(self, value: str, kind: str) -> tuple[int, str]:
        found = self.area(value, kind)
        if isinstance(found, str):
            raise LookupError(found)
        return found

    def area(self, value: str, kind: str) -> tuple[int, str] | str:
        """(area id, area code), or the reason it is unknown; cached per (value, kind)."""
        cache_key = (value, kind)
        found = self.areas.get(cache_key)
        if found is None:
            if self._lookup is None:
                from migmon.geo.lookup import AreaLookup

                self._lookup = AreaLookup.shared()  # one per process while the geography stays the same
            try:
                area = self._lookup.resolve(value, kind)
                found = (area.pk, area.code)
            except LookupError as exc:  # UnknownArea: its message goes into the Problem
                found = str(exc)
                rule = getattr(exc, "rule", "")
                self.unknown_areas[cache_key] = (rule, exc.params) if rule else (found, {})  # type: ignore[attr-defined]
            self.areas[cache_key] = found
        return found

    def year(self, period: str) -> int | None:
        """The year a period starts in, or None when it is not a storable period; cached per period."""
        if period in self._years:
            return self._years[period]
        match = PERIOD_RE.match(period)
        year = int(match.group(1)) if match is not None and len(period) <= PERIOD_LIMIT else None
        if len(self._years) < PERIODS_CACHED:
            self._years[period] = year
        return year

    def dimension_ids(self, combinations: Iterable[Dimensions]) -> dict[Dimensions, int | str]:
        """Dimension set id for each combination (created in bulk when new), or the reason it cannot be stored."""
        found: dict[Dimensions, int | str] = {}
        for pairs in combinations:
            try:
                self.dimensions.lookup(pairs)
                found[pairs] = 0
            except BadDimension as exc:
                found[pairs] = str(exc)
        self.dimensions.flush()
        for pairs, state in found.items():
            if state == 0:
                found[pairs] = self.dimensions.get(pairs)
        return found

    def key_and_fields(self, record: ObservationRecord) -> tuple[Key | None, Any]:
        """The key and fields of a record already resolved once (every lookup is cached), or (None, None)."""
        series = self.series.get(record.series)
        area = self.areas.get((record.area, record.area_kind))
        year = self.year(record.period)
        if series is None or not isinstance(area, tuple) or year is None:
            return None, None
        try:
            dimensions = self.dimensions.get(record.dimensions)
        except BadDimension:
            return None, None
        fields = compared_fields(
            series[1],
            record.value,
            record.unit,
            record.unit_multiplier,
            record.nature,
            record.footnote,
            record.source,
        )
        return (series[0], area[0], record.period, dimensions, record.reporting_type), fields

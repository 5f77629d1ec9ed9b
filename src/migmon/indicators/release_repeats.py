"""Repeat judging: an observation a source gives twice is dropped with a warning or refused with an error.

Repeats are found through the database, not an index in memory: inside a chunk by key, across chunks when a
key meets the row this same release already wrote. Those are judged at the end, once a second read of the
source has found the first row (up to :data:`MAX_LOCATED_DUPLICATES`; past that, against the stored value).
"""

from __future__ import annotations

from typing import Any

from migmon.importers.base import duplicate_problem
from migmon.importers.i18n import gettext_noop
from migmon.importers.records import ObservationBatch, ObservationRecord, error, warning
from migmon.importers.sources import Source
from migmon.indicators.release_book import ReleaseBook
from migmon.indicators.release_resolution import Resolver
from migmon.indicators.release_rows import Key, Origin, record_of

#: Repeated keys found across chunks whose first row a second read of the source names; more are still judged.
MAX_LOCATED_DUPLICATES = 10_000


class RepeatJudge:
    """Applies the readers' duplicate rule to keys the database shows twice, and remembers the late ones."""

    def __init__(self, book: ReleaseBook, resolver: Resolver) -> None:
        self.book = book
        self.resolver = resolver
        #: Keys met again in a later chunk: (key, record, its fields, the stored fields), judged once the first
        #: row is known.
        self._later: list[tuple[Key, ObservationRecord, tuple[Any, ...], tuple[Any, ...]]] = []

    def judge(
        self,
        record: ObservationRecord,
        fields: tuple[Any, ...],
        first: ObservationRecord | None,
        first_fields: Any,
    ) -> None:
        """A record whose observation an earlier record of the source already gave (``first``, when known).

        The same key as written (series, area as written, period, dimensions): the reader's rule — an exact
        repeat is dropped with a warning, anything else is an error. Two ways of writing one area (DESA prints
        Australia/New Zealand as SDG region 1836 and as sub-region 927, with different notes): the same value is
        kept once with a warning whatever the attributes, a different value is an error.
        """
        keep = self.book.keep
        if first is None:
            keep(duplicate_problem(record, "an earlier row of the file", exact=fields == first_fields))
            return
        place = f"row {first.location.row}" if first.location.row is not None else str(first.location)
        if record.key == first.key:
            keep(duplicate_problem(record, place, exact=fields == first_fields))
        elif fields == first_fields:
            rule = gettext_noop("exact duplicate of an earlier row (first at %(first)s); kept once")
            keep(warning(record.location, None, None, rule, first=first.location))
        elif fields[0] == first_fields[0]:
            rule = gettext_noop(
                "same observation and value as an earlier row (first at %(first)s) with other attributes; "
                "kept the first"
            )
            keep(warning(record.location, None, None, rule, first=first.location))
        else:
            rule = gettext_noop("a second, different value for the same observation (first at %(first)s)")
            keep(error(record.location, "value", fields[0], rule, first=first.location))

    def in_later_chunk(self, key: Key, origin: Origin, fields: tuple[Any, ...], first_fields: tuple[Any, ...]) -> None:
        """A key this import already wrote from an earlier chunk: judged at the end, once its first row is
        found; past MAX_LOCATED_DUPLICATES, judged now against the stored value without naming the row."""
        if len(self._later) < MAX_LOCATED_DUPLICATES:
            self._later.append((key, record_of(origin), fields, first_fields))
        else:
            self.judge(record_of(origin), fields, None, first_fields)

    def judge_later(self, source: Source) -> None:
        """Name the first row of every key met again in a later chunk, reading the source a second time."""
        if not self._later:
            return
        wanted = {repeat[0] for repeat in self._later}
        firsts: dict[Key, tuple[ObservationRecord, tuple[Any, ...]]] = {}
        for item in source.items():
            for record in item.records() if isinstance(item, ObservationBatch) else (item,):
                if not isinstance(record, ObservationRecord):
                    continue
                key, fields = self.resolver.key_and_fields(record)
                if key in wanted and key not in firsts:
                    firsts[key] = (record, fields)
            if len(firsts) == len(wanted):
                break
        for key, record, fields, stored in self._later:
            first, first_fields = firsts.get(key, (None, stored))
            self.judge(record, fields, first, first_fields)
        self._later.clear()

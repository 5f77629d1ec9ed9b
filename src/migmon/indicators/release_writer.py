"""Write one release's observations, chunk by chunk, through five parts with one job each.

- bookkeeping (:mod:`~migmon.indicators.release_book`): counters and kept problems;
- resolution (:mod:`~migmon.indicators.release_resolution`): series, areas, periods and dimension sets to ids,
  each distinct value once;
- preparation (:mod:`~migmon.indicators.release_preparation`): a chunk of items to rows by key;
- repeat judging (:mod:`~migmon.indicators.release_repeats`): an observation given twice;
- bulk writes (:mod:`~migmon.indicators.release_writes`): inserts, updates and history.

:class:`ReleaseWriter` wires them for one import and holds nothing per row between chunks, so memory stays
flat however large the source. :mod:`migmon.indicators.loader` drives it.
"""

from __future__ import annotations

from migmon.importers.base import BulkItem
from migmon.importers.sources import Source
from migmon.indicators.models import Release
from migmon.indicators.release_book import ReleaseBook
from migmon.indicators.release_preparation import ChunkPreparer
from migmon.indicators.release_repeats import RepeatJudge
from migmon.indicators.release_resolution import Resolver
from migmon.indicators.release_writes import ObservationWrites


class ReleaseWriter:
    """One import's parts; ``book`` holds what the loader reports and stores on the release."""

    def __init__(self, *, release: Release, keep_going: bool) -> None:
        self.book = ReleaseBook(keep_going=keep_going)
        resolver = Resolver()
        self.repeats = RepeatJudge(self.book, resolver)
        self._preparer = ChunkPreparer(resolver, self.book, self.repeats)
        self._writes = ObservationWrites(release, self.book, self.repeats)

    def write_chunk(self, items: list[BulkItem]) -> None:
        rows = self._preparer.prepare(items)
        if rows and self.book.writing:
            self._writes.write(rows)

    def judge_later_repeats(self, source: Source) -> None:
        """Judge the keys met again in later chunks, once a second read of the source names their first row."""
        self.repeats.judge_later(source)

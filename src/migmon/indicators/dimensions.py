"""Normalised disaggregations: a record's ``(name, code)`` pairs become one shared :class:`DimensionSet` row.

Readers omit totals (see :mod:`migmon.importers.records`), so the empty key is the total over every dimension.
The canonical key sorts the pairs by name and joins them as ``AGE=Y15T24|SEX=F``. A counterpart area arrives
with its identifier kind (``iso2:TH``, ``name:Turkey``); it is resolved to an :class:`~migmon.geo.models.Area`
and written into the key by that area's ``code``, so the same corridor read from an ISO alpha-2 file and from
a file of names shares one key — and an export, which writes area codes, re-imports onto the same key.

The sets that people filter on get their own indexed columns (``sex``, ``age``, ``location``,
``migratory_status``, ``counterpart_area``): "corridor costs from one sending country" is a join on an index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from migmon.indicators import vocabulary
from migmon.indicators.models import DimensionSet
from migmon.indicators.vocabulary import MIGRATORY_STATUS_PREFIX

COUNTERPART = vocabulary.COUNTERPART_AREA.code

#: Dimension name → DimensionSet column that repeats it for indexed filtering (from the vocabulary).
INDEXED_COLUMNS = {dimension.code: str(dimension.column) for dimension in vocabulary.indexed()}

Pairs = tuple[tuple[str, str], ...]


#: Longest code each indexed column holds (the model's max_length); a longer code is refused, never cut.
COLUMN_LIMITS = {d.code: d.max_length for d in vocabulary.DIMENSIONS if d.max_length is not None}
KEY_LIMIT = 400

__all__ = ["MIGRATORY_STATUS_PREFIX", "BadDimension", "DimensionSetCache", "dimension_key", "parse_dimension_key"]


class BadDimension(Exception):  # noqa: N818 - reads as the rule broken
    """A dimension that cannot be stored: unknown counterpart area, code too long (the loader reports it)."""


def dimension_key(pairs: Iterable[tuple[str, str]]) -> str:
    """The canonical text of a combination: ``NAME=CODE`` pairs sorted by name, ``|``-separated."""
    return "|".join(f"{name}={code}" for name, code in sorted(pairs))


def parse_dimension_key(key: str) -> Pairs:
    """The pairs of a canonical key (the inverse of :func:`dimension_key`)."""
    if not key:
        return ()
    return tuple(tuple(part.split("=", 1)) for part in key.split("|"))  # type: ignore[misc]


def split_counterpart(value: str) -> tuple[str, str]:
    """``"iso2:TH"`` → ``("iso2", "TH")``; a bare value is taken as an area code as migmon exports it."""
    kind, sep, code = value.partition(":")
    if sep and kind in {"m49", "iso2", "iso3", "name", "desa", "code"}:
        return kind, code
    return "code", value


class DimensionSetCache:
    """Maps record dimensions to DimensionSet ids, creating missing sets in bulk, once per import.

    ``resolve_area(value, kind)`` returns an area id or raises; it is the import's own cached area resolver,
    so counterpart areas follow exactly the same rules as the observation's area.
    """

    def __init__(self, resolve_area: Callable[[str, str], tuple[int, str]]) -> None:
        self._resolve_area = resolve_area
        self._ids: dict[Pairs, int] = {}
        self._pending: dict[Pairs, tuple[str, dict[str, str], int | None]] = {}

    def canonical(self, pairs: Pairs) -> tuple[str, dict[str, str], int | None]:
        """Key, codes and counterpart area id for ``pairs`` (raises BadDimension)."""
        codes: dict[str, str] = {}
        counterpart_id: int | None = None
        for name, code in pairs:
            if name == COUNTERPART:
                kind, raw = split_counterpart(code)
                try:
                    counterpart_id, area_code = self._resolve_area(raw, kind)
                except Exception as exc:
                    raise BadDimension(f"{COUNTERPART} {code!r}: {exc}") from exc
                code = area_code
            limit = COLUMN_LIMITS.get(name)
            if limit is not None and len(code) > limit:
                raise BadDimension(f"{name} code {code!r} is longer than {limit} characters")
            codes[name] = code
        key = dimension_key(codes.items())
        if len(key) > KEY_LIMIT:
            raise BadDimension(f"dimension combination longer than {KEY_LIMIT} characters: {key[:60]}…")
        return key, codes, counterpart_id

    def lookup(self, pairs: Pairs) -> int | None:
        """The id for ``pairs`` if already known; otherwise remember them for :meth:`flush` and return None."""
        found = self._ids.get(pairs)
        if found is not None:
            return found
        if pairs not in self._pending:
            self._pending[pairs] = self.canonical(pairs)
        return None

    def flush(self) -> None:
        """Fetch or create every pending set with two queries, whatever their number."""
        if not self._pending:
            return
        by_key = {key: pairs for pairs, (key, _, _) in self._pending.items()}
        existing = dict(DimensionSet.objects.filter(key__in=list(by_key)).values_list("key", "id"))
        missing = [
            _new_set(key, codes, counterpart_id)
            for key, codes, counterpart_id in self._pending.values()
            if key not in existing
        ]
        if missing:
            # ignore_conflicts: a concurrent import may have created the same set; re-read ids below.
            DimensionSet.objects.bulk_create(missing, ignore_conflicts=True)
            existing.update(DimensionSet.objects.filter(key__in=[s.key for s in missing]).values_list("key", "id"))
        for key, pairs in by_key.items():
            self._ids[pairs] = existing[key]
        self._pending.clear()

    def get(self, pairs: Pairs) -> int:
        """The id for ``pairs``, flushing if needed (for callers that do not batch)."""
        found = self.lookup(pairs)
        if found is None:
            self.flush()
            found = self._ids[pairs]
        return found


def _new_set(key: str, codes: dict[str, str], counterpart_id: int | None) -> DimensionSet:
    composite = codes.get(vocabulary.COMPOSITE_BREAKDOWN.code, "")
    indexed = {column: codes.get(code, "") for code, column in INDEXED_COLUMNS.items()}
    return DimensionSet(
        key=key,
        codes=codes,
        migratory_status=composite if composite.startswith(MIGRATORY_STATUS_PREFIX) else "",
        counterpart_area_id=counterpart_id,
        **indexed,
    )

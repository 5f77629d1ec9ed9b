"""The one observation query: what every public answer (API, pages, downloads, CLI export) asks the store.

An :class:`ObservationQuery` names series, areas, years, dimension filters and a release, as a person or a
URL gives them. :func:`observations` turns it into the queryset, the same way for every caller:

- **areas** — codes or names, each resolved by :class:`migmon.geo.lookup.AreaLookup` (``434``, ``LBY``,
  ``LY``, ``Libya`` and ``Libye`` are all Libya; nothing is guessed);
- **dimensions** — dimension code (any case, from :mod:`migmon.indicators.vocabulary`) → accepted codes;
  ``_T`` accepts "no breakdown by this dimension"; a dimension not named is not filtered. Counterpart areas
  are areas and resolve like areas. Indexed columns are used where the vocabulary has them;
- **reporting types** — ``G``, ``N``, ``R`` (the DSD's REPORTING_TYPE); none named: every reporting type, so a
  country's national value and the UN's global value for the same key are two rows. ``preferred`` keeps one row
  per key instead: the first reporting type of :data:`vocabulary.PREFERENCE` the key has (global where there is
  a global value), for answers that need one figure per key (progress, maps, latest values);
- **ordering** — by observation id: the order values were first stored, stable while a client pages;
- **pagination** — :func:`page` takes ``limit`` rows after an opaque ``cursor`` (keyset on the id);
- **completeness** — each row says whether its period is still ``provisional`` and, if so, the date its data
  is ``as_of`` (:class:`~migmon.indicators.models.ProvisionalPeriod`; :func:`provisional_periods`).

Bad input raises :class:`QueryError` naming the parameter; the API answers it as a 400, the CLI as a
command error, pages as a 404.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from migmon.geo.lookup import AreaLookup, UnknownArea
from migmon.indicators import vocabulary
from migmon.indicators.models import DimensionSet, Observation, ProvisionalPeriod, Release, Series

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1_000

#: The fields of a row as :func:`page` gives it (the API's item fields).
ROW_FIELDS = (
    "series",
    "area",
    "period",
    "value",
    "unit",
    "dimensions",
    "reporting_type",
    "nature",
    "footnote",
    "source",
    "release",
    "provisional",
    "as_of",
)
_VALUES = (
    "id",
    "series__code",
    "area__code",
    "period",
    "value",
    "unit",
    "dimensions__codes",
    "reporting_type",
    "nature",
    "footnote",
    "source",
    "release_id",
    "series_id",
)


class QueryError(ValueError):
    """A query the store cannot answer as asked: the message says why, ``parameter`` which input caused it."""

    def __init__(self, message: str, *, parameter: str) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass
class ObservationQuery:
    """What to read: every field optional; lists accept several values (any of them matches)."""

    series: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    dimensions: dict[str, list[str]] = field(default_factory=dict)
    release: int | None = None
    reporting_types: list[str] = field(default_factory=list)
    preferred: bool = False

    def parameters(self) -> list[tuple[str, str]]:
        """The query as /api/v1/observations parameters (one series: the API reads one at a time)."""
        params = [("series", code) for code in self.series]
        params += [("area", code) for code in self.areas]
        if self.start is not None:
            params.append(("start", str(self.start)))
        if self.end is not None:
            params.append(("end", str(self.end)))
        for name, codes in sorted(self.dimensions.items()):
            params += [(name.lower(), code) for code in codes]
        params += [(vocabulary.REPORTING_TYPE.parameter, code) for code in self.reporting_types]
        if self.release is not None:
            params.append(("release", str(self.release)))
        return params


def observations(query: ObservationQuery) -> QuerySet[Observation]:
    """The observations ``query`` selects, in the one ordering (raises :class:`QueryError`)."""
    if query.start is not None and query.end is not None and query.start > query.end:
        raise QueryError(f"start {query.start} is after end {query.end}.", parameter="end")
    selected = Observation.objects.all()
    if query.series:
        selected = selected.filter(series_id__in=series_ids(query.series))
    if query.areas:
        selected = selected.filter(area_id__in=area_ids(query.areas))
    if query.start is not None:
        selected = selected.filter(year__gte=query.start)
    if query.end is not None:
        selected = selected.filter(year__lte=query.end)
    if query.dimensions:
        selected = selected.filter(dimensions_id__in=DimensionSet.objects.filter(dimension_q(query.dimensions)))
    if query.release is not None:
        if not Release.objects.filter(pk=query.release).exists():
            raise QueryError(f"Unknown release {query.release}; see /api/v1/releases.", parameter="release")
        selected = selected.filter(release_id=query.release)
    if query.reporting_types:
        selected = selected.filter(reporting_type__in=reporting_type_codes(query.reporting_types))
    if query.preferred:
        selected = selected.filter(preferred_q())
    return selected.order_by("id")


def reporting_type_codes(values: Iterable[str]) -> list[str]:
    """The reporting types ``values`` name (codes, any case); an unknown one is an error naming the codes."""
    codes = list(dict.fromkeys(value.strip().upper() for value in values))
    unknown = [code for code in codes if code not in vocabulary.REPORTING_TYPES]
    if unknown:
        known = ", ".join(f"{code} ({label.lower()})" for code, label in vocabulary.REPORTING_TYPES.items())
        raise QueryError(
            f"Unknown reporting type {', '.join(unknown)}; expected {known}.",
            parameter=vocabulary.REPORTING_TYPE.parameter,
        )
    return codes


def preferred_q() -> Q:
    """Observations no more preferred reporting type has a value for (same series, area, period, dimensions).

    Each key keeps one row: the global value where there is one, else the national, else the regional
    (:data:`vocabulary.PREFERENCE`). A global row passes at once; another probes the table's unique key.
    """
    condition = Q(reporting_type=vocabulary.PREFERENCE[0])
    for position, code in enumerate(vocabulary.PREFERENCE[1:], start=1):
        better = Observation.objects.filter(
            series_id=OuterRef("series_id"),
            area_id=OuterRef("area_id"),
            period=OuterRef("period"),
            dimensions_id=OuterRef("dimensions_id"),
            reporting_type__in=vocabulary.PREFERENCE[:position],
        )
        condition |= Q(Q(reporting_type=code), ~Exists(better))
    return condition


def series_ids(codes: Iterable[str]) -> list[int]:
    """Ids of the series ``codes`` name, in their order; an unknown code is an error naming it."""
    wanted = list(dict.fromkeys(code.strip() for code in codes))
    found = dict(Series.objects.filter(code__in=wanted).values_list("code", "id"))
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise QueryError(f"Unknown series {', '.join(unknown)}; see /api/v1/series.", parameter="series")
    return [found[code] for code in wanted]


def area_ids(values: Iterable[str], *, parameter: str = "area", lookup: AreaLookup | None = None) -> list[int]:
    """Ids of the areas ``values`` name (any code or name, see :meth:`AreaLookup.resolve`), in their order."""
    lookup = lookup or AreaLookup.shared()
    ids = []
    for value in values:
        try:
            ids.append(lookup.resolve(value, "any").pk)
        except UnknownArea as error:
            raise QueryError(
                f"Unknown area {value!r}: give an M49 code (434), an ISO code (LBY, LY) or a name (Libya).",
                parameter=parameter,
            ) from error
    return list(dict.fromkeys(ids))


def dimension_q(filters: Mapping[str, Iterable[str]]) -> Q:
    """The dimension sets matching every filter: dimension code (any case) → accepted codes, ``_T`` = none."""
    query = Q()
    lookup: AreaLookup | None = None
    for name, accepted in filters.items():
        dimension = vocabulary.by_parameter(name)
        if dimension is None or not dimension.filterable:
            raise QueryError(f"Unknown parameter or dimension {name!r}.", parameter=name)
        codes = {code.strip() for code in accepted if code.strip()}
        total = vocabulary.TOTAL_CODE in codes
        codes.discard(vocabulary.TOTAL_CODE)
        if dimension is vocabulary.COUNTERPART_AREA:
            lookup = lookup or AreaLookup.shared()
            match = Q(counterpart_area_id__in=area_ids(codes, parameter=name, lookup=lookup))
            absent = Q(counterpart_area__isnull=True)
        elif dimension.column:
            match = Q(**{f"{dimension.column}__in": codes})
            absent = Q(**{dimension.column: ""})
        else:
            match = Q(**{f"codes__{dimension.code}__in": codes})
            absent = ~Q(codes__has_key=dimension.code)
        if codes and total:
            query &= match | absent
        elif codes or total:
            query &= match if codes else absent
        else:
            query &= Q(pk__in=[])  # an empty value accepts nothing
    return query


def exact_dimensions(codes: Mapping[str, str]) -> dict[str, list[str]]:
    """Filters selecting exactly the combination ``codes`` ({} = totals over every dimension)."""
    return {code: [codes.get(code, vocabulary.TOTAL_CODE)] for code in vocabulary.CODES}


# --- pagination --------------------------------------------------------------------------------------------


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"o{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("o"):
            raise ValueError(text)
        return int(text[1:])
    except (ValueError, UnicodeDecodeError) as error:
        raise QueryError(
            "Invalid cursor: pass back the `next` value of the previous page.", parameter="cursor"
        ) from error


@dataclass(frozen=True)
class Page:
    """One page of rows (dicts with :data:`ROW_FIELDS`) and the cursor of the next page (None on the last)."""

    rows: list[dict[str, Any]]
    next: str | None


def page(query: ObservationQuery, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page:
    """``limit`` rows of ``query`` after ``cursor``, as plain dicts (one query, no model instances)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}.", parameter="limit")
    selected = observations(query)
    if cursor:
        selected = selected.filter(id__gt=decode_cursor(cursor))
    values = list(selected.values_list(*_VALUES)[: limit + 1])
    following = encode_cursor(values[limit - 1][0]) if len(values) > limit else None
    provisional = provisional_periods(row[-1] for row in values[:limit])
    rows = []
    for row in values[:limit]:
        status = provisional.get(row[-1], {}).get(row[3])
        rows.append(
            dict(zip(ROW_FIELDS, (*row[1:-1], status is not None, status.as_of if status else None), strict=True))
        )
        rows[-1]["dimensions"] = rows[-1]["dimensions"] or {}
    return Page(rows, following)


@dataclass(frozen=True)
class Provisional:
    """A period whose figures are partial: the data is as of ``as_of``; ``basis`` says how that is known."""

    as_of: date
    basis: str


def provisional_periods(series_ids: Iterable[int]) -> dict[int, dict[str, Provisional]]:
    """Series id → period → :class:`Provisional`, for the series given; a period not listed is final."""
    wanted = set(series_ids)
    found: dict[int, dict[str, Provisional]] = {}
    if not wanted:
        return found
    for series_id, period, as_of, basis in ProvisionalPeriod.objects.filter(series_id__in=wanted).values_list(
        "series_id", "period", "as_of", "basis"
    ):
        found.setdefault(series_id, {})[period] = Provisional(as_of, basis)
    return found


def page_observations(
    query: ObservationQuery, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> tuple[QuerySet[Observation], str | None]:
    """The observations of the page :func:`page` answers, as a queryset (what the exporters take), and the
    cursor of the next page (None on the last)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}.", parameter="limit")
    selected = observations(query)
    if cursor:
        selected = selected.filter(id__gt=decode_cursor(cursor))
    ids = list(selected.values_list("id", flat=True)[: limit + 1])
    if len(ids) <= limit:
        return selected, None
    return selected.filter(id__lte=ids[limit - 1]), encode_cursor(ids[limit - 1])

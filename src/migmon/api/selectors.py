"""Reads behind /api/v1, as plain dicts and tuples (no model instances on the hot paths).

The observation reads are shared with the portal's downloads, so a file downloaded from a page holds exactly
what the API answers for the same query.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from migmon.api.errors import ApiError
from migmon.geo.models import Area
from migmon.importers.records import DIMENSION_NAMES
from migmon.indicators.models import (
    DimensionSet,
    GcmObjective,
    Goal,
    Indicator,
    Observation,
    Release,
    Series,
    Target,
)

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1_000
TOTAL = "_T"


def translated(row: Any, prefix: str) -> dict[str, str | None]:
    """``{"fr": …, "en": …, "es": …}`` from ``<prefix>_fr`` … fields; empty texts become null."""
    values = {language: getattr(row, f"{prefix}_{language}", "") or None for language in ("fr", "en", "es")}
    values["en"] = values["en"] or ""
    return values


def goals() -> list[dict[str, Any]]:
    targets: dict[int, list[str]] = defaultdict(list)
    for goal_id, code in Target.objects.order_by("sort_key").values_list("goal_id", "code"):
        targets[goal_id].append(code)
    return [
        {
            "code": goal.code,
            "number": goal.number,
            "title": translated(goal, "title"),
            "short": translated(goal, "short"),
            "targets": targets[goal.pk],
        }
        for goal in Goal.objects.all()
    ]


def targets(*, goal: int | None = None, code: str | None = None) -> list[dict[str, Any]]:
    queryset = Target.objects.select_related("goal").prefetch_related("indicators", "gcm_objectives")
    if goal is not None:
        queryset = queryset.filter(goal__number=goal)
    if code is not None:
        queryset = queryset.filter(code=code)
    return [
        {
            "code": target.code,
            "goal": target.goal.code,
            "title": translated(target, "title"),
            "migration_relevant": target.migration_relevant,
            "relevance_note": target.relevance_note,
            "indicators": [indicator.code for indicator in target.indicators.all()],
            "gcm_objectives": sorted(objective.number for objective in target.gcm_objectives.all()),
        }
        for target in queryset
    ]


def indicators(
    *, target: str | None = None, migration_relevant: bool | None = None, code: str | None = None
) -> list[dict[str, Any]]:
    queryset = Indicator.objects.prefetch_related("targets", "series")
    if target is not None:
        queryset = queryset.filter(targets__code=target)
    if migration_relevant is not None:
        queryset = queryset.filter(migration_relevant=migration_relevant)
    if code is not None:
        queryset = queryset.filter(code=code)
    return [
        {
            "code": indicator.code,
            "title": translated(indicator, "title"),
            "targets": [t.code for t in indicator.targets.all()],
            "series": [s.code for s in indicator.series.all()],
            "migration_relevant": indicator.migration_relevant,
            "relevance_note": indicator.relevance_note,
        }
        for indicator in queryset.distinct()
    ]


def series_coverage() -> dict[int, tuple[int, int | None, int | None]]:
    """Series id → (number of observations, first year, last year), for series with data."""
    rows = Observation.objects.values("series_id").annotate(n=Count("id"), start=Min("year"), end=Max("year"))
    return {row["series_id"]: (row["n"], row["start"], row["end"]) for row in rows.order_by()}


def series_list(*, indicator: str | None = None, code: str | None = None, with_data: bool = False) -> list[dict]:
    coverage = series_coverage()
    queryset = Series.objects.prefetch_related("indicators")
    if indicator is not None:
        queryset = queryset.filter(indicators__code=indicator)
    if code is not None:
        queryset = queryset.filter(code=code)
    result = []
    for series in queryset.distinct():
        count, start, end = coverage.get(series.pk, (0, None, None))
        if with_data and not count:
            continue
        result.append(
            {
                "code": series.code,
                "name": translated(series, "name"),
                "unit": series.unit,
                "unit_multiplier": series.unit_multiplier,
                "allowed_dimensions": series.allowed_dimensions or {},
                "indicators": [i.code for i in series.indicators.all()],
                "observations": count,
                "start": start,
                "end": end,
            }
        )
    return result


def gcm_objectives(*, number: int | None = None) -> list[dict[str, Any]]:
    queryset = GcmObjective.objects.prefetch_related("targets")
    if number is not None:
        queryset = queryset.filter(number=number)
    return [
        {
            "number": objective.number,
            "title": {"fr": objective.title_fr or None, "en": objective.title_en, "es": None},
            "title_fr_source": objective.title_fr_source,
            "short_label": {"fr": objective.short_label_fr or None, "en": objective.short_label_en, "es": None},
            "targets": [target.code for target in objective.targets.all()],
            "link_source": objective.link_source,
        }
        for objective in queryset
    ]


AREA_FIELDS = ("code", "kind", "m49", "iso2", "iso3", "name_fr", "name_en", "name_es", "parent__code")
AREA_FLAGS = ("is_ldc", "is_lldc", "is_sids")


def areas(*, kind: str | None = None, code: str | None = None) -> list[dict[str, Any]]:
    queryset = Area.objects.order_by("kind", "code")
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if code is not None:
        queryset = queryset.filter(pk__in=[area.pk for area in resolve_areas([code], parameter="code")])
    return [
        {
            "code": row[0],
            "kind": row[1],
            "m49": row[2],
            "iso2": row[3],
            "iso3": row[4],
            "name": {"fr": row[5] or None, "en": row[6], "es": row[7] or None},
            "parent": row[8],
            "is_ldc": row[9],
            "is_lldc": row[10],
            "is_sids": row[11],
        }
        for row in queryset.values_list(*AREA_FIELDS, *AREA_FLAGS)
    ]


def releases(*, release_id: int | None = None) -> list[dict[str, Any]]:
    queryset = Release.objects.select_related("dataset")
    if release_id is not None:
        queryset = queryset.filter(pk=release_id)
    return [
        {
            "id": release.pk,
            "dataset": release.dataset.code,
            "source_organisation": release.dataset.source_organisation,
            "file_name": release.file_name,
            "sha256": release.sha256,
            "edition": release.edition,
            "imported_at": release.imported_at,
            "importer": release.importer,
            "importer_version": release.importer_version,
            "added": release.added,
            "changed": release.changed,
            "unchanged": release.unchanged,
            "rejected": release.rejected,
            "status": release.status,
            "rolled_back_at": release.rolled_back_at,
        }
        for release in queryset
    ]


# --- observations -------------------------------------------------------------------------------------------


def resolve_areas(values: Iterable[str], *, parameter: str = "area") -> list[Area]:
    """Areas by M49 numeric code (``434`` or ``0434``… zero-padded to 3), ISO alpha-3 (``LBY``) or migmon area
    code, in one query; an unknown value is an error naming it."""
    wanted = [value.strip() for value in values]
    query = Q(pk__in=[])
    for value in wanted:
        query |= Q(code=value) | Q(iso3=value.upper())
        if value.isdigit() and len(value) <= 3:
            query |= Q(m49=value.zfill(3))
    found = list(Area.objects.filter(query))
    by_key: dict[str, Area] = {}
    for area in found:
        for key in (area.code, area.iso3, area.m49):
            if key:
                by_key.setdefault(key, area)
    result = []
    for value in wanted:
        match = by_key.get(value) or by_key.get(value.upper())
        if match is None and value.isdigit() and len(value) <= 3:
            match = by_key.get(value.zfill(3))
        if match is None:
            raise ApiError(
                f"Unknown area {value!r}: give an M49 numeric code or an ISO alpha-3 code.", parameter=parameter
            )
        result.append(match)
    return result


def dimension_names() -> set[str]:
    """Dimension names a filter may use (lower case): the SDG DSD's plus any the data carries."""
    names = {name.lower() for name in DIMENSION_NAMES}
    for codes in DimensionSet.objects.values_list("codes", flat=True):
        names.update(str(key).lower() for key in (codes or {}))
    return names


def dimension_set_ids(filters: dict[str, list[str]]) -> list[int]:
    """Ids of the dimension sets matching every filter (name → accepted codes); a missing name counts as ``_T``.

    The dimension-set table is small (one row per combination of codes), so it is matched in Python; the
    observation query then filters on the indexed ``dimensions_id``.
    """
    wanted = {name.upper(): {code.strip() for code in codes} for name, codes in filters.items()}
    ids = []
    rows = DimensionSet.objects.values_list("id", "codes", "counterpart_area__code", "counterpart_area__m49")
    for pk, codes, counterpart_code, counterpart_m49 in rows:
        codes = codes or {}
        ok = True
        for name, accepted in wanted.items():
            actual = str(codes.get(name, TOTAL))
            candidates = {actual}
            if name == "COUNTERPART_AREA":
                candidates |= {c for c in (counterpart_code, counterpart_m49) if c}
                candidates |= {c.lstrip("0") for c in candidates if c.isdigit()}
                accepted = accepted | {c.lstrip("0") for c in accepted if c.isdigit()}
            if not candidates & accepted:
                ok = False
                break
        if ok:
            ids.append(pk)
    return ids


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"o{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("o"):
            raise ValueError(text)
        return int(text[1:])
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(
            "Invalid cursor: pass back the `next` value of the previous page.", parameter="cursor"
        ) from error


OBSERVATION_FIELDS = (
    "id",
    "series__code",
    "area__code",
    "period",
    "value",
    "unit",
    "dimensions__codes",
    "nature",
    "footnote",
    "source",
    "release_id",
)


@dataclass
class ObservationQuery:
    """A validated observation query, as the API and the portal downloads both take it."""

    series: str | None = None
    areas: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    dimensions: dict[str, list[str]] = field(default_factory=dict)
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


def observation_queryset(query: ObservationQuery) -> QuerySet[Observation]:
    """The observations a query selects (validated; errors name the parameter), without paging."""
    if not 1 <= query.limit <= MAX_LIMIT:
        raise ApiError(f"limit must be between 1 and {MAX_LIMIT}.", parameter="limit")
    if query.start is not None and query.end is not None and query.start > query.end:
        raise ApiError("start is after end.", parameter="end")
    queryset = Observation.objects.all()
    if query.series:
        series_id = Series.objects.filter(code=query.series).values_list("id", flat=True).first()
        if series_id is None:
            raise ApiError(f"Unknown series {query.series!r}; see /api/v1/series.", parameter="series")
        queryset = queryset.filter(series_id=series_id)
    if query.areas:
        queryset = queryset.filter(area_id__in=[area.pk for area in resolve_areas(query.areas)])
    if query.start is not None:
        queryset = queryset.filter(year__gte=query.start)
    if query.end is not None:
        queryset = queryset.filter(year__lte=query.end)
    if query.dimensions:
        known = dimension_names()
        for name in query.dimensions:
            if name.lower() not in known:
                raise ApiError(f"Unknown parameter or dimension {name!r}.", parameter=name)
        queryset = queryset.filter(dimensions_id__in=dimension_set_ids(query.dimensions))
    return queryset.order_by("id")


def observation_page(query: ObservationQuery) -> tuple[list[dict[str, Any]], str | None]:
    """One page of observations in id order and the cursor of the next page (None on the last one)."""
    queryset = observation_queryset(query)
    if query.cursor:
        queryset = queryset.filter(id__gt=decode_cursor(query.cursor))
    rows = list(queryset.order_by("id").values_list(*OBSERVATION_FIELDS)[: query.limit + 1])
    next_cursor = encode_cursor(rows[query.limit - 1][0]) if len(rows) > query.limit else None
    items = [
        {
            "series": row[1],
            "area": row[2],
            "period": row[3],
            "value": row[4],
            "unit": row[5],
            "dimensions": row[6] or {},
            "nature": row[7],
            "footnote": row[8],
            "source": row[9],
            "release": row[10],
        }
        for row in rows[: query.limit]
    ]
    return items, next_cursor

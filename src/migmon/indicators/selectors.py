"""Reads of the statistics store, for pages, the API, exports and the command line: the one door into it.

Every public answer reads observations through :mod:`migmon.indicators.query` (one query object, one area
resolution through :mod:`migmon.geo.lookup`, one dimension matching, one ordering, one pagination), re-exported
here with the other reads. Every function returns a queryset, a list or plain data and never writes.
Arguments accept model instances, primary keys or codes, so a view can pass what it has:

- :class:`ObservationQuery`, :func:`observations`, :func:`page` — the query object and its two answers.
- :func:`observations_for` — the same for code: current observations of some series, filtered by areas, years
  and dimensions; ``dimensions=None`` means "any combination"; ``dimensions={}`` means totals only (no
  disaggregation); ``{"SEX": "F"}`` means exactly that combination; ``dimensions_match={"SEX": "F"}`` means
  every combination where SEX is F (any AGE…). One value per key (``preferred``, the default): the global value
  where there is one, else the national, else the regional — what progress, latest values and signposts need;
  ``reporting_types=["N"]`` asks for one reporting type, ``preferred=False`` for all of them side by side.
- :func:`corridor_observations` — corridor series (``SI_RMT_COST_BC``, ``MIGSTOCK_OD``) for one area on one
  side: ``sending=`` the observation's area, ``receiving=`` its counterpart (indexed both ways).
- :func:`observation_history` — every value one observation has had, release by release, rolled-back included.
- :func:`releases_list`, :func:`release_get` — releases, newest first, with their dataset.
- :func:`series_with_data`, :func:`areas_with_data`, :func:`periods_for` — what is available, for menus.
- :func:`provisional_periods` — the periods of series whose figures are still partial, with their date.
- :func:`data_version` — the state of the store, for caches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Min, Q, QuerySet

from migmon.geo.models import Area
from migmon.indicators import vocabulary
from migmon.indicators.dimensions import dimension_key
from migmon.indicators.models import DimensionSet, Observation, ObservationRevision, Release, Series
from migmon.indicators.query import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ObservationQuery,
    Page,
    Provisional,
    QueryError,
    area_ids,
    exact_dimensions,
    observations,
    page,
    page_observations,
    preferred_q,
    provisional_periods,
)
from migmon.indicators.versions import DataVersion, data_version

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "DataVersion",
    "ObservationQuery",
    "Page",
    "page_observations",
    "Provisional",
    "QueryError",
    "area_ids",
    "data_version",
    "exact_dimensions",
    "observations",
    "page",
    "provisional_periods",
]

AreaRef = Area | int | str
SeriesRef = Series | int | str


def _series_q(series: SeriesRef, prefix: str = "series") -> Q:
    if isinstance(series, Series):
        return Q(**{f"{prefix}_id": series.pk})
    if isinstance(series, int):
        return Q(**{f"{prefix}_id": series})
    return Q(**{f"{prefix}__code": series})


def _area_q(areas: AreaRef | Iterable[AreaRef], field: str = "area") -> Q:
    """Areas given as instances, ids, or any code or name (resolved through :mod:`migmon.geo.lookup`)."""
    if isinstance(areas, (Area, int, str)):
        areas = [areas]
    refs = list(areas)
    ids = [a.pk if isinstance(a, Area) else a for a in refs if not isinstance(a, str)]
    names = [a for a in refs if isinstance(a, str)]
    if names:
        ids += area_ids(names)
    return Q(**{f"{field}_id__in": ids})


def _series_codes(series: SeriesRef | Iterable[SeriesRef]) -> list[str]:
    refs = [series] if isinstance(series, (Series, int, str)) else list(series)
    codes = [ref.code if isinstance(ref, Series) else ref for ref in refs if not isinstance(ref, int)]
    ids = [ref for ref in refs if isinstance(ref, int)]
    if ids:
        codes += list(Series.objects.filter(pk__in=ids).values_list("code", flat=True))
    return codes


def observations_for(
    *,
    series: SeriesRef | Iterable[SeriesRef],
    areas: AreaRef | Iterable[AreaRef] | None = None,
    start: int | None = None,
    end: int | None = None,
    dimensions: Mapping[str, str] | None = None,
    dimensions_match: Mapping[str, str] | None = None,
    reporting_types: Iterable[str] = (),
    preferred: bool = True,
) -> QuerySet[Observation]:
    """Current observations of ``series`` (one or several), optionally for ``areas`` and years ``start``–``end``,
    through the one query (:func:`observations`), with series, area, dimensions and release joined in.

    See the module docstring for ``dimensions``, ``dimensions_match``, ``reporting_types`` and ``preferred``.
    """
    codes = _series_codes(series)
    if not codes:
        return Observation.objects.none()
    filters = exact_dimensions(dimensions) if dimensions is not None else {}
    filters |= {name: [code] for name, code in (dimensions_match or {}).items()}
    selected = observations(
        ObservationQuery(
            series=codes,
            start=start,
            end=end,
            dimensions=filters,
            reporting_types=list(reporting_types),
            preferred=preferred,
        )
    )
    if areas is not None:
        selected = selected.filter(_area_q(areas))
    return selected.select_related("series", "area", "dimensions", "release", "release__dataset")


def corridor_observations(
    *,
    series: SeriesRef,
    sending: AreaRef | None = None,
    receiving: AreaRef | None = None,
    start: int | None = None,
    end: int | None = None,
) -> QuerySet[Observation]:
    """Observations of a corridor series (area → counterpart area), from ``sending`` and/or to ``receiving``;
    one value per corridor and year (the global one where there is one, see :func:`preferred_q`).

    For ``SI_RMT_COST_BC`` the observation's area is the sending country and the counterpart the receiving
    one; for ``MIGSTOCK_OD`` the area is the destination and the counterpart the origin — pass the side you mean.
    """
    query = Observation.objects.filter(_series_q(series), preferred_q(), dimensions__counterpart_area__isnull=False)
    if sending is not None:
        query = query.filter(_area_q(sending))
    if receiving is not None:
        query = query.filter(_area_q(receiving, "dimensions__counterpart_area"))
    if start is not None:
        query = query.filter(year__gte=start)
    if end is not None:
        query = query.filter(year__lte=end)
    return query.select_related("series", "area", "dimensions__counterpart_area", "release").order_by(
        "area__code", "dimensions__key", "year"
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One value an observation had: what a release said, and whether that release still stands."""

    value: float | None
    release_id: int
    release_file: str
    dataset: str
    edition: str
    imported_at: datetime
    rolled_back: bool
    current: bool


def observation_history(
    *,
    series: SeriesRef,
    area: AreaRef,
    period: str,
    dimensions: Mapping[str, str] | None = None,
    reporting_type: str = vocabulary.GLOBAL,
) -> list[HistoryEntry]:
    """Every value the observation (series, area, period, dimensions — totals when omitted —, reporting type) has
    had, oldest first.

    The values later releases replaced (or rollbacks withdrew) are its revisions; the value it has now is the
    observation itself, marked ``current``.
    """
    key = dimension_key((dimensions or {}).items())
    revisions = ObservationRevision.objects.filter(
        _series_q(series), _area_q(area), period=period, dimensions__key=key, reporting_type=reporting_type
    ).select_related("release", "release__dataset")
    current = (
        Observation.objects.filter(
            _series_q(series), _area_q(area), period=period, dimensions__key=key, reporting_type=reporting_type
        )
        .select_related("release", "release__dataset")
        .first()
    )
    entries = [(revision.value, revision.release, False) for revision in revisions]
    if current is not None:
        entries.append((current.value, current.release, True))
    entries.sort(key=lambda entry: (entry[1].imported_at, entry[1].pk))
    return [
        HistoryEntry(
            value=value,
            release_id=release.pk,
            release_file=release.file_name,
            dataset=release.dataset.code,
            edition=release.edition,
            imported_at=release.imported_at,
            rolled_back=release.status == "rolled_back",
            current=is_current,
        )
        for value, release, is_current in entries
    ]


def releases_list(*, dataset: str | None = None, series: str | None = None) -> QuerySet[Release]:
    """Releases, newest first, with their dataset joined; with ``series``, those that carried a value of that
    series: one it still holds, or one a later release replaced or a rollback withdrew (kept as a revision)."""
    query = Release.objects.select_related("dataset")
    if dataset:
        query = query.filter(dataset__code=dataset)
    if series:
        held = Observation.objects.filter(series__code=series).values("release_id")
        replaced = ObservationRevision.objects.filter(series__code=series).values("release_id")
        query = query.filter(Q(pk__in=held) | Q(pk__in=replaced))
    return query.order_by("-imported_at", "-id")


def release_get(*, pk: int) -> Release:
    """One release (raises Release.DoesNotExist)."""
    return Release.objects.select_related("dataset").get(pk=pk)


def series_list(*, indicator: str | None = None, code: str | None = None) -> QuerySet[Series]:
    """Series in code order with their indicators, optionally of one indicator or one code."""
    queryset = Series.objects.prefetch_related("indicators")
    if indicator is not None:
        queryset = queryset.filter(indicators__code=indicator)
    if code is not None:
        queryset = queryset.filter(code=code)
    return queryset.distinct().order_by("code")


def series_coverage() -> dict[int, tuple[int, int | None, int | None]]:
    """Series id → (number of observations, first year, last year), for series with data."""
    rows = Observation.objects.values("series_id").annotate(n=Count("id"), start=Min("year"), end=Max("year"))
    return {row["series_id"]: (row["n"], row["start"], row["end"]) for row in rows.order_by()}


def series_with_data() -> QuerySet[Series]:
    """Series that have at least one observation."""
    return Series.objects.filter(pk__in=Observation.objects.values("series_id")).order_by("code")


def areas_with_data(*, series: SeriesRef) -> QuerySet[Area]:
    """Areas that have observations of ``series``."""
    return Area.objects.filter(pk__in=Observation.objects.filter(_series_q(series)).values("area_id")).order_by(
        "name_en"
    )


def periods_for(*, series: SeriesRef, area: AreaRef | None = None) -> list[str]:
    """Distinct periods of ``series`` (for one area if given), in order."""
    query = Observation.objects.filter(_series_q(series))
    if area is not None:
        query = query.filter(_area_q(area))
    return sorted(set(query.values_list("period", flat=True)))


def dimension_sets_for(*, series: SeriesRef) -> QuerySet[DimensionSet]:
    """The dimension combinations ``series`` has data for (for filter menus)."""
    return DimensionSet.objects.filter(
        pk__in=Observation.objects.filter(_series_q(series)).values("dimensions_id")
    ).order_by("key")


# --- reads behind the pages (plain data, through the one query) ---------------------------------------------


def observation_values(query: ObservationQuery, *fields: str) -> list[tuple]:
    """The rows ``query`` selects as tuples of ``fields`` (model field names), in the one ordering: for pages
    that draw charts, maps and tables from thousands of rows without building model instances."""
    return list(observations(query).values_list(*fields))


#: The "untranslated" filter of the series names admin: which name is missing.
UNTRANSLATED = ("fr", "es", "any")


def series_untranslated(queryset: QuerySet[Series], language: str) -> QuerySet[Series]:
    """The series of ``queryset`` with no French name (``fr``), no Spanish name (``es``) or either (``any``)."""
    missing = {"fr": Q(name_fr=""), "es": Q(name_es=""), "any": Q(name_fr="") | Q(name_es="")}
    return queryset.filter(missing[language]) if language in missing else queryset


def series_by_code(code: str) -> Series | None:
    """The series ``code`` names (indicators and their targets prefetched), if any."""
    return Series.objects.prefetch_related("indicators__targets").filter(code=code).first()


def series_by_ids(ids: Iterable[int]) -> dict[int, Series]:
    """Series by primary key, for rows that carry ``series_id``."""
    return {series.pk: series for series in Series.objects.filter(pk__in=set(ids))}


def dimension_sets_used(*, series: SeriesRef) -> list[tuple[int, dict[str, str], int]]:
    """(dimension set id, codes, number of observations) of every combination ``series`` has data for."""
    counts = dict(
        Observation.objects.filter(_series_q(series))
        .values_list("dimensions_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("dimensions_id", "n")
    )
    return [
        (pk, codes or {}, counts[pk])
        for pk, codes in DimensionSet.objects.filter(pk__in=counts).values_list("pk", "codes")
    ]


def dimension_codes(ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Dimension set id → its codes (``{}`` for totals)."""
    return {pk: codes or {} for pk, codes in DimensionSet.objects.filter(pk__in=set(ids)).values_list("pk", "codes")}


def releases_by_ids(ids: Iterable[int]) -> QuerySet[Release]:
    """The releases rows came from, newest first, with their dataset."""
    return Release.objects.filter(pk__in=set(ids)).select_related("dataset").order_by("-imported_at", "-id")


def series_with_data_for(*, indicator: int) -> list[Series]:
    """Series measuring the indicator (primary key) that have data, in code order."""
    with_data = set(
        Observation.objects.filter(series__indicators=indicator)
        .values_list("series_id", flat=True)
        .distinct()
        .order_by()
    )
    return [series for series in Series.objects.filter(indicators=indicator).order_by("code") if series.pk in with_data]


def series_codes_by_indicator() -> dict[str, list[str]]:
    """Indicator code → codes of its series with data (for the browse pages)."""
    series_ids = set(Observation.objects.values_list("series_id", flat=True).distinct().order_by())
    result: dict[str, list[str]] = {}
    for code, series_code in (
        Series.indicators.through.objects.filter(series_id__in=series_ids)
        .values_list("indicator__code", "series__code")
        .order_by("series__code")
    ):
        result.setdefault(code, []).append(series_code)
    return result

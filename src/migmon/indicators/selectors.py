"""Reads of the statistics store, for pages, the API, exports and the command line.

Every function returns a queryset (or a list for history) and never writes. Arguments accept model
instances, primary keys or codes, so a view can pass what it has:

- :func:`observations_for` — current observations of one series, filtered by areas, years and dimensions;
  the query every chart, table and export starts from. ``dimensions=None`` means "any combination";
  ``dimensions={}`` means totals only (no disaggregation); ``{"SEX": "F"}`` means exactly that combination;
  ``dimensions_match={"SEX": "F"}`` means every combination where SEX is F (any AGE…).
- :func:`corridor_observations` — corridor series (``SI_RMT_COST_BC``, ``MIGSTOCK_OD``) for one area on one
  side: ``sending=`` the observation's area, ``receiving=`` its counterpart (indexed both ways).
- :func:`observation_history` — every value one observation has had, release by release, rolled-back included.
- :func:`releases_list`, :func:`release_get` — releases, newest first, with their dataset.
- :func:`series_with_data`, :func:`areas_with_data`, :func:`periods_for` — what is available, for menus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from migmon.geo.models import Area
from migmon.indicators.dimensions import dimension_key
from migmon.indicators.models import DimensionSet, Observation, ObservationRevision, Release, Series

AreaRef = Area | int | str
SeriesRef = Series | int | str


def _series_q(series: SeriesRef, prefix: str = "series") -> Q:
    if isinstance(series, Series):
        return Q(**{f"{prefix}_id": series.pk})
    if isinstance(series, int):
        return Q(**{f"{prefix}_id": series})
    return Q(**{f"{prefix}__code": series})


def _area_ids(areas: Iterable[AreaRef]) -> Q:
    ids = [a.pk if isinstance(a, Area) else a for a in areas if not isinstance(a, str)]
    codes = [a for a in areas if isinstance(a, str)]
    query = Q(pk__in=ids) if ids else Q(pk__in=[])
    if codes:
        query |= Q(code__in=codes)
    return query


def _area_q(areas: AreaRef | Iterable[AreaRef], field: str = "area") -> Q:
    if isinstance(areas, (Area, int, str)):
        areas = [areas]
    refs = list(areas)
    if all(isinstance(a, (Area, int)) for a in refs):
        return Q(**{f"{field}_id__in": [a.pk if isinstance(a, Area) else a for a in refs]})
    return Q(**{f"{field}__in": Area.objects.filter(_area_ids(refs)).values("pk")})


def observations_for(
    *,
    series: SeriesRef | Iterable[SeriesRef],
    areas: AreaRef | Iterable[AreaRef] | None = None,
    start: int | None = None,
    end: int | None = None,
    dimensions: Mapping[str, str] | None = None,
    dimensions_match: Mapping[str, str] | None = None,
) -> QuerySet[Observation]:
    """Current observations of ``series`` (one or several), optionally for ``areas`` and years ``start``–``end``.

    Ordered by series, area, dimension key and year, with series, area, dimensions and release joined in.
    See the module docstring for ``dimensions`` and ``dimensions_match``.
    """
    if isinstance(series, (Series, int, str)):
        series_q = _series_q(series)
    else:
        series_q = Q()
        for item in series:
            series_q |= _series_q(item)
        if not series_q:
            return Observation.objects.none()
    query = Observation.objects.filter(series_q)
    if areas is not None:
        query = query.filter(_area_q(areas))
    if start is not None:
        query = query.filter(year__gte=start)
    if end is not None:
        query = query.filter(year__lte=end)
    if dimensions is not None:
        query = query.filter(dimensions__key=dimension_key(dimensions.items()))
    if dimensions_match:
        query = query.filter(_dimension_match_q(dimensions_match))
    return query.select_related("series", "area", "dimensions", "release", "release__dataset").order_by(
        "series__code", "area__code", "dimensions__key", "year", "period"
    )


def _dimension_match_q(match: Mapping[str, str]) -> Q:
    """Indexed columns where the dimension has one, the JSON codes otherwise."""
    columns = {"SEX": "sex", "AGE": "age", "URBANISATION": "location"}
    query = Q()
    for name, code in match.items():
        if name in columns:
            query &= Q(**{f"dimensions__{columns[name]}": code})
        elif name == "COUNTERPART_AREA":
            query &= Q(dimensions__counterpart_area__code=code)
        elif name == "COMPOSITE_BREAKDOWN" and code.startswith("MS_"):
            query &= Q(dimensions__migratory_status=code)
        else:
            query &= Q(**{f"dimensions__codes__{name}": code})
    return query


def corridor_observations(
    *,
    series: SeriesRef,
    sending: AreaRef | None = None,
    receiving: AreaRef | None = None,
    start: int | None = None,
    end: int | None = None,
) -> QuerySet[Observation]:
    """Observations of a corridor series (area → counterpart area), from ``sending`` and/or to ``receiving``.

    For ``SI_RMT_COST_BC`` the observation's area is the sending country and the counterpart the receiving
    one; for ``MIGSTOCK_OD`` the area is the destination and the counterpart the origin — pass the side you mean.
    """
    query = Observation.objects.filter(_series_q(series), dimensions__counterpart_area__isnull=False)
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
) -> list[HistoryEntry]:
    """Every value the observation (series, area, period, dimensions — totals when omitted) has had, oldest first.

    The values later releases replaced (or rollbacks withdrew) are its revisions; the value it has now is the
    observation itself, marked ``current``.
    """
    key = dimension_key((dimensions or {}).items())
    revisions = ObservationRevision.objects.filter(
        _series_q(series), _area_q(area), period=period, dimensions__key=key
    ).select_related("release", "release__dataset")
    current = (
        Observation.objects.filter(_series_q(series), _area_q(area), period=period, dimensions__key=key)
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


def releases_list(*, dataset: str | None = None) -> QuerySet[Release]:
    """Releases, newest first, with their dataset joined."""
    query = Release.objects.select_related("dataset")
    if dataset:
        query = query.filter(dataset__code=dataset)
    return query.order_by("-imported_at", "-id")


def release_get(*, pk: int) -> Release:
    """One release (raises Release.DoesNotExist)."""
    return Release.objects.select_related("dataset").get(pk=pk)


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

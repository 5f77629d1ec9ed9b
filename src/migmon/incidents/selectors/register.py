"""Reads beyond the public ones: the register's version (ETags), the data managers' screens, and the inputs of
the derived tables (cube, map cells, SDG 10.7.3 series) that :mod:`migmon.incidents.aggregates` rebuilds."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Max, Min, QuerySet, Sum

from migmon.core.http_cache import Version
from migmon.incidents.far_points import FAR_KM
from migmon.incidents.models import (
    GRID_ZOOM,
    Incident,
    IncidentCell,
    IncidentCube,
    IncidentImport,
    IncidentRevision,
    IncidentRow,
    Status,
)
from migmon.incidents.selectors.filters import CELL_KEY


def register_version() -> Version:
    """Changes whenever public data may have changed: two primary-key maxima, so it costs two index lookups.

    Every change to an incident writes a revision, and every change to published figures rebuilds the cube
    (whose ids only grow), so together they identify the register's state without scanning incidents; the
    last revision's time is the register's Last-Modified.
    """
    revision = IncidentRevision.objects.aggregate(last=Max("id"), at=Max("created_at"))
    cube = IncidentCube.objects.aggregate(last=Max("id"))["last"] or 0
    return Version(tag=f"{revision['last'] or 0}.{cube}", modified=revision["at"])


# ------------------------------------------------------------------------------ the data managers' reads


def incidents_for_managers(*, status: str | None, search: str = "", far: bool = False) -> QuerySet[Incident]:
    """Every incident (any status, or one), optionally by part of its id or only those placed far outside their
    country (:data:`~migmon.incidents.far_points.FAR_KM`), most recently changed first."""
    incidents = Incident.objects.all()
    if status in Status.values:
        incidents = incidents.filter(status=status)
    if search:
        incidents = incidents.filter(incident_id__icontains=search)
    if far:
        incidents = incidents.filter(far_from_country_km__gt=FAR_KM)
    return incidents.order_by("-updated_at", "-id")


def status_counts() -> dict[str, int]:
    """Status → number of incidents (every status, zero included), in one GROUP BY."""
    counts = dict(Incident.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {value: counts.get(value, 0) for value in Status.values}


def incident_for_managers(pk: int) -> Incident | None:
    """One incident whatever its status (the management pages), with its country."""
    return Incident.objects.select_related("country").filter(pk=pk).first()


def revisions_of(incident: Incident) -> QuerySet[IncidentRevision]:
    """The incident's history, newest first, with who acted."""
    return incident.revisions.select_related("actor").order_by("-created_at", "-id")


def imports_recent(limit: int = 100) -> list[IncidentImport]:
    """The latest imports, newest first (the management page)."""
    return list(IncidentImport.objects.order_by("-imported_at", "-id")[:limit])


def imports_by_export_date() -> QuerySet[IncidentImport]:
    """Every import in the order IOM exported the files (the methodology page)."""
    return IncidentImport.objects.order_by("exported_at")


def incident_id_taken(incident_id: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another incident already has this id."""
    others = Incident.objects.filter(incident_id=incident_id)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def near_incidents(
    *,
    dates: tuple[date, date],
    latitudes: tuple[float, float],
    longitudes: tuple[float, float],
    exclude_pk: int | None = None,
) -> QuerySet[Incident]:
    """Incidents that are not withdrawn, dated and placed inside the given ranges (the duplicate search's box)."""
    candidates = Incident.objects.filter(
        date__range=dates, latitude__range=latitudes, longitude__range=longitudes
    ).exclude(status=Status.WITHDRAWN)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates


# ----------------------------------------------------------------------------- inputs of the derived tables


def all_published_rows() -> QuerySet[IncidentRow]:
    """Every counted row of a published incident (what the cube, the map cells and the 10.7.3 series sum)."""
    return IncidentRow.objects.filter(incident__status=Status.PUBLISHED)


def cube_sums() -> QuerySet[Any]:
    """Published rows summed per cube cell: dead, missing, total and distinct incidents."""
    return (
        all_published_rows()
        .values(*CELL_KEY)
        .annotate(d=Sum("dead"), m=Sum("missing"), t=Sum("total"), n=Count("incident_id", distinct=True))
        .order_by()
    )


def map_cell_sums(zoom: int) -> QuerySet[Any]:
    """Published rows with coordinates summed per map cell of ``zoom`` and cube cell (positions summed too)."""
    factor = 2 ** (GRID_ZOOM - zoom)
    return (
        all_published_rows()
        .filter(grid_x__isnull=False)
        .annotate(
            cx=ExpressionWrapper(F("grid_x") / factor, output_field=IntegerField()),
            cy=ExpressionWrapper(F("grid_y") / factor, output_field=IntegerField()),
        )
        .values("cx", "cy", *CELL_KEY)
        .annotate(
            n=Count("incident_id", distinct=True),
            r=Count("id"),
            d=Sum("dead"),
            m=Sum("missing"),
            t=Sum("total"),
            la=Sum("latitude"),
            lo=Sum("longitude"),
            first=Min("incident__incident_id"),
        )
        .order_by()
    )


def totals_by_country_year() -> QuerySet[Any]:
    """Dead + missing of published rows per (country of the row, year): the 10.7.3 series' input."""
    return all_published_rows().values("country_id", "year").annotate(t=Sum("total")).order_by()


def map_cells_built() -> bool:
    return IncidentCell.objects.exists()

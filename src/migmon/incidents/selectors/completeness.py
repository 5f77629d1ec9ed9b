"""How complete each year of the register is: which years are still being recorded, and as of when.

IOM keeps adding incidents of a year for months; an export made before a year ended holds part of it
(the 2025 JSON of 2025-09-15, the 2026 CSV of 2026-05-06). A year is *final* once an export made after the
year's end holds it; until then it is *provisional, data as of* the date of the newest export holding it.
A year no export holds (incidents entered by data managers only) is provisional while it is not over, as of
the newest of its values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone

from migmon.incidents.models import IncidentImport, IncidentRow, Status


@dataclass(frozen=True)
class ProvisionalYear:
    """A year whose totals are partial: data as of ``as_of``; ``basis`` names the export that says so."""

    year: int
    as_of: date
    basis: str


def provisional_years(*, today: date | None = None) -> dict[int, ProvisionalYear]:
    """Year → :class:`ProvisionalYear` for every year of published incidents that is not final yet."""
    today = today or timezone.now().date()
    # order_by(): the rows' default ordering (incident → date, id; position) would join into SELECT DISTINCT and make
    # it distinct over every row; on PostgreSQL before ANALYZE that plan took minutes for the bundled register.
    published_rows = IncidentRow.objects.filter(incident__status=Status.PUBLISHED).order_by()
    years = set(published_rows.values_list("year", flat=True).distinct())
    newest: dict[int, tuple[date, str]] = {}
    for exported_at, file_name, held in IncidentImport.objects.order_by("exported_at").values_list(
        "exported_at", "file_name", "years"
    ):
        for year in held:
            newest[int(year)] = (exported_at.date(), file_name)
    provisional: dict[int, ProvisionalYear] = {}
    for year in sorted(years):
        if year in newest:
            exported, file_name = newest[year]
            if exported > date(year, 12, 31):
                continue
            provisional[year] = ProvisionalYear(year, exported, f"IOM export of {exported:%Y-%m-%d} ({file_name})")
        elif year >= today.year:
            latest = IncidentRow.objects.filter(incident__status=Status.PUBLISHED, year=year).aggregate(
                at=Max("incident__values_as_of")
            )["at"]
            as_of = latest.date() if latest else today
            provisional[year] = ProvisionalYear(year, as_of, "incidents entered in the register")
    return provisional

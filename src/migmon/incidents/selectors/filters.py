"""The public filters of the register (:class:`IncidentFilters`): one definition for pages, API and downloads.

Years, the period ``start``/``end``, region, route and cause are properties of a counted row; the country of
origin is one of the whole incident. A row may list several regions, routes or causes (IOM's merged cells):
a filter value matches a row that lists it. :meth:`IncidentFilters.row_q` filters rows and cube cells,
:meth:`IncidentFilters.q` incidents (those with at least one matching row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q

from migmon.incidents.models import IncidentRow

DIMENSIONS = ("year", "region", "route", "cause")
#: A cube cell: the dimensions and every region, route and cause a row lists (an incident counts once per
#: cell: split_overcount).
CELL_KEY = ("year", "region", "regions_key", "route", "routes_key", "cause", "causes_key")
#: Dimensions whose rows may list several values (IOM's merged cells): grouped by their key, counted in each.
LISTED_DIMENSIONS = {"region": "regions_key", "route": "routes_key"}


class BadFilter(ValueError):
    """A filter value that cannot be read; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


YEAR_MIN, YEAR_MAX = 1900, 2100  # keeps a range such as 1-99999999 to real years


@dataclass(frozen=True)
class IncidentFilters:
    """The public filters; empty lists mean "all"."""

    years: tuple[int, ...] = ()
    start: int | None = None
    end: int | None = None
    regions: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    origins: tuple[str, ...] = field(default=())

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> IncidentFilters:
        """Read ``year``, ``region``, ``route``, ``cause`` and ``origin`` (each repeatable) and the period
        ``start``/``end`` (first and last year, inclusive, as on the observations) from a query dict.

        A year may also be a range ``2019-2021``; with ``start``/``end`` as well, both apply.
        """

        def values(name: str) -> tuple[str, ...]:
            raw = query.getlist(name) if hasattr(query, "getlist") else query.get(name) or []
            if isinstance(raw, str):
                raw = [raw]
            return tuple(dict.fromkeys(str(value).strip() for value in raw if value is not None and str(value).strip()))

        years: list[int] = []
        for text in values("year"):
            try:
                if "-" in text[1:]:
                    first, last = (int(part) for part in text.split("-", 1))
                else:
                    first = last = int(text)
                if not (YEAR_MIN <= first <= last <= YEAR_MAX):
                    raise ValueError(text)
                years.extend(range(first, last + 1))
            except ValueError:
                rule = f"year must be a year ({YEAR_MIN}-{YEAR_MAX}) such as 2019 or a range 2019-2021"
                raise BadFilter("year", f"{rule}, not {text!r}") from None

        def bound(name: str) -> int | None:
            given = values(name)
            if not given:
                return None
            if not given[-1].isdecimal() or not YEAR_MIN <= int(given[-1]) <= YEAR_MAX:
                raise BadFilter(name, f"{name} must be a year ({YEAR_MIN}-{YEAR_MAX}), not {given[-1]!r}")
            return int(given[-1])

        start, end = bound("start"), bound("end")
        if start is not None and end is not None and start > end:
            raise BadFilter("start", f"start ({start}) must not be after end ({end})")
        return cls(
            years=tuple(sorted(set(years))),
            start=start,
            end=end,
            regions=values("region"),
            routes=values("route"),
            causes=values("cause"),
            origins=values("origin"),
        )

    def row_q(self) -> Q:
        """The filters on one counted row (or one cube cell): its year, region, route and any listed cause."""
        query = Q()
        if self.years:
            query &= Q(year__in=self.years)
        if self.start is not None:
            query &= Q(year__gte=self.start)
        if self.end is not None:
            query &= Q(year__lte=self.end)
        for key, chosen in (("regions_key", self.regions), ("routes_key", self.routes), ("causes_key", self.causes)):
            if chosen:
                listed = Q()
                for name in chosen:
                    listed |= Q(**{f"{key}__contains": f"|{name}|"})
                query &= listed
        return query

    def origin_q(self, prefix: str = "") -> Q:
        """Country of origin, a property of the whole incident (``prefix`` reaches it from a row)."""
        query = Q()
        for name in self.origins:
            query |= Q(**{f"{prefix}origin_key__contains": f"|{name}|"})
        return query

    def q(self) -> Q:
        """Incidents with at least one row matching every row filter, and of a chosen origin."""
        query = self.origin_q()
        if self.years or self.start is not None or self.end is not None or self.regions or self.routes or self.causes:
            query &= Q(Exists(IncidentRow.objects.filter(self.row_q(), incident=OuterRef("pk"))))
        return query

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links such as the CSV download)."""
        pairs: list[tuple[str, str]] = [("year", str(year)) for year in self.years]
        pairs += [(name, str(value)) for name, value in (("start", self.start), ("end", self.end)) if value is not None]
        pairs += [("region", value) for value in self.regions]
        pairs += [("route", value) for value in self.routes]
        pairs += [("cause", value) for value in self.causes]
        pairs += [("origin", value) for value in self.origins]
        return pairs

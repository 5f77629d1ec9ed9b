"""The counted rows of incidents (:class:`IncidentRow`), written from the incidents they belong to.

An incident is the editorial unit (one id, one workflow, one history); its rows are what the totals count. A
split incident keeps its rows in ``parts`` (as the file had them: own date, place, country, region, route,
causes and counts); any other incident is one row made of its own fields. :func:`rows_sync` rewrites the rows
of the incidents it is given, so imports and editorial saves call it after writing incidents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from migmon.importers.missing_migrants import split_listed
from migmon.incidents.models import Incident, IncidentRow, causes_key, grid_of, listed_key

CountryOf = Callable[[str], Any]
COUNTS = ("dead", "missing", "survivors", "females", "males", "children")
#: The values each row of a split incident holds for itself (``parts``); read-only at the incident level.
PER_ROW_FIELDS = (
    "region",
    "country_name",
    "latitude",
    "longitude",
    "place",
    "dead",
    "missing",
    "survivors",
    "females",
    "males",
    "children",
    "causes",
    "route",
)


def _row_date(part: Mapping[str, Any], incident: Incident) -> date | None:
    text = part.get("date")
    return date.fromisoformat(text) if text else incident.date


def rows_of(incident: Incident, country_of: CountryOf) -> list[IncidentRow]:
    """The unsaved rows of one saved incident; ``country_of`` resolves a part's country name to an Area or None."""
    if not incident.parts:
        return [
            IncidentRow(
                incident=incident,
                position=0,
                source_id=incident.incident_id,
                year=incident.year,
                date=incident.date,
                region=incident.region,
                regions_key=listed_key(split_listed(incident.region)),
                country_name=incident.country_name,
                country_id=incident.country_id,
                latitude=incident.latitude,
                longitude=incident.longitude,
                grid_x=incident.grid_x,
                grid_y=incident.grid_y,
                place=incident.place,
                route=incident.route,
                routes_key=listed_key(split_listed(incident.route)),
                cause=incident.causes[0] if incident.causes else "",
                causes=list(incident.causes),
                causes_key=causes_key(incident.causes),
                **{name: getattr(incident, name) for name in COUNTS},
            )
        ]
    rows = []
    for position, part in enumerate(incident.parts):
        country_name = part.get("country", incident.country_name) or ""
        if country_name == incident.country_name:
            country = incident.country
        else:
            country = country_of(country_name) if country_name else None
        causes = list(part.get("causes", incident.causes[:1]))
        region = part.get("region", incident.region) or ""
        route = part.get("route", incident.route) or ""
        latitude, longitude = part.get("latitude"), part.get("longitude")
        grid_x, grid_y = grid_of(latitude, longitude)
        rows.append(
            IncidentRow(
                incident=incident,
                position=position,
                source_id=part.get("id") or incident.incident_id,
                year=incident.year,
                date=_row_date(part, incident),
                region=region,
                regions_key=listed_key(split_listed(region)),
                country_name=country_name,
                country=country,
                latitude=latitude,
                longitude=longitude,
                grid_x=grid_x,
                grid_y=grid_y,
                place=part.get("place") or "",
                route=route,
                routes_key=listed_key(split_listed(route)),
                cause=causes[0] if causes else "",
                causes=causes,
                causes_key=causes_key(causes),
                **{name: part.get(name) for name in COUNTS},
            )
        )
    return rows


def country_resolver(known: Mapping[str, Any] | None = None) -> CountryOf:
    """Country name → Area through the geography (``known`` first), None when it does not know the name."""
    from migmon.geo.lookup import AreaLookup, UnknownArea

    cache: dict[str, Any] = dict(known or {})
    lookup: AreaLookup | None = None

    def country_of(name: str) -> Any:
        nonlocal lookup
        if name not in cache:
            lookup = lookup or AreaLookup.from_db()
            try:
                cache[name] = lookup.resolve(name, "name")
            except UnknownArea:
                cache[name] = None
        return cache[name]

    return country_of


def rows_sync(incidents: Iterable[Incident], country_of: CountryOf | None = None) -> int:
    """Replace the rows of these saved incidents by rows made from their current values; returns how many."""
    chosen = list(incidents)
    if not chosen:
        return 0
    resolve = country_of or country_resolver()
    IncidentRow.objects.filter(incident__in=chosen).delete()
    rows = [row for incident in chosen for row in rows_of(incident, resolve)]
    IncidentRow.objects.bulk_create(rows, batch_size=2000)
    return len(rows)

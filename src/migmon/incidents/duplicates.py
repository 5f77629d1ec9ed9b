"""Possible duplicates of an incident: close in time (± 3 days), in space (25 km) and in counts.

Two reports of one shipwreck often reach IOM from different sources; the register warns the data manager
before a second copy is published. The search narrows by date on an index, then by a latitude/longitude box,
and only then computes the great-circle (haversine) distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from migmon.incidents import selectors
from migmon.incidents.models import Incident

DAYS = 3
KILOMETRES = 25.0
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def similar_counts(a: int, b: int) -> bool:
    """Totals within 2 people or 25 % of the larger one: reports of one event rarely agree exactly."""
    return abs(a - b) <= max(2, 0.25 * max(a, b))


@dataclass(frozen=True)
class PossibleDuplicate:
    incident: Incident
    distance_km: float
    days_apart: int


def possible_duplicates(
    *,
    when: date | None,
    latitude: float | None,
    longitude: float | None,
    dead: int | None,
    missing: int | None,
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate]:
    """Incidents (not withdrawn) within ± 3 days and 25 km whose dead + missing is similar, nearest first."""
    if when is None or latitude is None or longitude is None:
        return []
    total = (dead or 0) + (missing or 0)
    dlat = KILOMETRES / 111.0
    dlon = KILOMETRES / max(1.0, 111.32 * math.cos(math.radians(latitude)))
    candidates = selectors.near_incidents(
        dates=(when - timedelta(days=DAYS), when + timedelta(days=DAYS)),
        latitudes=(latitude - dlat, latitude + dlat),
        longitudes=(longitude - dlon, longitude + dlon),
        exclude_pk=exclude_pk,
    )
    found = []
    for other in candidates:
        assert other.latitude is not None and other.longitude is not None and other.date is not None
        distance = haversine_km(latitude, longitude, other.latitude, other.longitude)
        other_total = (other.dead or 0) + (other.missing or 0)
        if distance <= KILOMETRES and similar_counts(total, other_total):
            found.append(PossibleDuplicate(other, round(distance, 1), abs((other.date - when).days)))
    return sorted(found, key=lambda item: (item.distance_km, item.days_apart))


def duplicates_of(incident: Incident) -> list[PossibleDuplicate]:
    """Possible duplicates of a saved incident."""
    return possible_duplicates(
        when=incident.date,
        latitude=incident.latitude,
        longitude=incident.longitude,
        dead=incident.dead,
        missing=incident.missing,
        exclude_pk=incident.pk,
    )

"""Whether an incident's point lies far outside its country of incident (for a data manager's review).

The distance is computed when an incident is written (import or edit) and stored on the incident
(``far_from_country_km``), so the management list can filter on it and the review page can say it. A split
incident is checked row by row (each row has its own point and country); the largest distance counts. The
geometry is :mod:`migmon.incidents.far_points`; the shapes come from the installed npm ``world-atlas``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings

from migmon.incidents.far_points import FAR_KM, CountryShapes, natural_earth

__all__ = ["FAR_KM", "far_from_country_km", "far_from_country_km_of", "is_far", "looks_swapped"]

Point = tuple[float | None, float | None, Any]


def _shapes() -> CountryShapes:
    return natural_earth(settings.NODE_MODULES_DIR)


def far_from_country_km(points: Iterable[Point]) -> float | None:
    """The largest distance (km) of (latitude, longitude, Area) points from their area's outline; None when
    no point could be checked (no coordinates, no country, or a country without an outline)."""
    shapes = _shapes()
    found = [
        shapes.distance_km(area.m49, latitude, longitude)
        for latitude, longitude, area in points
        if latitude is not None and longitude is not None and area is not None and area.m49
    ]
    measured = [distance for distance in found if distance is not None]
    return max(measured) if measured else None


def far_from_country_km_of(
    *,
    latitude: float | None,
    longitude: float | None,
    country: Any,
    country_name: str,
    parts: Sequence[Mapping[str, Any]],
    country_of: Callable[[str], Any],
) -> float | None:
    """:func:`far_from_country_km` of an incident: its point, or each of its rows' points and countries."""
    if not parts:
        return far_from_country_km([(latitude, longitude, country)])
    points: list[Point] = []
    for part in parts:
        name = part.get("country", country_name) or ""
        area = country if name == country_name else (country_of(name) if name else None)
        points.append((part.get("latitude"), part.get("longitude"), area))
    return far_from_country_km(points)


def looks_swapped(latitude: float | None, longitude: float | None, country: Any) -> bool:
    """Whether the point falls inside its country once latitude and longitude are exchanged (a common slip)."""
    if latitude is None or longitude is None or country is None or not country.m49 or abs(longitude) > 90:
        return False
    return _shapes().distance_km(country.m49, longitude, latitude) == 0.0


def is_far(incident: Any) -> bool:
    """Whether the incident's stored distance outside its country calls for a review."""
    distance = incident.far_from_country_km
    return distance is not None and distance > FAR_KM

"""How far an incident's point lies outside its country of incident, from Natural Earth's country shapes.

IOM places every incident at a point and names a country of incident. When the point lies far outside that
country, one of the two is wrong — 2020.MMP00507 in IOM's allData workbook is a Libya shipwreck plotted in
Arizona, because IOM merged two rows and kept the first row's point and the other row's country. Such an
incident is flagged for a data manager's review (never corrected automatically).

Shipwrecks and desert deaths are often recorded at sea or just across a border, so a point counts as far only
beyond :data:`FAR_KM` from the country's outline. The outlines are Natural Earth 1:50m (npm ``world-atlas``,
``countries-50m.json``: it has the small states the 1:110m file leaves out, such as Malta). The geometry is
pure and tested on its own: :class:`CountryShapes` reads a TopoJSON topology and answers
:meth:`CountryShapes.distance_km` for a point and an M49 code; ``None`` when no shape has that code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

#: Beyond this distance from its country's outline, a point is flagged. Chosen on IOM's data (see the tests):
#: sea crossings put points up to a few hundred kilometres off the coast of the country of incident.
FAR_KM = 500.0
EARTH_KM = 6371.0088
ATLAS_FILE = "world-atlas/countries-50m.json"
#: Natural Earth shapes without an id, and the country UN statistics (M49) count them in; IOM names the
#: country so ("Off the coast of Somaliland autonomous region in northern Somalia").
UNCODED = {"Somaliland": "706", "N. Cyprus": "196", "Kosovo": "688"}


@dataclass(frozen=True, slots=True)
class _Polygon:
    """One polygon's rings as segment arrays (x0, y0, x1, y1 in degrees) and its bounding box."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    box: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, lon: float, lat: float) -> bool:
        """Even-odd rule over every ring (holes included): a horizontal ray crosses the outline an odd number."""
        west, south, east, north = self.box
        if not (west <= lon <= east and south <= lat <= north):
            return False
        straddles = (self.y0 > lat) != (self.y1 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing = self.x0 + (lat - self.y0) * (self.x1 - self.x0) / (self.y1 - self.y0)
        return bool(np.count_nonzero(straddles & (lon < crossing)) % 2)

    def nearest(self, lon: float, lat: float) -> tuple[float, float]:
        """The outline point nearest to (lon, lat), found in a plane scaled to the point's latitude."""
        scale = max(math.cos(math.radians(lat)), 0.01)
        dx0 = ((self.x0 - lon + 180.0) % 360.0 - 180.0) * scale
        dx1 = dx0 + (self.x1 - self.x0) * scale
        dy0, dy1 = self.y0 - lat, self.y1 - lat
        ex, ey = dx1 - dx0, dy1 - dy0
        length = ex * ex + ey * ey
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(length > 0, -(dx0 * ex + dy0 * ey) / length, 0.0)
        t = np.clip(t, 0.0, 1.0)
        px, py = dx0 + t * ex, dy0 + t * ey
        best = int(np.argmin(px * px + py * py))
        return lon + float(px[best]) / scale, lat + float(py[best])


def great_circle_km(lat0: float, lon0: float, lat1: float, lon1: float) -> float:
    """Haversine distance in kilometres."""
    p0, p1 = math.radians(lat0), math.radians(lat1)
    dp, dl = p1 - p0, math.radians(lon1 - lon0)
    h = math.sin(dp / 2) ** 2 + math.cos(p0) * math.cos(p1) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _box_gap_km(polygon: _Polygon, lon: float, lat: float) -> float:
    """A lower bound of the distance to a polygon: to the nearest point of its bounding box."""
    west, south, east, north = polygon.box
    near_lat = min(max(lat, south), north)
    near_lon = lon if west <= lon <= east else min((west, east), key=lambda edge: abs((edge - lon + 180) % 360 - 180))
    return great_circle_km(lat, lon, near_lat, near_lon) * 0.99


class CountryShapes:
    """Country outlines by M49 code (zero-padded text, as world-atlas and the UN write it)."""

    def __init__(self, polygons: Mapping[str, list[_Polygon]]) -> None:
        self._polygons = dict(polygons)

    @classmethod
    def from_topology(cls, topology: Mapping[str, Any]) -> CountryShapes:
        """Decode a world-atlas TopoJSON (quantised, delta-encoded arcs) into polygons per country id."""
        (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
        arcs = []
        for arc in topology["arcs"]:
            points = np.cumsum(np.asarray(arc, dtype=float), axis=0)
            arcs.append(np.column_stack((points[:, 0] * sx + tx, points[:, 1] * sy + ty)))
        found: dict[str, list[_Polygon]] = {}
        for geometry in topology["objects"]["countries"]["geometries"]:
            code = geometry.get("id") or UNCODED.get(geometry.get("properties", {}).get("name", ""))
            if not code or geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            for rings in polygons:
                found.setdefault(str(code), []).append(_polygon([_ring(indexes, arcs) for indexes in rings]))
        return cls(found)

    def __contains__(self, code: object) -> bool:
        return code in self._polygons

    def distance_km(self, code: str, latitude: float, longitude: float) -> float | None:
        """0 inside the country, else the great-circle distance to its outline; None without a shape."""
        polygons = self._polygons.get(code)
        if not polygons:
            return None
        if any(polygon.contains(longitude, latitude) for polygon in polygons):
            return 0.0
        best = math.inf
        for gap, polygon in sorted(((_box_gap_km(p, longitude, latitude), p) for p in polygons), key=_first):
            if gap >= best:
                break
            near_lon, near_lat = polygon.nearest(longitude, latitude)
            best = min(best, great_circle_km(latitude, longitude, near_lat, near_lon))
        return round(best, 1)


def _first(item: tuple[float, _Polygon]) -> float:
    return item[0]


def _ring(indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring's points from its arcs (a negative index is arc ~index reversed); shared end points once."""
    pieces = []
    for number, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        pieces.append(arc if number == 0 else arc[1:])
    return np.concatenate(pieces)


def _polygon(rings: list[np.ndarray]) -> _Polygon:
    starts = np.concatenate([ring[:-1] for ring in rings])
    ends = np.concatenate([ring[1:] for ring in rings])
    every = np.concatenate(rings)
    box = (float(every[:, 0].min()), float(every[:, 1].min()), float(every[:, 0].max()), float(every[:, 1].max()))
    return _Polygon(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1], box)


@lru_cache(maxsize=1)
def natural_earth(node_modules: Path) -> CountryShapes:
    """The 1:50m country shapes of the installed npm ``world-atlas`` (read once per process)."""
    return CountryShapes.from_topology(json.loads((node_modules / ATLAS_FILE).read_text(encoding="utf-8")))

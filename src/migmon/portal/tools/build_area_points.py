"""Build ``portal/data/area_points.csv``: a point (lon/lat) for every country or area in Natural Earth.

Maps draw countries from world-atlas' 110m shapes, which leave out small areas (Malta, Singapore, Bahrain,
most small island states). Those are drawn as dots, at the centroid of the largest polygon of the area in the
finest world-atlas file (``countries-10m.json``, Natural Earth 1:10m). Nothing is typed in by hand: the points
are computed from the npm package installed from package-lock.json.

Run from the project root after ``npm ci``::

    .venv/bin/python -m migmon.portal.tools.build_area_points
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[4]
ATLAS = PROJECT_DIR / "node_modules" / "world-atlas"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "area_points.csv"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous across the antimeridian (Fiji, Chukotka) so the ring has its true extent."""
    result = [points[0]]
    for x, y in points[1:]:
        previous = result[-1][0]
        while x - previous > 180:
            x -= 360
        while previous - x > 180:
            x += 360
        result.append((x, y))
    return result


def area_and_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Planar (lon/lat) area and centroid of a ring by the shoelace formula; fine for picking and placing a dot."""
    points = unwrap(points)
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(twice_area) < 1e-12:
        xs, ys = zip(*points, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(twice_area) / 2, cx / (3 * twice_area), cy / (3 * twice_area)


def geometry_ids(topology: dict) -> set[str]:
    return {g["id"] for g in topology["objects"]["countries"]["geometries"] if "id" in g}


def points(topology: dict) -> list[tuple[str, str, float, float]]:
    """(m49, name, lon, lat): per id, the centroid of its largest polygon over every geometry with that id."""
    arcs = decode_arcs(topology)
    best: dict[str, tuple[float, str, float, float]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            size, lon, lat = area_and_centroid(ring(polygon[0], arcs))
            if geometry["id"] not in best or size > best[geometry["id"]][0]:
                lon = (lon + 180) % 360 - 180
                best[geometry["id"]] = (size, geometry["properties"]["name"], round(lon, 3), round(lat, 3))
    return sorted((m49, name, lon, lat) for m49, (_, name, lon, lat) in best.items())


#: Areas with statistics that Natural Earth folds into another geometry. Each point is still computed from
#: Natural Earth polygons: those of the listed geometries whose centroid falls in the box (lon and lat
#: ranges that only pick the right islands; they do not place the point).
#: M49 → (source M49 ids, (lon_min, lon_max, lat_min, lat_max), Natural Earth name used in the output).
FOLDED_AREAS: dict[str, tuple[tuple[str, ...], tuple[float, float, float, float], str]] = {
    "254": (("250",), (-55.0, -51.0, 2.0, 6.0), "France: French Guiana"),
    "312": (("250",), (-62.0, -60.9, 15.8, 16.6), "France: Guadeloupe"),
    "474": (("250",), (-61.3, -60.7, 14.3, 15.0), "France: Martinique"),
    "638": (("250",), (55.0, 56.0, -21.5, -20.8), "France: Réunion"),
    "175": (("250",), (44.9, 45.4, -13.1, -12.5), "France: Mayotte"),
    "535": (("528",), (-69.0, -62.0, 11.0, 18.0), "Netherlands: Bonaire, Sint Eustatius and Saba"),
    "772": (("554",), (-173.0, -171.0, -10.0, -8.5), "New Zealand: Tokelau"),
    "830": (("831", "832"), (-3.0, -2.0, 49.0, 49.8), "Guernsey + Jersey: Channel Islands"),
}


def folded_points(topology: dict) -> list[tuple[str, str, float, float]]:
    """Points of :data:`FOLDED_AREAS`: area-weighted centroid of the matching polygons."""
    arcs = decode_arcs(topology)
    result = []
    for m49, (sources, (x0, x1, y0, y1), name) in FOLDED_AREAS.items():
        total = sx = sy = 0.0
        for geometry in topology["objects"]["countries"]["geometries"]:
            if geometry.get("id") not in sources:
                continue
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            for polygon in polygons:
                size, lon, lat = area_and_centroid(ring(polygon[0], arcs))
                if x0 <= lon <= x1 and y0 <= lat <= y1:
                    weight = size or 1e-9
                    total += weight
                    sx += lon * weight
                    sy += lat * weight
        if not total:
            raise SystemExit(f"no Natural Earth polygon found for M49 {m49} ({name})")
        result.append((m49, name, round(sx / total, 3), round(sy / total, 3)))
    return result


def main() -> None:
    fine = json.loads((ATLAS / "countries-10m.json").read_text())
    coarse_ids = geometry_ids(json.loads((ATLAS / "countries-110m.json").read_text()))
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["m49", "natural_earth_name", "lon", "lat", "in_110m"])
        for m49, name, lon, lat in sorted(points(fine) + folded_points(fine)):
            writer.writerow([m49, name, lon, lat, int(m49 in coarse_ids)])


if __name__ == "__main__":
    main()

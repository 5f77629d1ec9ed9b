"""Where to draw each country on a map: 110m shape, or a dot for areas the 110m shapes leave out.

``data/area_points.csv`` is computed from world-atlas' Natural Earth 1:10m file by
``migmon.portal.tools.build_area_points`` (see there); it is read once per process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

POINTS_FILE = Path(__file__).resolve().parent / "data" / "area_points.csv"


@cache
def area_points() -> dict[str, tuple[float, float, bool]]:
    """Zero-padded M49 code → (lon, lat, has a 110m shape)."""
    with POINTS_FILE.open(encoding="utf-8") as handle:
        return {
            row["m49"]: (float(row["lon"]), float(row["lat"]), row["in_110m"] == "1") for row in csv.DictReader(handle)
        }


def map_placement(m49: str | None) -> tuple[str, tuple[float, float] | None]:
    """("shape", None) for areas drawn from the 110m shapes, ("dot", (lon, lat)) for the others,
    ("none", None) when Natural Earth has no geometry for the code at all."""
    if not m49:
        return "none", None
    point = area_points().get(m49)
    if point is None:
        return "none", None
    lon, lat, in_110m = point
    return ("shape", None) if in_110m else ("dot", (lon, lat))

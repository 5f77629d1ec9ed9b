"""Trend projections to 2030 for the lines a series page shows: the figures of each area (the chart's own rows,
provisional periods left out), projected by :mod:`migmon.foresight.projection`, with the 2030 target the progress
register gives that area and series where there is one.

Provisional years are partial counts (the Missing Migrants register's current year): a trend through them
would read a collection still under way as a fall, so they are not projected from, and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from migmon.foresight.projection import Projection, project
from migmon.geo.selectors import area_by_code
from migmon.progress.selectors import units_for

HORIZON = 2030


@dataclass(frozen=True)
class LineProjection:
    line: str
    code: str
    projection: Projection
    target: float | None
    left_out: tuple[str, ...]  # provisional periods not projected from
    values: tuple[dict[str, Any], ...] = ()  # the yearly figures projected from

    def chart(self) -> dict[str, Any]:
        """What the page's chart script draws (plain JSON)."""
        return {
            "line": self.line,
            "target": self.target,
            "values": self.values,
            "projection": [
                {"year": y.year, "value": y.value, "low": y.low, "high": y.high} for y in self.projection.years
            ],
        }


def _target(code: str, series: str) -> float | None:
    area = area_by_code(code)
    if area is None:
        return None
    for unit in units_for(area=area, series=series):
        if not unit.unit.disaggregation and unit.anticipated.target_value is not None:
            return float(unit.anticipated.target_value)
    return None


def line_projections(
    series: str, chart_rows: Iterable[Mapping[str, Any]], *, provisional: Iterable[str] = (), split: bool = False
) -> list[LineProjection]:
    """One projection per line of the chart (area, or area and breakdown when ``split``), in the chart's order."""
    partial = set(provisional)
    lines: dict[str, list[Mapping[str, Any]]] = {}
    for row in chart_rows:
        lines.setdefault(row["line"], []).append(row)
    found = []
    for line, rows in lines.items():
        kept = [r for r in rows if r["period"] not in partial and r["value"] is not None]
        left_out = tuple(sorted({r["period"] for r in rows if r["period"] in partial}))
        projection = project(((r["year"], r["value"]) for r in kept), horizon=HORIZON)
        values = tuple({"year": r["year"], "value": r["value"]} for r in sorted(kept, key=lambda r: r["year"]))
        target = None if split else _target(rows[0]["code"], series)
        found.append(LineProjection(line, rows[0]["code"], projection, target, left_out, values))
    return found

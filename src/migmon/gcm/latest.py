"""The latest value and the trend of each series measuring some indicators, for one area (totals only).

Read through the statistics store's selectors; the trend is drawn as a small SVG polyline on the server, so the
GCM profile prints and works without JavaScript.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from migmon.geo.models import Area
from migmon.indicators.selectors import observations_for, series_by_code, series_codes_by_indicator

WIDTH, HEIGHT, PAD = 100.0, 24.0, 2.0


def trend_points(points: list[tuple[int, float]]) -> str:
    """``"x,y x,y …"`` in a 100×24 box (years on x, higher values up); empty below two points."""
    if len(points) < 2:
        return ""
    years, values = [p[0] for p in points], [p[1] for p in points]
    span_x, span_y = (max(years) - min(years)) or 1, (max(values) - min(values)) or 1
    return " ".join(
        f"{PAD + (year - min(years)) / span_x * (WIDTH - 2 * PAD):.1f},"
        f"{HEIGHT - PAD - (value - min(values)) / span_y * (HEIGHT - 2 * PAD):.1f}"
        for year, value in points
    )


def latest_by_indicator(area: Area, indicators: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Indicator code → one row per series with data for ``area``: latest value, its period, trend."""
    by_indicator = series_codes_by_indicator()
    codes = {code: by_indicator.get(code, []) for code in indicators}
    wanted = sorted({series for found in codes.values() for series in found})
    if not wanted:
        return {}
    points: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    rows = observations_for(series=wanted, areas=area, dimensions={}).values_list(
        "series__code", "year", "period", "value"
    )
    for series, year, period, value in rows:
        if value is not None:
            points[series].append((year, period, value))
    result: dict[str, list[dict[str, Any]]] = {}
    for indicator, series_codes in codes.items():
        for code in series_codes:
            if not points.get(code):
                continue
            ordered = sorted(points[code])
            year, period, value = ordered[-1]
            found = series_by_code(code)
            result.setdefault(indicator, []).append(
                {
                    "series": code,
                    "series_name": found.name if found else code,
                    "unit": found.unit if found else "",
                    "year": year,
                    "period": period,
                    "value": value,
                    "first_year": ordered[0][0],
                    "sparkline": trend_points([(y, v) for y, _p, v in ordered]),
                }
            )
    return result

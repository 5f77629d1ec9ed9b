"""Tiny inline SVG trend lines, drawn on the server so profiles print and work without JavaScript."""

from __future__ import annotations

from collections.abc import Sequence

WIDTH, HEIGHT, PAD = 100.0, 24.0, 2.0


def sparkline_points(values: Sequence[tuple[int, float | None]]) -> str:
    """``"x,y x,y …"`` for an SVG polyline in a 100×24 box; years on x, values on y (higher is up)."""
    points: list[tuple[int, float]] = [(year, value) for year, value in values if value is not None]
    if len(points) < 2:
        return ""
    years = [p[0] for p in points]
    numbers = [p[1] for p in points]
    x0, x1 = min(years), max(years)
    y0, y1 = min(numbers), max(numbers)
    span_x = (x1 - x0) or 1
    span_y = (y1 - y0) or 1
    return " ".join(
        f"{PAD + (year - x0) / span_x * (WIDTH - 2 * PAD):.1f},"
        f"{HEIGHT - PAD - (value - y0) / span_y * (HEIGHT - 2 * PAD):.1f}"
        for year, value in points
    )

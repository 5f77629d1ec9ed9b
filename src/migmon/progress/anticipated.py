"""Anticipated progress (ESCAP / UNECE style): where the weighted trend of the levels leads by the target year.

A straight line is fitted to the values since the base year by least squares, each point weighted by
``w_i = (T − t_min) / (T − t_i)`` (``T`` = target year, so recent years weigh more); its value at ``T`` is the
projection ``Î``. With ``I_0`` the base-year value and ``TV`` the target:
``gap = (TV − Î) / (TV − I_0)`` — on track if gap ≤ 0, acceleration needed if 0 < gap < 1, regressing if
gap ≥ 1. Needs at least three points and a target value (without a target the projection is still given).

When the base value is already on the desired side of the target the gap's denominator changes sign, so the
formula would call a fall past the target "progress": the projection is then judged against the target directly
(on track while it stays on the desired side, regressing once it crosses), with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable

from migmon.progress.engine import Assessment, usable_points
from migmon.progress.rules import Rule
from migmon.progress.statuses import Status

METHOD = "anticipated"
MIN_POINTS = 3


def weighted_line(points: list[tuple[int, float]], horizon: int) -> tuple[float, float]:
    """Intercept and slope of the time-weighted least-squares line through ``points``."""
    first = points[0][0]
    weights = [(horizon - first) / (horizon - year) for year, _ in points]
    total = sum(weights)
    mean_t = sum(w * t for w, (t, _) in zip(weights, points, strict=True)) / total
    mean_v = sum(w * v for w, (_, v) in zip(weights, points, strict=True)) / total
    spread = sum(w * (t - mean_t) ** 2 for w, (t, _) in zip(weights, points, strict=True))
    slope = sum(w * (t - mean_t) * (v - mean_v) for w, (t, v) in zip(weights, points, strict=True)) / spread
    return mean_v - slope * mean_t, slope


def assess(points: Iterable[tuple[str | int, float | None]], rule: Rule) -> Assessment:
    """The anticipated-progress status of one series' values (``(period, value)`` pairs)."""
    series = [(year, value) for year, value in usable_points(points, rule.base_year) if year < rule.target_year]
    result = Assessment(
        method=METHOD,
        status=Status.NOT_AVAILABLE,
        direction=rule.direction.value,
        target_year=rule.target_year,
        limit=rule.limit,
        points=len(series),
    )
    if series:
        (result.base_year, result.base_value), (result.current_year, result.current_value) = series[0], series[-1]
    if len(series) < MIN_POINTS:
        result.warnings.append("too_few_points")
        return result
    base = series[0][1]
    intercept, slope = weighted_line(series, rule.target_year)
    projected = intercept + slope * rule.target_year
    result.projected_value = projected
    result.worsening = rule.d * slope < 0
    target = rule.target_for(base)
    if target is None:
        result.warnings.append("no_target_value")
        return result
    result.target_value = target
    if base == target or rule.meets(base, target):
        result.warnings.append("base_on_target" if base == target else "base_beyond_target")
        result.status = Status.ON_TRACK if rule.meets(projected, target) else Status.REGRESSING
        return result
    result.gap = (target - projected) / (target - base)
    result.status = _status_from_gap(result.gap)
    return result


def _status_from_gap(gap: float) -> Status:
    if gap <= 0:
        return Status.ON_TRACK
    if gap < 1:
        return Status.ACCELERATE
    return Status.REGRESSING

"""Trend projections to the horizon year, with a prediction interval, in plain Python over statsmodels (no ORM).

The method is a time-weighted linear trend: a straight line fitted by weighted least squares (statsmodels'
``WLS``), each year weighted ``(T − t_first) / (T − t)`` as in the anticipated-progress method of the progress
app (:mod:`migmon.progress.anticipated`), so recent years count more. The band is statsmodels' 95 % prediction
interval for a new observation. A series that never went below zero (counts, costs, shares) is projected no
lower than zero, and the projection says it was bounded. Fewer than :data:`MIN_POINTS` yearly figures are
refused: two parameters need at least two more points for the interval to mean anything. A projection extends
the past; it is not a forecast of any scenario, and pages say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm

METHOD = "time_weighted_linear_trend"
MIN_POINTS = 4
CONFIDENCE = 0.95


@dataclass(frozen=True)
class ProjectedYear:
    year: int
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Projection:
    horizon: int
    points: int
    refused: str | None = None  # too_few_points
    years: tuple[ProjectedYear, ...] = ()
    method: str = METHOD
    bounded_at_zero: bool = False

    @property
    def at_horizon(self) -> ProjectedYear | None:
        return self.years[-1] if self.years else None


def project(points: Iterable[tuple[int, float | None]], *, horizon: int = 2030) -> Projection:
    """Project the yearly ``points`` to ``horizon`` (every year after the last one), or say why not."""
    usable = sorted((year, value) for year, value in points if value is not None and year < horizon)
    if len(usable) < MIN_POINTS:
        return Projection(horizon=horizon, points=len(usable), refused="too_few_points")
    years = np.array([year for year, _ in usable], dtype=float)
    values = np.array([value for _, value in usable], dtype=float)
    weights = (horizon - years[0]) / (horizon - years)
    fit = sm.WLS(values, sm.add_constant(years), weights=weights).fit()
    future = np.arange(usable[-1][0] + 1, horizon + 1, dtype=float)  # never empty: every year is < horizon
    frame = fit.get_prediction(sm.add_constant(future, has_constant="add")).summary_frame(alpha=1 - CONFIDENCE)
    floor = 0.0 if values.min() >= 0 else -np.inf
    projected = tuple(
        ProjectedYear(int(year), max(float(mean), floor), max(float(low), floor), max(float(high), floor))
        for year, mean, low, high in zip(
            future, frame["mean"], frame["obs_ci_lower"], frame["obs_ci_upper"], strict=True
        )
    )
    bounded = bool(floor == 0.0 and frame["obs_ci_lower"].min() < 0)
    return Projection(horizon=horizon, points=len(usable), years=projected, bounded_at_zero=bounded)

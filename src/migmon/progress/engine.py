"""Open SDG's progress measure (sdg-build ``ProgressMeasure``, Open SDG 2.4.0), written from its published formulas.

Pure Python on ``(year, value)`` points and a :class:`~migmon.progress.rules.Rule`; every intermediate figure is
kept in the :class:`Assessment` so pages and the API can show how a status was reached.

- Base year: the rule's base year (2015) if there is a value for it, else the first year after it; current
  year: the latest. At least two years are needed.
- ``CAGR(v, v0, t, t0) = (v / v0) ** (1 / (t − t0)) − 1``; ``d`` = ±1 for the desired direction, ``sign`` = −1 when
  the base value is negative.
- With a target: achieved (score 5) if the current value is on the desired side of it; else
  ``R = sign · d · CAGR_observed / |CAGR_required|`` — the absolute value keeps a value that started on the good
  side of its target and then worsened past it a deterioration (the naive ``CAGR_a / CAGR_t`` calls it on track).
- Without a target: ``P = sign · d · CAGR_observed`` against 1.5 % / 0.5 % / 0, scaled by the limit factor ``C``.
- A base or target of 0 becomes 0.001 (with a warning); a base and current value of opposite signs cannot be
  assessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from migmon.progress.rules import Rule, year_of
from migmon.progress.statuses import Status, status_from_score

METHOD = "open_sdg"
ZERO_REPLACEMENT = 0.001
HIGH_THRESHOLD = 0.015
MIDDLE_THRESHOLD = 0.005
LIMIT_EXPONENT = 4.44


@dataclass
class Assessment:
    """One series (area, disaggregation) assessed by one method, with every component it was computed from."""

    method: str
    status: Status
    score: float | None = None
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target_value: float | None = None
    target_year: int | None = None
    direction: str | None = None
    limit: float | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = None
    limit_factor: float | None = None
    #: anticipated-progress components (ESCAP/UNECE); see :mod:`migmon.progress.anticipated`
    projected_value: float | None = None
    gap: float | None = None
    points: int = 0
    #: the observed trend goes the wrong way (also shown for a target already achieved)
    worsening: bool = False
    warnings: list[str] = field(default_factory=list)


def cagr(value: float, base: float, year: int, base_year: int) -> float:
    """Compound annual growth rate between two values (both of the same sign)."""
    return (value / base) ** (1 / (year - base_year)) - 1


def limit_factor(base: float, limit: float) -> float:
    """``C``: how much room a bounded series has left between its base value and its limit."""
    b, lim = abs(base), abs(limit)
    if b >= 2 * lim:
        return 1.0
    if b <= lim:
        return 1 - (b / lim) ** LIMIT_EXPONENT
    return 1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT


def score_with_target(ratio: float) -> float:
    """Open SDG's score for ``R = observed / required growth``."""
    if ratio >= 0.6:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


def score_without_target(progress: float, factor: float) -> float:
    """Open SDG's score for the direction-signed growth ``P`` with the limit factor ``C`` (1 when unbounded)."""
    if progress < 0:
        return max(125 * progress - 2.5, -5.0)
    if factor == 0:
        return 5.0
    scaled = progress / factor
    if scaled >= HIGH_THRESHOLD:
        return min(500 * scaled - 5, 5.0)
    if scaled >= MIDDLE_THRESHOLD:
        return 250 * scaled - 1.25
    return 500 * scaled - 2.5


def usable_points(points: Iterable[tuple[str | int, float | None]], base_year: int) -> list[tuple[int, float]]:
    """Values from the base year on, one per year (the last one given wins), in year order."""
    by_year: dict[int, float] = {}
    for period, value in points:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        year = year_of(period)
        if year >= base_year:
            by_year[year] = float(value)
    return sorted(by_year.items())


def assess(points: Iterable[tuple[str | int, float | None]], rule: Rule) -> Assessment:
    """Open SDG's status for one series' values (``(period, value)`` pairs)."""
    series = usable_points(points, rule.base_year)
    result = Assessment(
        method=METHOD,
        status=Status.NOT_AVAILABLE,
        direction=rule.direction.value,
        target_year=rule.target_year,
        limit=rule.limit,
        points=len(series),
    )
    if len(series) < 2:
        result.warnings.append("too_few_years")
        return result
    (base_year, base), (current_year, current) = series[0], series[-1]
    result.base_year, result.base_value = base_year, base
    result.current_year, result.current_value = current_year, current
    if base * current < 0:
        result.warnings.append("opposite_signs")
        return result
    if base == 0:
        result.warnings.append("base_zero")
        base = ZERO_REPLACEMENT
    if current == 0:
        current = ZERO_REPLACEMENT if base > 0 else -ZERO_REPLACEMENT
    sign = -1 if base < 0 else 1
    observed = cagr(current, base, current_year, base_year)
    result.cagr_observed = observed
    result.worsening = sign * rule.d * observed < 0
    target = rule.target_for(result.base_value or 0.0)
    if target is not None:
        _with_target(result, rule, target, base, sign, observed)
    else:
        _without_target(result, rule, base, sign, observed)
    return result


def _with_target(result: Assessment, rule: Rule, target: float, base: float, sign: int, observed: float) -> None:
    result.target_value = target
    if rule.meets(result.current_value or 0.0, target):
        result.score = 5.0
        result.status = Status.TARGET_ACHIEVED
        return
    if target == 0:
        result.warnings.append("target_zero")
        target = ZERO_REPLACEMENT if base > 0 else -ZERO_REPLACEMENT
    if target * base < 0:
        result.warnings.append("opposite_signs")
        return
    required = cagr(target, base, rule.target_year, result.base_year or rule.base_year)
    result.cagr_required = required
    if required == 0:
        result.warnings.append("base_on_target")
        required = ZERO_REPLACEMENT
    result.ratio = sign * rule.d * observed / abs(required)
    result.score = score_with_target(result.ratio)
    result.status = status_from_score(result.score)


def _without_target(result: Assessment, rule: Rule, base: float, sign: int, observed: float) -> None:
    progress = sign * rule.d * observed
    factor = limit_factor(base, rule.limit) if rule.limit else 1.0
    result.ratio = progress
    result.limit_factor = factor
    result.score = score_without_target(progress, factor)
    result.status = status_from_score(result.score)

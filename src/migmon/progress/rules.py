"""What a series is assessed against: desired direction, target value and year, limit, base year.

Plain data with no ORM, so the engine can be run and tested on numbers alone; the register
(:mod:`migmon.progress.models`) turns its rows into these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class TargetKind(StrEnum):
    """An absolute target value (``≤ 3 %``) or a factor of the base-year value (``Reduce by 1/2`` → 0.5)."""

    ABSOLUTE = "absolute"
    RELATIVE = "relative"


DEFAULT_BASE_YEAR = 2015
DEFAULT_TARGET_YEAR = 2030


@dataclass(frozen=True)
class Rule:
    """How one series (or one disaggregation of it) is assessed. Open SDG's default is "decrease", no target."""

    direction: Direction = Direction.DECREASE
    target: float | None = None
    target_kind: TargetKind = TargetKind.ABSOLUTE
    target_year: int = DEFAULT_TARGET_YEAR
    limit: float | None = None
    base_year: int = DEFAULT_BASE_YEAR

    @property
    def d(self) -> int:
        """+1 when an increase is desired, −1 when a decrease is."""
        return 1 if self.direction == Direction.INCREASE else -1

    def target_for(self, base_value: float) -> float | None:
        """The target value, relative targets resolved against the base-year value."""
        if self.target is None:
            return None
        if self.target_kind == TargetKind.RELATIVE:
            return self.target * base_value
        return self.target

    def meets(self, value: float, target: float) -> bool:
        """True when ``value`` is on the desired side of ``target`` (or on it)."""
        return value >= target if self.direction == Direction.INCREASE else value <= target


def year_of(period: str | int) -> int:
    """The year a period counts as: ``2015-16`` and ``2015-2016`` count as 2015 (Open SDG's rule)."""
    if isinstance(period, int):
        return period
    return int(str(period).strip()[:4])

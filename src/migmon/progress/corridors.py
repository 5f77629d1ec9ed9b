"""The second half of target 10.c: no remittance corridor costing more than 5 % (pure Python).

From the corridor series ``SI_RMT_COST_BC`` (sending country → receiving country, cost in % of 200 USD sent),
a sending country's corridors above the threshold are counted per year, with their share of the corridors
priced that year. The share is the series whose progress toward 0 is assessed (a count depends on how many
corridors the World Bank priced that year; the share does not).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

CORRIDOR_SERIES = "SI_RMT_COST_BC"
AVERAGE_SERIES = "SI_RMT_COST"
#: The derived series' code in the register, the API and pages.
DERIVED_SERIES = "SI_RMT_COST_BC_GT5"
THRESHOLD = 5.0


@dataclass(frozen=True)
class CorridorYear:
    """One sending country's corridors in one year."""

    year: int
    corridors: int
    above: int

    @property
    def share(self) -> float:
        """Percentage of the year's corridors costing more than the threshold."""
        return 100.0 * self.above / self.corridors


def corridors_above(rows: Iterable[tuple[int, str, float | None]], threshold: float = THRESHOLD) -> list[CorridorYear]:
    """``(year, receiving country, cost)`` rows of one sending country → per-year counts, in year order.

    A corridor counts as above when its cost is strictly greater than ``threshold`` (10.c: "eliminate
    remittance corridors with costs higher than 5 per cent"). Rows without a value are skipped.
    """
    per_year: dict[int, dict[str, float]] = defaultdict(dict)
    for year, counterpart, value in rows:
        if value is not None:
            per_year[year][counterpart] = value
    return [
        CorridorYear(year=year, corridors=len(costs), above=sum(1 for cost in costs.values() if cost > threshold))
        for year, costs in sorted(per_year.items())
    ]

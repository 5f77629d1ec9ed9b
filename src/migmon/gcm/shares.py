"""Shares for the pledging dashboard: percentages to one decimal, rounding half up (never to the nearest even).

Python's ``round`` rounds half to even and works on binary floats, so 212 of 301 (70.432…) is fine but a share
that lands on …x5 could go either way; ``Decimal`` with ROUND_HALF_UP gives the figure a reader computes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal, half up; None when there is no whole."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

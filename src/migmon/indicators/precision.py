"""How many decimals a figure is shown with: one rule for the tables, the charts and the projection cards.

The rule the data pages have always used: up to two decimals below 1,000, none from 1,000 up (1 234 567 people,
7.83 % of the amount remitted, 63.56 refugees per 100,000). A unit adds one thing: figures that count people,
deaths or victims (``NUMBER`` with no power of ten) are whole, so a projected 547.6 deaths reads 548. A count in
thousands (``POP_TOTAL``, multiplier 3) is not whole: 10.5 thousand keeps its decimal. The module imports nothing
(readers and templates of every app use it).
"""

from __future__ import annotations

#: Decimals below :data:`LARGE` (the charts' Vega-Lite format is ``,.2~f``: the same two).
MOST_DECIMALS = 2
#: From here up, no decimals: a figure of four digits or more is read for its size.
LARGE = 1000
#: Units whose figures are counts of persons or events.
COUNT_UNITS = frozenset({"NUMBER"})


def decimals(value: float | None, *, most: int = MOST_DECIMALS) -> int:
    """Decimals for ``value`` whatever its unit: ``most`` below 1,000, none above or for a whole number."""
    if value is None or float(value).is_integer() or abs(float(value)) >= LARGE:
        return 0
    return most


def decimals_for(unit: str, value: float | None, *, multiplier: int = 0) -> int:
    """Decimals for ``value`` of a series in ``unit``: counts are whole, everything else follows :func:`decimals`."""
    if unit in COUNT_UNITS and not multiplier:
        return 0
    return decimals(value)

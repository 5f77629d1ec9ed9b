"""Series whose values are categories, not quantities: their codes, in order, and what each code means.

The UN publishes the 10.7.2 policy assessment as numbers (``SG_CPA_MIGRS`` 1 to 4, ``SG_CPA_MIGR`` 0 or 1),
but a 3 is "Meets", not three of anything: a trend line through it, a mean or a quantile map would read an
order as a quantity. Pages draw these series as categories (a coloured cell per period, a map legend of the
categories) and label each value; files and the API keep the published code. The meanings are the official
ones, written in the series' names of the global SDG DSD constraints (``data/sdg-series-codes``: "(1 = Requires
further progress; 2 = Partially meets; 3 = Meets; 4 = Fully meets)"), which a test checks entry by entry.

Plain Python that imports nothing: readers, selectors and templates use it. Labels are English msgids that
pages translate (``gettext`` of the label).
"""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a label for ``makemessages``; pages translate it when they show it."""
    return message


@dataclass(frozen=True, slots=True)
class Category:
    """One value a categorical series takes: ``value`` as published (3.0), ``code`` as written ("3")."""

    value: int
    label: str

    @property
    def code(self) -> str:
        return str(self.value)


#: Series code → its categories, lowest to highest (the order legends and colour scales follow).
CATEGORICAL: dict[str, tuple[Category, ...]] = {
    "SG_CPA_MIGRS": (
        Category(1, gettext_noop("Requires further progress")),
        Category(2, gettext_noop("Partially meets")),
        Category(3, gettext_noop("Meets")),
        Category(4, gettext_noop("Fully meets")),
    ),
    "SG_CPA_MIGR": (
        Category(0, gettext_noop("No")),
        Category(1, gettext_noop("Yes")),
    ),
}


def is_categorical(series: str) -> bool:
    return series in CATEGORICAL


def categories_of(series: str) -> tuple[Category, ...]:
    """The categories of ``series`` in order; empty for a series of quantities."""
    return CATEGORICAL.get(series, ())


def category_of(series: str, value: float | None) -> Category | None:
    """The category ``value`` stands for in ``series``; None for a quantity, a missing value or an unknown code
    (a 5 in a 1–4 scale is shown as published, never given a meaning it does not have)."""
    if value is None:
        return None
    for category in CATEGORICAL.get(series, ()):
        if float(value) == category.value:
            return category
    return None

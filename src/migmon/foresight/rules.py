"""The signpost rule grammar and its evaluator, in plain Python (no ORM): data in, a state out.

A rule turns the values of one series into a yearly figure, then asks whether a condition held in each of the
last ``persistence`` years up to the latest year with a figure:

1. **aggregate** — ``latest``: the area's value each year; ``mean``: the mean of the last ``window`` years (every
   one of them present); ``count_above``: how many units (corridors or areas) had a value above ``cut`` that year;
   ``share_above``: the same count over the units with a value that year.
2. **comparator** — ``above``/``below`` ``threshold``; ``rising``/``falling``: against the previous calendar year.
3. **persistence** — the condition must hold in each of the last k years (k running, no gaps).
4. **min_points** — fewer yearly figures than this cannot decide anything.

The state is ``on`` when every checked year holds, ``off`` when one checked year with data fails, and
``insufficient`` otherwise: missing data never turns a signpost off. ``as_of`` evaluates the rule with only the
years up to it, which gives the history by year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from migmon.foresight.choices import GROUP_AGGREGATES, Aggregate, Comparator, State

# One unit (an area, or a corridor: area and counterpart) → its values by year.
Panel = Mapping[str, Mapping[int, float | None]]


class RuleError(ValueError):
    """A rule that cannot be evaluated as written (a missing threshold, a window of zero years …)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


@dataclass(frozen=True)
class Rule:
    aggregate: str = Aggregate.LATEST.value
    comparator: str = Comparator.RISING.value
    threshold: float | None = None
    window: int = 1
    cut: float | None = None
    persistence: int = 1
    min_points: int = 1

    def check(self) -> None:
        """Raise :class:`RuleError` naming the first field that makes the rule unusable."""
        if self.aggregate not in Aggregate.values:
            raise RuleError("aggregate", _("Unknown aggregate %(value)r.") % {"value": self.aggregate})
        if self.comparator not in Comparator.values:
            raise RuleError("comparator", _("Unknown comparator %(value)r.") % {"value": self.comparator})
        if self.comparator in (Comparator.ABOVE, Comparator.BELOW) and self.threshold is None:
            raise RuleError("threshold", _("A threshold is needed to compare above or below."))
        if self.aggregate in GROUP_AGGREGATES and self.cut is None:
            raise RuleError("cut", _("Counting or sharing units above a value needs that value."))
        for name in ("window", "persistence", "min_points"):
            if getattr(self, name) < 1:
                raise RuleError(name, _("%(field)s must be at least 1.") % {"field": name})


@dataclass(frozen=True)
class Check:
    """The condition in one year: True, False, or None when the data cannot say."""

    year: int
    holds: bool | None


@dataclass(frozen=True)
class Evaluation:
    state: str
    reason: str  # no_data, too_few_points, held, broke, gap
    year: int | None = None
    value: float | None = None
    points: int = 0
    checks: tuple[Check, ...] = ()
    values: tuple[tuple[int, float], ...] = field(default=(), repr=False)


def _present(values: Mapping[int, float | None]) -> dict[int, float]:
    return {year: value for year, value in values.items() if value is not None}


def yearly_figures(rule: Rule, panel: Panel) -> dict[int, float]:
    """The aggregate of the panel for each year it can be computed."""
    units = {unit: _present(values) for unit, values in panel.items()}
    if rule.aggregate in GROUP_AGGREGATES:
        assert rule.cut is not None
        years = sorted({year for values in units.values() for year in values})
        figures = {}
        for year in years:
            reporting = [values[year] for values in units.values() if year in values]
            above = sum(1 for value in reporting if value > rule.cut)
            figures[year] = float(above) if rule.aggregate == Aggregate.COUNT_ABOVE else above / len(reporting)
        return figures
    if len(units) > 1:
        raise RuleError("areas", _("A value or a mean is read for one area at a time."))
    values = next(iter(units.values()), {})
    if rule.aggregate == Aggregate.LATEST:
        return dict(sorted(values.items()))
    means = {}
    for year in sorted(values):
        span = [values.get(y) for y in range(year - rule.window + 1, year + 1)]
        if all(v is not None for v in span):
            means[year] = sum(v for v in span if v is not None) / rule.window
    return means


def _holds(rule: Rule, figures: Mapping[int, float], year: int) -> bool | None:
    value = figures.get(year)
    if value is None:
        return None
    if rule.comparator == Comparator.ABOVE:
        assert rule.threshold is not None
        return value > rule.threshold
    if rule.comparator == Comparator.BELOW:
        assert rule.threshold is not None
        return value < rule.threshold
    previous = figures.get(year - 1)
    if previous is None:
        return None
    return value > previous if rule.comparator == Comparator.RISING else value < previous


def evaluate(rule: Rule, panel: Panel, *, as_of: int | None = None) -> Evaluation:
    """The state of ``rule`` on ``panel``, with the years it checked (only years up to ``as_of`` when given)."""
    rule.check()
    figures = yearly_figures(rule, panel)
    if as_of is not None:
        figures = {year: value for year, value in figures.items() if year <= as_of}
    series = tuple(sorted(figures.items()))
    if not figures:
        return Evaluation(State.INSUFFICIENT.value, "no_data")
    latest = max(figures)

    def result(state: State, reason: str, checks: tuple[Check, ...] = ()) -> Evaluation:
        return Evaluation(state.value, reason, latest, figures[latest], len(figures), checks, series)

    if len(figures) < rule.min_points:
        return result(State.INSUFFICIENT, "too_few_points")
    checks = tuple(
        Check(year, _holds(rule, figures, year)) for year in range(latest - rule.persistence + 1, latest + 1)
    )
    if any(check.holds is False for check in checks):
        return result(State.OFF, "broke", checks)
    if all(check.holds for check in checks):
        return result(State.ON, "held", checks)
    return result(State.INSUFFICIENT, "gap", checks)


def history_by_year(rule: Rule, panel: Panel) -> list[Evaluation]:
    """The state the rule had as of each year with a figure, oldest first."""
    rule.check()
    return [evaluate(rule, panel, as_of=year) for year in sorted(yearly_figures(rule, panel))]

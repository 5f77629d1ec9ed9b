"""The worked examples of the method page (issue 13's inputs), computed by the engine when the page is shown.

Only the inputs are written here; every output on the page comes from :mod:`migmon.progress.engine`.
"""

from __future__ import annotations

from dataclasses import dataclass

from migmon.progress import engine
from migmon.progress.engine import Assessment
from migmon.progress.rollup import Rollup, mean_status
from migmon.progress.rules import Direction, Rule


@dataclass(frozen=True)
class Example:
    letter: str
    points: tuple[tuple[int, float], ...]
    rule: Rule

    def assess(self) -> Assessment:
        return engine.assess(self.points, self.rule)


EXAMPLES = (
    Example("A", ((2015, 10), (2016, 30)), Rule(direction=Direction.DECREASE, target=1)),
    Example("B", ((2015, 5), (2016, 6)), Rule(direction=Direction.INCREASE, target=9)),
    Example("C", ((2020, 100), (2021, 120)), Rule()),
    Example("E", ((2015, 10), (2022, 8)), Rule(direction=Direction.DECREASE, target=5)),
    Example("F", ((2015, 90), (2020, 95)), Rule(direction=Direction.INCREASE, limit=100)),
    Example("F′", ((2015, 90), (2020, 95)), Rule(direction=Direction.INCREASE)),
    Example("G", ((2015, 2.0), (2020, 2.2)), Rule(direction=Direction.INCREASE)),
    Example("H", ((2015, 7.0), (2021, 2.9)), Rule(direction=Direction.DECREASE, target=3)),
)
MEAN_OF = ("E", "G", "C", "B")


def mean_example() -> Rollup:
    """The mean rule on E, G, C and B (1.325: moderate progress, where the median would say on track)."""
    chosen = [example.assess() for example in EXAMPLES if example.letter in MEAN_OF]
    return mean_status((assessment.status, assessment.score) for assessment in chosen)

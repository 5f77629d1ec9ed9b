"""Read the seed of the target register: Open SDG's "target or desired direction" table and migmon's overrides.

Pure (no ORM). :func:`parse_target_text` turns a cell such as ``≤ 3%``, ``Reduce by 1/2`` or ``Score ≥ 3 (Meets or
fully meets)`` into a direction and target; cells that name several series (``(a) …; (b) …``), country groups or
no statistic (``Non-statistical``, ``Multiple``) give None — those indicators stay out of the register until a
data manager adds a row by hand. The overrides (``data/register_overrides.csv``) hold what the table does not:
the 2025 target year of 8.7, the per-domain rule of 10.7.2 and the second half of 10.c, each with its basis.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from migmon.progress.rules import DEFAULT_TARGET_YEAR, Direction, TargetKind

TABLE = "progress-targets/targets_and_directions.csv"
OVERRIDES = Path(__file__).parent / "data" / "register_overrides.csv"
TABLE_SOURCE = "Open SDG progress methodology, table 'target or desired direction' (data/progress-targets)"

_NUMBER = r"(\d+(?:\.\d+)?)"
_COMPARISON = re.compile(rf"^(?:Score\s*)?([≤≥])\s*{_NUMBER}\s*%?(?:\s*per [\d,]+)?(?:\s*\(.*\))?$")
_PLAIN = re.compile(rf"^{_NUMBER}\s*%?$")
_REDUCE_FRACTION = re.compile(r"^Reduce by (\d+)/(\d+)$")
_REDUCE_PERCENT = re.compile(rf"^Reduce by {_NUMBER}%$")


@dataclass(frozen=True)
class SeedRow:
    """One register row to create: a series (or all of an indicator's series when ``series`` is empty)."""

    indicator: str
    series: str
    disaggregation: str
    measure: str
    direction: Direction
    target: float | None
    target_kind: TargetKind
    target_year: int
    source_text: str
    basis: str


def parse_target_text(text: str) -> tuple[Direction, float | None, TargetKind] | None:
    """Direction, target and kind from a cell of the table; None when it cannot be read as one rule."""
    cell = text.replace("(*See exceptions*)", "").strip()
    if cell in {"Increase", "Decrease"}:
        return Direction(cell.lower()), None, TargetKind.ABSOLUTE
    if cell == "Increase by double":
        return Direction.INCREASE, 2.0, TargetKind.RELATIVE
    if match := _REDUCE_FRACTION.match(cell):
        return Direction.DECREASE, 1 - int(match[1]) / int(match[2]), TargetKind.RELATIVE
    if match := _REDUCE_PERCENT.match(cell):
        return Direction.DECREASE, round(1 - float(match[1]) / 100, 6), TargetKind.RELATIVE
    if match := _COMPARISON.match(cell):
        direction = Direction.DECREASE if match[1] == "≤" else Direction.INCREASE
        return direction, float(match[2]), TargetKind.ABSOLUTE
    if match := _PLAIN.match(cell):
        value = float(match[1])
        # 0 % is reached by going down, 100 % by going up; a plain level in between has no direction of its own.
        if value == 0:
            return Direction.DECREASE, 0.0, TargetKind.ABSOLUTE
        if cell.endswith("%") and value == 100:
            return Direction.INCREASE, 100.0, TargetKind.ABSOLUTE
    return None


def read_table(data_dir: Path) -> Iterator[SeedRow]:
    """The rows of Open SDG's table that read as one rule, for every series of their indicator."""
    with (data_dir / TABLE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["Target or desired direction"].strip()
            parsed = parse_target_text(text)
            if parsed is None:
                continue
            direction, target, kind = parsed
            yield SeedRow(
                indicator=row["Indicator number"].strip(),
                series="",
                disaggregation="",
                measure="value",
                direction=direction,
                target=target,
                target_kind=kind,
                target_year=DEFAULT_TARGET_YEAR,
                source_text=text,
                basis=TABLE_SOURCE,
            )


def read_overrides(path: Path = OVERRIDES) -> list[SeedRow]:
    """migmon's additions to the table, each with its basis."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            SeedRow(
                indicator=row["indicator"],
                series=row["series"],
                disaggregation=row["disaggregation"],
                measure=row["measure"],
                direction=Direction(row["direction"]),
                target=float(row["target"]) if row["target"] else None,
                target_kind=TargetKind(row["target_kind"]),
                target_year=int(row["target_year"]),
                source_text=row["source_text"],
                basis=row["basis"],
            )
            for row in csv.DictReader(handle)
        ]

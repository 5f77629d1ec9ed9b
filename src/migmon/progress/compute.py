"""One pass over observations: every (area, series, disaggregation) of the register assessed by both methods.

Pure Python: the rows come in as tuples (the selectors read them), so the same code serves the pages, the API
and the bench. Regions get two kinds of figures, never mixed: the region's **own series** where the data has
values for the region itself (assessed like a country), and the **unweighted mean of its countries' scores**
(:func:`region_means`), each labelled by its ``basis``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from migmon.progress import anticipated, engine
from migmon.progress.corridors import corridors_above
from migmon.progress.engine import Assessment
from migmon.progress.rollup import Rollup, majority_status, mean_status
from migmon.progress.rules import Rule

VALUE = "value"
CORRIDORS_ABOVE_5 = "corridors_above_5"
OWN = "own_series"
COUNTRY_MEAN = "country_mean"

#: (series code, disaggregation key, measure)
UnitKey = tuple[str, str, str]


@dataclass(frozen=True)
class Unit:
    """One register row: what is assessed and how."""

    series: str
    disaggregation: str
    measure: str
    rule: Rule


@dataclass
class UnitProgress:
    """Both methods for one area and one register row, with the points they were computed from."""

    area_id: int
    unit: Unit
    open_sdg: Assessment
    anticipated: Assessment
    points: list[tuple[int, float]]
    basis: str = OWN
    #: for the corridor measure: (year, corridors priced, corridors above 5 %)
    corridor_counts: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class RegionMean:
    """A region's figure from its countries: the mean of their Open SDG scores and the anticipated majority."""

    area_id: int
    unit: Unit
    open_sdg: Rollup
    anticipated: Rollup
    countries: int
    basis: str = COUNTRY_MEAN


def _assess(area_id: int, unit: Unit, points: list[tuple[int, float]]) -> UnitProgress:
    return UnitProgress(
        area_id=area_id,
        unit=unit,
        open_sdg=engine.assess(points, unit.rule),
        anticipated=anticipated.assess(points, unit.rule),
        points=points,
    )


def assess_all(
    units: Iterable[Unit],
    observations: Iterable[tuple[int, str, str, int, float | None]],
    corridor_rows: Iterable[tuple[int, int, int, float | None]] = (),
) -> dict[tuple[int, UnitKey], UnitProgress]:
    """``(area, series, dimension key, year, value)`` rows and corridor ``(sending, receiving, year, cost)`` rows
    → every unit's progress per area that has data for it."""
    by_series: dict[str, dict[str, Unit]] = defaultdict(dict)
    corridor_units: list[Unit] = []
    for unit in units:
        if unit.measure == CORRIDORS_ABOVE_5:
            corridor_units.append(unit)
        else:
            by_series[unit.series][unit.disaggregation] = unit
    grouped: dict[tuple[int, str, str], list[tuple[int, float]]] = defaultdict(list)
    for area_id, series, key, year, value in observations:
        wanted = by_series.get(series)
        if wanted is not None and key in wanted and value is not None:
            grouped[(area_id, series, key)].append((year, value))
    results: dict[tuple[int, UnitKey], UnitProgress] = {}
    for (area_id, series, key), points in grouped.items():
        unit = by_series[series][key]
        points.sort()
        results[(area_id, (series, key, unit.measure))] = _assess(area_id, unit, points)
    if corridor_units:
        results.update(_corridor_progress(corridor_units, corridor_rows))
    return results


def _corridor_progress(
    units: list[Unit], rows: Iterable[tuple[int, int, int, float | None]]
) -> dict[tuple[int, UnitKey], UnitProgress]:
    per_area: dict[int, list[tuple[int, str, float | None]]] = defaultdict(list)
    for sending, receiving, year, value in rows:
        per_area[sending].append((year, str(receiving), value))
    results: dict[tuple[int, UnitKey], UnitProgress] = {}
    for unit in units:
        for area_id, corridor_rows in per_area.items():
            years = corridors_above(corridor_rows)
            points = [(year.year, year.share) for year in years]
            progress = _assess(area_id, unit, points)
            progress.corridor_counts = [(year.year, year.corridors, year.above) for year in years]
            results[(area_id, (unit.series, unit.disaggregation, unit.measure))] = progress
    return results


def region_means(
    results: Mapping[tuple[int, UnitKey], UnitProgress], members: Mapping[int, Iterable[int]]
) -> dict[tuple[int, UnitKey], RegionMean]:
    """For each region (``region id → its countries' ids``) and unit: the unweighted mean of country scores."""
    by_unit_area: dict[UnitKey, dict[int, UnitProgress]] = defaultdict(dict)
    for (area_id, key), progress in results.items():
        by_unit_area[key][area_id] = progress
    means: dict[tuple[int, UnitKey], RegionMean] = {}
    for region_id, countries in members.items():
        country_ids = list(countries)
        for key, per_area in by_unit_area.items():
            found = [per_area[c] for c in country_ids if c in per_area]
            if not found:
                continue
            means[(region_id, key)] = RegionMean(
                area_id=region_id,
                unit=found[0].unit,
                open_sdg=mean_status((p.open_sdg.status, p.open_sdg.score) for p in found),
                anticipated=majority_status(p.anticipated.status for p in found),
                countries=len(found),
            )
    return means

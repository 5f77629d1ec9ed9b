"""Reads of progress toward 2030 for pages, the API, the GCM profile and the bench.

Everything starts from :func:`progress_table`: one read of the register's observations (through
:mod:`migmon.indicators.selectors`), assessed by both methods in one pass (:mod:`migmon.progress.compute`), with
region means and the framework links. It is computed once per data version (a release imported or rolled back)
and register state (a target edited), and kept for the process: a page or an API call after the first reuses it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max

from migmon.geo.models import Area, AreaKind
from migmon.geo.selectors import RegionNode, regions_tree
from migmon.indicators.framework_selectors import (
    gcm_links,
    goals_with_targets,
    series_indicator_codes,
)
from migmon.indicators.models import GcmLinkStrength
from migmon.indicators.selectors import corridor_observations, data_version, observations_for
from migmon.progress.compute import (
    CORRIDORS_ABOVE_5,
    RegionMean,
    Unit,
    UnitKey,
    UnitProgress,
    assess_all,
    region_means,
)
from migmon.progress.corridors import CORRIDOR_SERIES
from migmon.progress.levels import Framework, LevelStatus, area_levels
from migmon.progress.models import ProgressTarget
from migmon.progress.statuses import Status


@dataclass
class ProgressTable:
    """Every assessed unit per area, the region means, and what is needed to roll them up and name them."""

    version: str
    units: list[Unit]
    results: dict[tuple[int, UnitKey], UnitProgress]
    region_means: dict[tuple[int, UnitKey], RegionMean]
    framework: Framework
    areas: dict[int, Area]
    by_area: dict[int, list[UnitProgress]] = field(default_factory=dict)
    means_by_area: dict[int, dict[UnitKey, RegionMean]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (area_id, _), progress in self.results.items():
            self.by_area.setdefault(area_id, []).append(progress)
        for (area_id, key), mean in self.region_means.items():
            self.means_by_area.setdefault(area_id, {})[key] = mean

    def area_units(self, area_id: int) -> list[UnitProgress]:
        return self.by_area.get(area_id, [])


_memo: tuple[str, ProgressTable] | None = None
_lock = threading.Lock()


def register_version() -> str:
    """Changes whenever a register row is added, edited or removed."""
    state = ProgressTarget.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    last = state["last"].timestamp() if state["last"] else 0
    return f"{state['n']}.{state['top']}.{last}"


def register_units() -> list[Unit]:
    """The register as plain rules."""
    return [
        Unit(series=row.series.code, disaggregation=row.disaggregation, measure=row.measure, rule=row.rule())
        for row in ProgressTarget.objects.select_related("series")
    ]


def read_observations(units: Iterable[Unit]) -> tuple[list[tuple[int, str, str, int, float | None]], list]:
    """The rows the units need: values of their series, and corridor costs for the corridor measure."""
    units = list(units)
    series = sorted({u.series for u in units if u.measure != CORRIDORS_ABOVE_5})
    rows = list(
        observations_for(series=series).values_list("area_id", "series__code", "dimensions__key", "year", "value")
    )
    corridor_rows: list[tuple[int, int, int, float | None]] = []
    if any(u.measure == CORRIDORS_ABOVE_5 for u in units):
        corridor_rows = list(
            corridor_observations(series=CORRIDOR_SERIES).values_list(
                "area_id", "dimensions__counterpart_area_id", "year", "value"
            )
        )
    return rows, corridor_rows


def _walk(node: RegionNode, areas: dict[int, Area], members: dict[int, list[int]], ancestors: list[int]) -> None:
    areas[node.area.pk] = node.area
    if node.area.kind == AreaKind.COUNTRY:
        for region in ancestors:
            members.setdefault(region, []).append(node.area.pk)
        return
    for child in node.children:
        _walk(child, areas, members, [*ancestors, node.area.pk])


def read_framework() -> Framework:
    indicator_targets: dict[str, list[str]] = {}
    target_goal: dict[str, str] = {}
    for goal in goals_with_targets():
        for target in goal.targets.all():
            target_goal[target.code] = str(goal.number)
            for indicator in target.indicators.all():
                indicator_targets.setdefault(indicator.code, []).append(target.code)
    # Specific links only: the general link to 10.7 that every objective has would give all 23 objectives
    # the status of 10.7 (the GCM profile names it once per objective for the same reason).
    gcm: dict[str, list[str]] = {}
    for link in gcm_links():
        if link.strength != GcmLinkStrength.GENERAL:
            gcm.setdefault(str(link.objective.number), []).append(link.target.code)
    return Framework(
        series_indicators=series_indicator_codes(),
        indicator_targets={code: tuple(targets) for code, targets in indicator_targets.items()},
        target_goal=target_goal,
        gcm_targets={number: tuple(dict.fromkeys(targets)) for number, targets in gcm.items()},
    )


def compute_table(version: str = "") -> ProgressTable:
    """Read and assess everything (no cache): what :func:`progress_table` keeps, and what the bench times."""
    units = register_units()
    rows, corridor_rows = read_observations(units)
    results = assess_all(units, rows, corridor_rows)
    areas: dict[int, Area] = {}
    members: dict[int, list[int]] = {}
    try:
        tree = regions_tree(language="en", with_countries=True)
    except Area.DoesNotExist:  # a database without its geography yet: no area to place an assessment in
        tree = None
    if tree is not None:
        _walk(tree, areas, members, [])
    return ProgressTable(
        version=version,
        units=units,
        results=results,
        region_means=region_means(results, members),
        framework=read_framework(),
        areas=areas,
    )


def progress_table() -> ProgressTable:
    """The assessed table for the current data and register (computed at most once per version and process)."""
    global _memo
    version = f"{data_version().tag}:{register_version()}"
    memo = _memo
    if memo is not None and memo[0] == version:
        return memo[1]
    with _lock:
        if _memo is not None and _memo[0] == version:
            return _memo[1]
        table = compute_table(version)
        _memo = (version, table)
        return table


def forget_cached_table() -> None:
    """Drop the process's table (tests that change data inside one transaction, where the version may not move)."""
    global _memo
    _memo = None


def levels_for(area: Area | int, *, table: ProgressTable | None = None) -> dict[str, dict[str, LevelStatus]]:
    """Status per level (series, indicator, target, goal, gcm) and code for one area.

    A country (or a region with its own series) is rolled up from its own units; a region without its own
    values for a series gets the mean of its countries instead (see :func:`region_basis`).
    """
    table = table or progress_table()
    area_id = area.pk if isinstance(area, Area) else area
    own = {(p.unit.series, p.unit.disaggregation, p.unit.measure): p for p in table.area_units(area_id)}
    entries: list[tuple[str, Status, float | None, Status]] = [
        (key[0], p.open_sdg.status, p.open_sdg.score, p.anticipated.status) for key, p in own.items()
    ]
    for key, mean in table.means_by_area.get(area_id, {}).items():
        if key not in own:
            entries.append((key[0], mean.open_sdg.status, mean.open_sdg.score, mean.anticipated.status))
    return area_levels(entries, table.framework)


def region_basis(area: Area | int, *, table: ProgressTable | None = None) -> dict[UnitKey, str]:
    """Per unit, which figure an area's status rests on: its own series, or the mean of its countries."""
    table = table or progress_table()
    area_id = area.pk if isinstance(area, Area) else area
    basis = {(p.unit.series, p.unit.disaggregation, p.unit.measure): p.basis for p in table.area_units(area_id)}
    for key, mean in table.means_by_area.get(area_id, {}).items():
        basis.setdefault(key, mean.basis)
    return basis


def statuses_for(area: Area | int, indicators: Iterable[str]) -> dict[str, LevelStatus]:
    """Open SDG and anticipated status of each indicator code for ``area`` (absent when not assessed).

    For the GCM profile and other pages that show a status beside an indicator.
    """
    levels = levels_for(area)["indicator"]
    return {code: levels[code] for code in indicators if code in levels}


def units_for(
    *, area: Area | int | None = None, series: str | None = None, table: ProgressTable | None = None
) -> list[UnitProgress]:
    """Assessed units (own series), optionally of one area and/or one series, in area and series order."""
    table = table or progress_table()
    area_id = area.pk if isinstance(area, Area) else area
    found = [
        progress
        for (unit_area, key), progress in table.results.items()
        if (area_id is None or unit_area == area_id) and (series is None or key[0] == series)
    ]
    return sorted(found, key=lambda p: (table.areas[p.area_id].code if p.area_id in table.areas else "", p.unit.series))


def statuses_across_areas(
    *, level: str, code: str, table: ProgressTable | None = None
) -> list[tuple[Area, LevelStatus]]:
    """Every country with a status for one framework entry (``level`` series or indicator, ``code``), by area code.

    For the progress map and table of an indicator or series page.
    """
    table = table or progress_table()
    found = []
    for area_id in table.by_area:
        area = table.areas.get(area_id)
        status = levels_for(area_id, table=table)[level].get(code)
        if status is not None and area is not None:
            found.append((area, status))
    return sorted(found, key=lambda item: item[0].code)

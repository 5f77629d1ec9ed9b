"""Roll one area's units up the framework: series → indicator → target → goal, and targets → GCM objectives.

Pure Python on a :class:`Framework` (plain mappings read once by the selectors). At each level the Open SDG
status is the mean of the level below (:func:`migmon.progress.rollup.mean_status`): an indicator is the mean of
its series, a target of its indicators, a goal of its targets, and a GCM objective of the SDG targets it is
linked to. The anticipated method rolls up by majority.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from migmon.progress.rollup import Rollup, majority_status, mean_status
from migmon.progress.statuses import Status

LEVELS = ("series", "indicator", "target", "goal", "gcm")


@dataclass(frozen=True)
class Framework:
    """Links between series, indicators, targets, goals and GCM objectives (codes only)."""

    series_indicators: Mapping[str, tuple[str, ...]]
    indicator_targets: Mapping[str, tuple[str, ...]]
    target_goal: Mapping[str, str]
    gcm_targets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LevelStatus:
    """One framework entry's status for one area under both methods."""

    code: str
    open_sdg: Rollup
    anticipated: Rollup

    @property
    def status(self) -> Status:
        return self.open_sdg.status


def _roll(groups: Mapping[str, list[LevelStatus]]) -> dict[str, LevelStatus]:
    return {
        code: LevelStatus(
            code=code,
            open_sdg=mean_status((m.open_sdg.status, m.open_sdg.score) for m in members),
            anticipated=majority_status(m.anticipated.status for m in members),
        )
        for code, members in groups.items()
    }


def area_levels(
    units: Iterable[tuple[str, Status, float | None, Status]], framework: Framework
) -> dict[str, dict[str, LevelStatus]]:
    """``(series code, Open SDG status, score, anticipated status)`` per unit → status per level and code."""
    by_series: dict[str, list[LevelStatus]] = defaultdict(list)
    for series, status, score, anticipated_status in units:
        by_series[series].append(
            LevelStatus(
                code=series,
                open_sdg=mean_status([(status, score)]),
                anticipated=majority_status([anticipated_status]),
            )
        )
    levels: dict[str, dict[str, LevelStatus]] = {"series": _roll(by_series)}
    levels["indicator"] = _roll(_regroup(levels["series"], framework.series_indicators))
    levels["target"] = _roll(_regroup(levels["indicator"], framework.indicator_targets))
    levels["goal"] = _roll(_regroup(levels["target"], {t: (g,) for t, g in framework.target_goal.items()}))
    by_objective: dict[str, list[LevelStatus]] = defaultdict(list)
    for objective, targets in framework.gcm_targets.items():
        for target in targets:
            if target in levels["target"]:
                by_objective[objective].append(levels["target"][target])
    levels["gcm"] = _roll(by_objective)
    return levels


def _regroup(below: Mapping[str, LevelStatus], parents: Mapping[str, tuple[str, ...]]) -> dict[str, list[LevelStatus]]:
    groups: dict[str, list[LevelStatus]] = defaultdict(list)
    for code, status in below.items():
        for parent in parents.get(code, ()):
            groups[parent].append(status)
    return groups

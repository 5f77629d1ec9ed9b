"""Roll series statuses up to indicators, targets, goals, GCM objectives and regions (pure Python).

Open SDG's rule, applied at every level: the status of a group is that of the **mean** of its members' scores
(≥ 2.5 on track, ≥ 0 acceleration needed, ≥ −2.5 limited, else deterioration), and "target achieved" only when
every member has achieved it. Members without a score (not available) are left out; a group with none is not
available. The anticipated-progress method has no score to average: its roll-up counts the members per status
and takes the status most members have, the worse one on a tie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from migmon.progress.statuses import ANTICIPATED_ORDER, Status, status_from_score


@dataclass(frozen=True)
class Rollup:
    """A group's status, the mean score it comes from, and how many members had a status."""

    status: Status
    score: float | None
    members: int
    counts: dict[str, int] = field(default_factory=dict)


def mean_status(members: Iterable[tuple[Status, float | None]]) -> Rollup:
    """Open SDG's roll-up of ``(status, score)`` pairs: the status of the mean score."""
    scored = [(status, score) for status, score in members if score is not None and status != Status.NOT_AVAILABLE]
    counts = dict(Counter(status.value for status, _ in scored))
    if not scored:
        return Rollup(Status.NOT_AVAILABLE, None, 0, counts)
    mean = fmean(score for _, score in scored)
    if all(status == Status.TARGET_ACHIEVED for status, _ in scored):
        return Rollup(Status.TARGET_ACHIEVED, mean, len(scored), counts)
    return Rollup(status_from_score(mean), mean, len(scored), counts)


def majority_status(statuses: Iterable[Status]) -> Rollup:
    """The anticipated-progress roll-up: the most frequent status, the worse one on a tie."""
    counted = Counter(status for status in statuses if status != Status.NOT_AVAILABLE)
    counts = {status.value: n for status, n in counted.items()}
    if not counted:
        return Rollup(Status.NOT_AVAILABLE, None, 0, counts)
    most = max(counted.values())
    worst = max((s for s, n in counted.items() if n == most), key=ANTICIPATED_ORDER.index)
    return Rollup(worst, None, sum(counted.values()), counts)

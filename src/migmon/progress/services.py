"""Writes to the target register: the seed, and edits that keep who, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from migmon.indicators.models import Series
from migmon.progress.models import ProgressTarget, TargetChange
from migmon.progress.register_sources import SeedRow, read_overrides, read_table

#: The fields a change records (everything that decides an assessment).
RULE_FIELDS = (
    "series_id",
    "disaggregation",
    "measure",
    "direction",
    "target_value",
    "target_kind",
    "target_year",
    "limit",
    "base_year",
    "source_text",
)
#: Corridor series are assessed only through a derived measure (their values are per corridor).
CORRIDOR_SERIES = ("SI_RMT_COST_BC", "SI_RMT_COST_SC")
SEED_REASON = "Seeded from the Open SDG table of targets and desired directions and migmon's overrides"


@dataclass
class SeedResult:
    created: int = 0
    unchanged: int = 0


def snapshot(target: ProgressTarget) -> dict[str, Any]:
    return {name: getattr(target, name) for name in RULE_FIELDS}


def _series_by_indicator() -> dict[str, list[Series]]:
    by_indicator: dict[str, list[Series]] = {}
    for series in Series.objects.prefetch_related("indicators__entries"):
        for indicator in series.indicators.all():
            for entry in indicator.entries.all():
                by_indicator.setdefault(entry.code, []).append(series)
    return by_indicator


def _expand(rows: list[SeedRow], overrides: list[SeedRow]) -> dict[tuple[str, str, str], SeedRow]:
    """(series code, disaggregation, measure) → the rule to seed; overrides win over the table."""
    by_indicator = _series_by_indicator()
    wanted: dict[tuple[str, str, str], SeedRow] = {}
    for row in rows:
        for series in by_indicator.get(row.indicator, []):
            if series.code not in CORRIDOR_SERIES:
                wanted[(series.code, "", "value")] = row
    for row in overrides:
        targets = [row.series] if row.series else [s.code for s in by_indicator.get(row.indicator, [])]
        for code in targets:
            if row.series == "SG_CPA_MIGRS" and row.disaggregation:
                wanted.pop((code, "", "value"), None)  # assessed per policy domain instead
            if row.series or code not in CORRIDOR_SERIES:
                wanted[(code, row.disaggregation, row.measure)] = row
    return wanted


def targets_seed(*, data_dir: Path) -> SeedResult:
    """Create the register rows the seed names that do not exist yet; never touch rows that do.

    Running it twice changes nothing, and a row a data manager edited keeps the edit.
    """
    wanted = _expand(list(read_table(data_dir)), read_overrides())
    series_ids = dict(Series.objects.filter(code__in={key[0] for key in wanted}).values_list("code", "pk"))
    existing = set(ProgressTarget.objects.values_list("series__code", "disaggregation", "measure"))
    result = SeedResult()
    with transaction.atomic():
        for key, row in sorted(wanted.items()):
            if key in existing:
                result.unchanged += 1
                continue
            target = ProgressTarget.objects.create(
                series_id=series_ids[key[0]],
                disaggregation=key[1],
                measure=key[2],
                indicator_code=row.indicator,
                direction=row.direction.value,
                target_value=row.target,
                target_kind=row.target_kind.value,
                target_year=row.target_year,
                source_text=row.source_text[:300],
                basis=row.basis,
            )
            TargetChange.objects.create(target=target, reason=SEED_REASON, before={}, after=snapshot(target))
            result.created += 1
    return result


def target_save(*, target: ProgressTarget, user: Any, reason: str) -> ProgressTarget:
    """Save a data manager's edit (or new row) and record who made it, when and why, with before and after."""
    if not reason.strip():
        raise ValueError("a change to the target register needs a reason")
    with transaction.atomic():
        before = {}
        if target.pk:
            stored = ProgressTarget.objects.filter(pk=target.pk).first()
            before = snapshot(stored) if stored else {}
        target.save()
        TargetChange.objects.create(
            target=target,
            changed_by=user if getattr(user, "pk", None) else None,
            changed_by_name=getattr(user, "get_username", lambda: "")(),
            reason=reason.strip(),
            before=before,
            after=snapshot(target),
        )
    return target

"""Progress as plain rows (dicts) for the API and its CSV: one row per unit, or per framework entry and area.

Selectors give assessments and roll-ups; this module only shapes them, with every component named the same way
in JSON and CSV.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from migmon.core import csv_safe
from migmon.geo.models import Area
from migmon.progress.compute import COUNTRY_MEAN, RegionMean, UnitProgress
from migmon.progress.engine import Assessment
from migmon.progress.levels import LevelStatus
from migmon.progress.rollup import Rollup

METHODS = ("open_sdg", "anticipated")
ASSESSMENT_FIELDS = (
    "status",
    "score",
    "base_year",
    "base_value",
    "current_year",
    "current_value",
    "target_value",
    "target_year",
    "direction",
    "limit",
    "cagr_observed",
    "cagr_required",
    "ratio",
    "limit_factor",
    "projected_value",
    "gap",
    "points",
    "worsening",
    "warnings",
)
ROLLUP_FIELDS = ("status", "score", "members", "counts")


def _area(area: Area | None, area_id: int) -> dict[str, Any]:
    if area is None:
        return {"area": str(area_id), "area_name": "", "area_kind": ""}
    return {"area": area.code, "area_name": area.name_en, "area_kind": area.kind}


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    values = asdict(assessment)
    values["status"] = assessment.status.value
    return {name: values[name] for name in ASSESSMENT_FIELDS}


def rollup_dict(rollup: Rollup) -> dict[str, Any]:
    return {"status": rollup.status.value, "score": rollup.score, "members": rollup.members, "counts": rollup.counts}


def unit_row(progress: UnitProgress, area: Area | None, methods: Iterable[str]) -> dict[str, Any]:
    row = _area(area, progress.area_id) | {
        "series": progress.unit.series,
        "disaggregation": progress.unit.disaggregation,
        "measure": progress.unit.measure,
        "basis": progress.basis,
    }
    for method in methods:
        row[method] = assessment_dict(getattr(progress, method))
    if progress.corridor_counts:
        row["corridors"] = [{"year": y, "priced": n, "above_5": above} for y, n, above in progress.corridor_counts]
    return row


def region_row(mean: RegionMean, area: Area | None, methods: Iterable[str]) -> dict[str, Any]:
    row = _area(area, mean.area_id) | {
        "series": mean.unit.series,
        "disaggregation": mean.unit.disaggregation,
        "measure": mean.unit.measure,
        "basis": COUNTRY_MEAN,
        "countries": mean.countries,
    }
    for method in methods:
        row[method] = rollup_dict(getattr(mean, method))
    return row


def level_row(level: str, status: LevelStatus, area: Area | None, area_id: int, methods: Iterable[str]) -> dict:
    row = _area(area, area_id) | {"level": level, "code": status.code}
    for method in methods:
        row[method] = rollup_dict(getattr(status, method))
    return row


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(
            ":".join(_flat(v) for v in item.values()) if isinstance(item, dict) else str(item) for item in value
        )
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def rows_csv(rows: list[dict[str, Any]]) -> str:
    """One CSV line per row; each method's components become ``<method>_<component>`` columns."""
    columns: list[str] = []
    flat_rows = []
    for row in rows:
        flat: dict[str, str] = {}
        for name, value in row.items():
            if isinstance(value, dict) and name in METHODS:
                for part, inner in value.items():
                    flat[f"{name}_{part}"] = _flat(inner)
            else:
                flat[name] = _flat(value)
        for name in flat:
            if name not in columns:
                columns.append(name)
        flat_rows.append(flat)
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    writer.writerow(columns)
    for flat in flat_rows:
        writer.writerow([flat.get(name, "") for name in columns])
    return buffer.getvalue()

"""What the progress pages show, built from the selectors: rows for tables, chips, trend arrows, chart data.

Views stay thin; this module turns assessments and roll-ups into plain dicts a template can print, with the
status label (translated), its icon, and whether the two methods disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from migmon.geo.models import Area
from migmon.indicators.framework_selectors import gcm_objectives_with_targets, goals_with_targets, series_by_codes
from migmon.progress import selectors
from migmon.progress.compute import UnitProgress
from migmon.progress.engine import Assessment
from migmon.progress.levels import LevelStatus
from migmon.progress.rollup import Rollup
from migmon.progress.statuses import ICONS, LABELS, OPEN_SDG_ORDER, Status, methods_disagree


@dataclass(frozen=True)
class Chip:
    """A status as pages show it: icon and words (never colour alone), and a CSS class for the colour."""

    status: str
    label: str
    icon: str


def chip(status: Status) -> Chip:
    return Chip(status=status.value, label=str(LABELS[status]), icon=ICONS[status])


def trend(assessment: Assessment) -> dict[str, str] | None:
    """The observed direction relative to the desired one: an arrow and its words."""
    if assessment.cagr_observed is None or assessment.direction is None:
        return None
    rising = assessment.cagr_observed > 0
    if assessment.cagr_observed == 0:
        return {"arrow": "→", "label": _("No change"), "kind": "flat"}
    arrow = "↗" if rising else "↘"
    if assessment.worsening:
        return {"arrow": arrow, "label": _("Moving away from the target"), "kind": "worse"}
    return {"arrow": arrow, "label": _("Moving toward the target"), "kind": "better"}


WARNING_TEXT = {
    "too_few_years": lambda: _("Fewer than two years of data since the base year."),
    "too_few_points": lambda: _("Fewer than three years of data since the base year."),
    "no_target_value": lambda: _("No target value: the anticipated-progress method needs one."),
    "base_zero": lambda: _("The base value is 0: replaced by 0.001 to compute growth."),
    "target_zero": lambda: _("The target is 0: replaced by 0.001 to compute the required growth."),
    "opposite_signs": lambda: _("Base and current values have opposite signs: growth cannot be computed."),
    "base_on_target": lambda: _("The base value equals the target."),
    "base_beyond_target": lambda: _("The base value was already past the target: judged against the target."),
}


def warning_texts(assessment: Assessment) -> list[str]:
    return [WARNING_TEXT[code]() if code in WARNING_TEXT else code for code in assessment.warnings]


def projection_at_current_growth(assessment: Assessment) -> float | None:
    """Where the observed compound growth leads by the target year (the chart's dashed line)."""
    if assessment.cagr_observed is None or assessment.current_value is None or assessment.current_year is None:
        return None
    years = (assessment.target_year or 2030) - assessment.current_year
    if years <= 0:
        return None
    return assessment.current_value * (1 + assessment.cagr_observed) ** years


def chart_data(progress: UnitProgress) -> dict[str, Any]:
    """Values, target line and both projections for one unit's Vega-Lite chart."""
    open_sdg, anticipated = progress.open_sdg, progress.anticipated
    target_year = open_sdg.target_year or 2030
    projection = []
    projected = projection_at_current_growth(open_sdg)
    if projected is not None:
        projection = [
            {"year": open_sdg.current_year, "value": open_sdg.current_value},
            {"year": target_year, "value": projected},
        ]
    return {
        "values": [{"year": year, "value": value} for year, value in progress.points],
        "target": open_sdg.target_value if open_sdg.target_value is not None else anticipated.target_value,
        "target_year": target_year,
        "projection": projection,
        "anticipated": (
            {"year": target_year, "value": anticipated.projected_value}
            if anticipated.projected_value is not None
            else None
        ),
    }


@dataclass
class UnitCard:
    """One assessed series (or disaggregation) of an area, with everything its card shows."""

    key: str
    series_code: str
    series_name: str
    disaggregation: str
    measure: str
    open_sdg: Assessment
    anticipated: Assessment
    open_chip: Chip
    anticipated_chip: Chip
    disagree: bool
    trend: dict[str, str] | None
    open_warnings: list[str]
    anticipated_warnings: list[str]
    chart: dict[str, Any]
    title: str
    rule_target: float | None
    rule_direction: str
    latest: tuple[int, float] | None
    available: bool
    corridors: list[tuple[int, int, int]] = field(default_factory=list)


NA = Status.NOT_AVAILABLE


def unit_title(series_name: str, disaggregation: str) -> str:
    """A card's title: a 10.7.2 policy domain by its number, otherwise the series name."""
    if disaggregation.startswith("COMPOSITE_BREAKDOWN=PD_"):
        return _("Policy domain %(number)s") % {"number": disaggregation.rsplit("_", 1)[-1]}
    return series_name


def unit_card(progress: UnitProgress, names: dict[str, str]) -> UnitCard:
    unit = progress.unit
    key = "-".join(part for part in (unit.series, unit.disaggregation.replace("=", "-"), unit.measure) if part)
    return UnitCard(
        key=key.lower().replace("_", "-"),
        series_code=unit.series,
        series_name=names.get(unit.series, unit.series),
        disaggregation=unit.disaggregation,
        measure=unit.measure,
        open_sdg=progress.open_sdg,
        anticipated=progress.anticipated,
        open_chip=chip(progress.open_sdg.status),
        anticipated_chip=chip(progress.anticipated.status),
        disagree=methods_disagree(progress.open_sdg.status, progress.anticipated.status),
        trend=trend(progress.open_sdg),
        open_warnings=warning_texts(progress.open_sdg),
        anticipated_warnings=warning_texts(progress.anticipated),
        chart=chart_data(progress),
        title=unit_title(names.get(unit.series, unit.series), unit.disaggregation),
        rule_target=unit.rule.target,
        rule_direction=unit.rule.direction.value,
        latest=progress.points[-1] if progress.points else None,
        available=(progress.open_sdg.status, progress.anticipated.status) != (NA, NA),
        corridors=progress.corridor_counts,
    )


def combined_trend(cards: list[UnitCard]) -> dict[str, str] | None:
    """An indicator's trend arrow from its series: the direction most of them move in, "mixed" on a tie."""
    trends = [card.trend for card in cards if card.trend]
    better = sum(1 for t in trends if t["kind"] == "better")
    worse = sum(1 for t in trends if t["kind"] == "worse")
    if not trends:
        return None
    if better > worse:
        return {"arrow": "↗", "label": _("Moving toward the target"), "kind": "better"}
    if worse > better:
        return {"arrow": "↘", "label": _("Moving away from the target"), "kind": "worse"}
    return {"arrow": "↕", "label": _("Mixed trends"), "kind": "mixed"}


def _rollup_chips(status: LevelStatus | None) -> dict[str, Any]:
    if status is None:
        na = chip(Status.NOT_AVAILABLE)
        return {"open": na, "anticipated": na, "score": None, "disagree": False, "members": 0}
    return {
        "open": chip(status.open_sdg.status),
        "anticipated": chip(status.anticipated.status),
        "score": status.open_sdg.score,
        "members": status.open_sdg.members,
        "disagree": methods_disagree(status.open_sdg.status, status.anticipated.status),
    }


def area_page(area: Area) -> dict[str, Any]:
    """Goal → target → indicator rows with chips, and each indicator's unit cards, for one country or region."""
    table = selectors.progress_table()
    levels = selectors.levels_for(area, table=table)
    basis = selectors.region_basis(area, table=table)
    own_units = selectors.units_for(area=area, table=table)
    names = {code: s.name for code, s in series_by_codes({u.unit.series for u in own_units}).items()}
    cards_by_series: dict[str, list[UnitCard]] = {}
    for progress in own_units:
        cards_by_series.setdefault(progress.unit.series, []).append(unit_card(progress, names))
    goals = []
    for goal in goals_with_targets():
        goal_code = str(goal.number)
        if goal_code not in levels["goal"]:
            continue
        targets = []
        for target in goal.targets.all():
            if target.code not in levels["target"]:
                continue
            indicators = []
            for indicator in target.indicators.all():
                status = levels["indicator"].get(indicator.code)
                if status is None:
                    continue
                series_codes = [s for s, codes in table.framework.series_indicators.items() if indicator.code in codes]
                cards = [card for code in sorted(series_codes) for card in cards_by_series.get(code, [])]
                indicators.append(
                    {
                        "indicator": indicator,
                        "anchor": "i-" + indicator.code.replace(".", "-"),
                        "cards": [card for card in cards if card.available],
                        "trend": combined_trend(cards),
                        "unavailable": [card for card in cards if not card.available],
                    }
                    | _rollup_chips(status)
                )
            targets.append({"target": target, "indicators": indicators} | _rollup_chips(levels["target"][target.code]))
        goals.append({"goal": goal, "targets": targets} | _rollup_chips(levels["goal"][goal_code]))
    counts: dict[str, int] = {}
    for status in levels["indicator"].values():
        counts[status.open_sdg.status.value] = counts.get(status.open_sdg.status.value, 0) + 1
    summary = [(chip(s), counts[s.value]) for s in Status if s.value in counts]
    objectives = [
        {"objective": objective} | _rollup_chips(levels["gcm"][str(objective.number)])
        for objective in gcm_objectives_with_targets()
        if str(objective.number) in levels["gcm"] and levels["gcm"][str(objective.number)].status != NA
    ]
    return {
        "goals": goals,
        "objectives": objectives,
        "summary": summary,
        "uses_country_mean": any(value == "country_mean" for value in basis.values()),
        "uses_own_series": any(value == "own_series" for value in basis.values()),
        "has_any": bool(levels["indicator"]),
    }


def map_rows(level: str, code: str) -> list[dict[str, Any]]:
    """One row per country with a status for the indicator or series: the map's data and the table beside it."""
    rows = []
    for area, status in selectors.statuses_across_areas(level=level, code=code):
        rows.append(
            {
                "name": area.name,
                "m49": area.m49,
                "code": area.code,
                "status": status.open_sdg.status.value,
                "label": str(LABELS[status.open_sdg.status]),
                "icon": ICONS[status.open_sdg.status],
            }
            | _rollup_chips(status)
        )
    return sorted(rows, key=lambda row: row["name"])


MAP_FIELDS = ("name", "m49", "status", "label", "icon")


def map_data(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fields the status map's script reads (plain JSON)."""
    return [{name: row[name] for name in MAP_FIELDS} for row in rows]


def status_map(level: str, code: str) -> dict[str, Any]:
    """What the status map and table of an indicator or series need (``progress/includes/status_map.html``): on the
    progress page of that indicator or series and in the progress tab of its data page, so both show the same."""
    rows = map_rows(level, code)
    return {"rows": rows, "map_data": map_data(rows), "legend": [chip(status) for status in OPEN_SDG_ORDER]}


def rollup_chip(rollup: Rollup) -> Chip:
    return chip(rollup.status)


def indicator_rows(area: Area) -> list[dict[str, Any]]:
    """Every indicator with a status for ``area``, in framework order, with its chips (for profile pages)."""
    levels = selectors.levels_for(area)["indicator"]
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for goal in goals_with_targets():
        for target in goal.targets.all():
            for indicator in target.indicators.all():
                status = levels.get(indicator.code)
                if status is not None and indicator.code not in seen:
                    seen.add(indicator.code)
                    anchor = "i-" + indicator.code.replace(".", "-")
                    rows.append({"indicator": indicator, "anchor": anchor} | _rollup_chips(status))
    return rows


def objective_summary(number: str) -> dict[str, Any]:
    """A GCM objective's world status (mean of countries) and the number of countries per status."""
    table = selectors.progress_table()
    counts: dict[Status, int] = {}
    world = None
    for area_id in set(table.by_area) | set(table.means_by_area):
        area = table.areas.get(area_id)
        if area is None:
            continue
        status = selectors.levels_for(area_id, table=table)["gcm"].get(number)
        if status is None:
            continue
        if area.kind == "world":
            world = status
        elif area.kind == "country" and status.status != NA:
            counts[status.status] = counts.get(status.status, 0) + 1
    order = [s for s in Status if s in counts]
    return {
        "world": _rollup_chips(world) if world is not None else None,
        "counts": [(chip(s), counts[s]) for s in order],
        "countries": sum(counts.values()),
    }

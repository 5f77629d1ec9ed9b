"""Signpost states shaped for templates and charts: one row per state, the chart's data, the history by year."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from migmon.foresight.choices import GROUP_AGGREGATES, Comparator, Direction
from migmon.foresight.projection import Projection, project
from migmon.foresight.rules import Evaluation
from migmon.foresight.selectors import SignpostState
from migmon.foresight.text import localized
from migmon.foresight.wording import reason_words, rule_words, state_label


def subject_label(state: SignpostState) -> str:
    if state.subject.area is not None:
        return state.subject.area.name
    item = state.signpost
    chosen = [area.name for area in item.areas.all()]
    if chosen:
        return ", ".join(chosen)
    if item.region is not None:
        return _("Countries of %(region)s") % {"region": item.region.name}
    return _("All countries")


def series_url(state: SignpostState) -> str:
    """The portal's chart of the series, for the areas the state is about."""
    url = reverse("portal:series_detail", args=[state.signpost.series.code])
    codes = [state.subject.area.code] if state.subject.area is not None else []
    return f"{url}?{urlencode([('area', code) for code in codes])}" if codes else url


def projection_of(state: SignpostState) -> Projection:
    """The yearly figures' trend to the set's horizon year."""
    return project(state.evaluation.values, horizon=state.signpost.scenario.scenario_set.horizon_year)


def state_rows(states: Iterable[SignpostState]) -> list[dict[str, Any]]:
    rows = []
    for state in states:
        item = state.signpost
        projection = projection_of(state)
        rows.append(
            {
                "signpost": item,
                "scenario": item.scenario,
                "scenario_name": item.scenario.name,
                "statement": localized(item, "statement"),
                "toward": item.direction == Direction.TOWARD,
                "direction": item.get_direction_display(),
                "subject": subject_label(state),
                "state": state.state,
                "state_label": state_label(state.state),
                "reason": reason_words(state.evaluation),
                "rule": rule_words(item),
                "year": state.evaluation.year,
                "value": state.evaluation.value,
                "url": reverse("foresight:signpost", args=[item.pk, state.subject.code]),
                "series_url": series_url(state),
                "projection": projection,
                "projected": projection.at_horizon,
            }
        )
    return rows


def chart_data(state: SignpostState, target: float | None = None) -> dict[str, Any]:
    """What the chart draws: the yearly figures, the checked years and their outcome, the threshold line, the
    trend projected to the horizon with its prediction interval, and the 2030 target when the register has one."""
    item = state.signpost
    checks = {check.year: check.holds for check in state.evaluation.checks}
    outcome = {True: _("holds"), False: _("fails"), None: _("cannot be checked")}
    unchecked = _("not checked")
    points = [
        {"year": year, "value": value, "check": outcome[checks[year]] if year in checks else unchecked}
        for year, value in state.evaluation.values
    ]
    # Colours follow the outcome (green holds, red fails, amber unknown, grey not checked); shapes repeat it.
    legend = [
        (outcome[True], "#1a6b3c"),
        (outcome[False], "#b3261e"),
        (outcome[None], "#b58a12"),
        (unchecked, "#8a939c"),
    ]
    compared = item.comparator in (Comparator.ABOVE, Comparator.BELOW)
    projection = projection_of(state)
    return {
        "projection": [{"year": y.year, "value": y.value, "low": y.low, "high": y.high} for y in projection.years],
        "target": target,
        "points": points,
        "outcomes": [label for label, _colour in legend],
        "colours": [colour for _label, colour in legend],
        "threshold": item.threshold if compared else None,
        "title": f"{item.series.code} — {subject_label(state)}",
        "y": _("Share")
        if item.aggregate == "share_above"
        else (_("Count") if item.aggregate in GROUP_AGGREGATES else item.series.code),
        "labels": {
            "year": _("Year"),
            "value": _("Value"),
            "check": _("Condition"),
            "threshold": _("Threshold"),
            "projection": _("Time-weighted linear trend (weighted least squares), 95 % prediction interval"),
            "target": _("Target"),
        },
    }


def history_rows(evaluations: Iterable[Evaluation]) -> list[dict[str, Any]]:
    return [
        {"year": e.year, "value": e.value, "state": e.state, "state_label": state_label(e.state)}
        for e in reversed(list(evaluations))
    ]

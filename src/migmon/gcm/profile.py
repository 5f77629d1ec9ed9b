"""The GCM profile of a country or region: per objective, the linked indicators' latest values, trend and
progress status; the area's pledges by status; its latest review; and the area's pledging dashboard.

Latest values and trends come from :mod:`migmon.gcm.latest` (totals of each series measuring the indicator);
progress statuses from :func:`migmon.progress.selectors.statuses_for`. Only an
objective's *specific* links bring indicators here: the general link to 10.7 that every objective has is named
once per objective, not repeated with its values 23 times.
"""

from __future__ import annotations

from typing import Any

from migmon.gcm import selectors
from migmon.gcm.choices import PledgeStatus
from migmon.gcm.latest import latest_by_indicator
from migmon.geo.models import Area
from migmon.indicators.framework_selectors import gcm_links
from migmon.indicators.models import GcmLinkStrength


def _statuses(area: Area, codes: set[str]) -> dict[str, Any]:
    from migmon.progress.selectors import statuses_for
    from migmon.progress.statuses import LABELS

    return {
        code: {"status": status.status.value, "label": LABELS.get(status.status, status.status.value)}
        for code, status in statuses_for(area, sorted(codes)).items()
    }


def area_profile(area: Area) -> dict[str, Any]:
    objectives: dict[int, dict[str, Any]] = {}
    for link in gcm_links():
        entry = objectives.setdefault(
            link.objective.number, {"objective": link.objective, "specific": [], "general": [], "pledges": 0}
        )
        if link.strength == GcmLinkStrength.GENERAL:
            entry["general"].append(link)
            continue
        indicators = [link.indicator] if link.indicator else list(link.target.indicators.all())
        entry["specific"].append(
            {
                "link": link,
                "indicators": [{"indicator": indicator} for indicator in indicators],
            }
        )
    codes = {
        item["indicator"].code
        for entry in objectives.values()
        for spec in entry["specific"]
        for item in spec["indicators"]
    }
    statuses = _statuses(area, codes)
    latest = latest_by_indicator(area, codes)
    for entry in objectives.values():
        for spec in entry["specific"]:
            for item in spec["indicators"]:
                item["progress"] = statuses.get(item["indicator"].code)
                item["rows"] = latest.get(item["indicator"].code, [])

    pledges = list(selectors.pledges_of_area(area))
    for pledge in pledges:
        for objective in pledge.objectives.all():
            if objective.number in objectives:
                objectives[objective.number]["pledges"] += 1
    by_status = [
        {"status": value, "label": label, "pledges": [p for p in pledges if p.status == value]}
        for value, label in PledgeStatus.choices
    ]
    return {
        "objectives": [objectives[number] for number in sorted(objectives)],
        "pledges_by_status": by_status,
        "pledge_count": len(pledges),
        "latest_review": selectors.reviews_of_area(area).first(),
        "reviews": list(selectors.reviews_of_area(area)),
        "board": selectors.dashboard(selectors.pledges_of_area(area)),
    }

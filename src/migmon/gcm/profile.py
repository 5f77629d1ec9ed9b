"""The GCM profile of a country or region: per objective, the linked indicators' latest values, trend and
progress status; the area's pledges by status; its latest review; and the area's pledging dashboard.

Latest values and trends are the ones the area's migration profile shows (:func:`migmon.portal.profiles.profile_data`,
cached per data version); progress statuses come from :func:`migmon.progress.selectors.statuses_for`. Only an
objective's *specific* links bring indicators here: the general link to 10.7 that every objective has is named
once per objective, not repeated with its values 23 times.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from migmon.gcm import selectors
from migmon.gcm.choices import PledgeStatus
from migmon.geo.models import Area
from migmon.indicators.framework_selectors import gcm_links
from migmon.indicators.models import GcmLinkStrength
from migmon.portal.profiles import profile_data


def _statuses(area: Area, codes: set[str]) -> dict[str, Any]:
    from migmon.progress.selectors import statuses_for
    from migmon.progress.statuses import LABELS

    return {
        code: {"status": status.status.value, "label": LABELS.get(status.status, status.status.value)}
        for code, status in statuses_for(area, sorted(codes)).items()
    }


def area_profile(area: Area) -> dict[str, Any]:
    rows_by_indicator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in profile_data(area)["indicator_rows"]:
        rows_by_indicator[row["indicator"]].append(row)

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
                "indicators": [
                    {"indicator": indicator, "rows": rows_by_indicator.get(indicator.code, [])}
                    for indicator in indicators
                ],
            }
        )
    codes = {
        item["indicator"].code
        for entry in objectives.values()
        for spec in entry["specific"]
        for item in spec["indicators"]
    }
    statuses = _statuses(area, codes)
    for entry in objectives.values():
        for spec in entry["specific"]:
            for item in spec["indicators"]:
                item["progress"] = statuses.get(item["indicator"].code)

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

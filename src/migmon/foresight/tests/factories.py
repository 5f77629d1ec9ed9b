"""Signposts for tests, on the seeded 2017 set (never invented figures: the rules read the bundled data)."""

from __future__ import annotations

from typing import Any

from migmon.foresight.models import Scenario, Signpost
from migmon.foresight.services import seed_scenario_set
from migmon.geo.selectors import area_by_code
from migmon.indicators.models import Series


def signpost(*, areas: tuple[str, ...] = (), scenario: str = "world-on-fire", **rule: Any) -> Signpost:
    scenario_set, _ = seed_scenario_set()
    fields = {"aggregate": "latest", "comparator": "rising", "persistence": 2, "min_points": 3, "live": True}
    fields |= rule
    item = Signpost.objects.create(
        scenario=Scenario.objects.get(scenario_set=scenario_set, slug=scenario),
        statement_fr="Les décès et disparitions en migration augmentent deux années de suite.",
        statement_en="Deaths and disappearances during migration rise two years running.",
        series=Series.objects.get(code="SM_DTH_MIGR"),
        **fields,
    )
    item.areas.set([area_by_code(code) for code in areas])
    return item

"""What a signpost looks at: its subjects (the areas it judges) and their values, read through indicators.selectors.

A value or a mean (``latest``, ``mean``) is judged per area, so each of the signpost's areas is one subject with
one unit (its totals, or the combination the dimension filter names). A count or a share judges one group:
every unit (area and dimension combination, e.g. each remittance corridor) of the chosen areas, or of the
region's countries, or of every country.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from migmon.foresight.choices import GROUP_AGGREGATES
from migmon.foresight.models import Signpost
from migmon.foresight.rules import Panel
from migmon.geo.models import Area, AreaKind
from migmon.geo.selectors import RegionNode, regions_tree
from migmon.indicators.selectors import observations_for

GROUP = "group"


@dataclass(frozen=True)
class Subject:
    """What one state is about: an area's code, or ``group`` for a count or share."""

    code: str
    area: Area | None
    panel: Panel


def parse_dimensions(key: str) -> dict[str, str]:
    """``SEX=F|AGE=Y15T24`` → ``{"SEX": "F", "AGE": "Y15T24"}``."""
    pairs = [part.split("=", 1) for part in key.split("|") if "=" in part]
    return {name.strip(): code.strip() for name, code in pairs}


def _countries_under(node: RegionNode, region_id: int, inside: bool = False) -> list[int]:
    inside = inside or node.area.pk == region_id
    if node.area.kind == AreaKind.COUNTRY:
        return [node.area.pk] if inside else []
    return [pk for child in node.children for pk in _countries_under(child, region_id, inside)]


def group_area_ids(signpost: Signpost) -> list[int] | None:
    """The areas a count or share looks at (None: every country)."""
    chosen = [area.pk for area in signpost.areas.all()]
    if chosen:
        return chosen
    if signpost.region_id is not None:
        return _countries_under(regions_tree(language="en", with_countries=True), signpost.region_id)
    return None


def subjects(signpost: Signpost) -> list[Subject]:
    """Each subject of ``signpost`` with its panel of values."""
    filters = parse_dimensions(signpost.dimensions)
    if signpost.aggregate in GROUP_AGGREGATES:
        ids = group_area_ids(signpost)
        rows = observations_for(
            series=signpost.series_id, areas=ids, dimensions=filters if filters else None
        ).values_list("area__code", "area__kind", "dimensions__key", "year", "value")
        panel: dict[str, dict[int, float | None]] = defaultdict(dict)
        for code, kind, key, year, value in rows:
            if ids is None and kind != AreaKind.COUNTRY:
                continue
            panel[f"{code}|{key}"][year] = value
        return [Subject(GROUP, None, dict(panel))]
    areas = list(signpost.areas.all())
    if signpost.region is not None and signpost.region not in areas:
        areas.append(signpost.region)
    values: dict[int, dict[int, float | None]] = defaultdict(dict)
    for area_id, year, value in observations_for(
        series=signpost.series_id, areas=areas, dimensions=filters
    ).values_list("area_id", "year", "value"):
        values[area_id][year] = value
    return [Subject(area.code, area, {area.code: values.get(area.pk, {})}) for area in areas]

"""Every region, route and country of incident an incident lists, with the keys the filters match.

IOM's allData workbook merges the rows of a split incident into one cell per column, joining differing values
with a comma: 2020.MMP00507 (a Libya shipwreck and a death in Arizona) is region "Mediterranean,North America"
and route "Central Mediterranean,US-Mexico border crossing". The text stays as IOM wrote it; the lists hold each
value once, so each is its own filter option and ``region=Mediterranean`` finds the incident. A split incident
kept as rows (``parts``) lists the values of all its rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from migmon.importers.missing_migrants import split_listed
from migmon.incidents.models import listed_key


def _union(groups: Iterable[Iterable[str]]) -> list[str]:
    return list(dict.fromkeys(value for group in groups for value in group if value))


def listed_fields(
    *, region: str, route: str, country_name: str, parts: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """``regions``, ``routes``, ``countries`` and their ``_key`` fields, from the texts (or the rows' texts)."""
    texts = {"regions": region, "routes": route, "countries": country_name}
    part_field = {"regions": "region", "routes": "route", "countries": "country"}
    values: dict[str, Any] = {}
    for name, text in texts.items():
        if parts:
            listed = _union(split_listed(part.get(part_field[name], text) or "") for part in parts)
        else:
            listed = list(split_listed(text))
        values[name] = listed
        values[f"{name}_key"] = listed_key(listed)
    return values


def listed_fields_of(incident: Any) -> dict[str, Any]:
    """:func:`listed_fields` of an incident (or anything with its region, route, country_name and parts)."""
    return listed_fields(
        region=incident.region, route=incident.route, country_name=incident.country_name, parts=incident.parts or ()
    )

"""Read the geography for pages and the API: countries A–Z per language, one area by any code, the region tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from migmon.geo.lookup import AreaLookup, UnknownArea
from migmon.geo.models import REGION_KINDS, Area, AreaAlias, AreaKind
from migmon.geo.names import fold_name

TREE_KINDS = (*REGION_KINDS, AreaKind.COUNTRY)


def countries_alphabetical(*, language: str) -> list[Area]:
    """Countries and areas sorted by their name in ``language`` as readers expect: accents and case folded
    (``Égypte`` among the E, ``États-Unis`` before ``Éthiopie``), the exact name breaking ties."""
    countries = list(Area.objects.filter(kind=AreaKind.COUNTRY))
    return sorted(countries, key=lambda area: (fold_name(area.name_in(language)), area.name_in(language)))


def area_by_code(code: str) -> Area | None:
    """The area ``code`` names (any code or name, case ignored), if any: :meth:`AreaLookup.resolve`, the one
    answer to "which area does 434 mean" everywhere."""
    try:
        found = AreaLookup.shared().resolve(code, "any")
    except UnknownArea:
        return None
    return Area.objects.select_related("parent").get(pk=found.pk)


def area_of_kind(value: str, *, by: str, kinds: Iterable[str]) -> Area | None:
    """The area ``value`` names read as ``by`` (``iso3``, ``m49`` … see :data:`~migmon.geo.lookup.KINDS`), if it
    is one of ``kinds``: the profile pages' URLs (``/countries/LBY/``, ``/regions/002/``), with its ancestors."""
    try:
        found = AreaLookup.shared().resolve(value, by)
    except UnknownArea:
        return None
    if found.kind not in set(kinds):
        return None
    return Area.objects.select_related("parent__parent").get(pk=found.pk)


def area_codes(values: Iterable[str]) -> list[str]:
    """The codes of the areas ``values`` name (any code or name), in order; values naming no area are left out
    (a page shows what it can; the API and the CLI refuse them instead)."""
    values = list(values)
    if not values:
        return []
    lookup = AreaLookup.shared()
    codes = []
    for value in values:
        try:
            codes.append(lookup.resolve(value, "any").code)
        except UnknownArea:
            continue
    return list(dict.fromkeys(codes))


def area_labels(ids: Iterable[int] | None = None, *, language: str) -> dict[int, dict[str, Any]]:
    """Area id → code, name (in ``language``, English when missing), m49 and kind: labels for rows of figures."""
    queryset = Area.objects.all() if ids is None else Area.objects.filter(pk__in=set(ids))
    return {
        pk: {"code": code, "name": name or name_en, "m49": m49, "kind": kind}
        for pk, code, name, name_en, m49, kind in queryset.values_list(
            "pk", "code", f"name_{language}", "name_en", "m49", "kind"
        )
    }


def names_by_code(codes: Iterable[str], *, language: str) -> dict[str, str]:
    """Area code → name in ``language`` (English when missing), for codes stored in dimension keys."""
    rows = Area.objects.filter(code__in=set(codes)).values_list("code", f"name_{language}", "name_en")
    return {code: name or name_en for code, name, name_en in rows}


def names_for_search(codes: Iterable[str]) -> dict[str, list[str]]:
    """Area code → every name a reader may type for it: French, English and Spanish names, the other spellings
    real files use (``Turkey`` for Türkiye) and its ISO code, each once, for the pickers' type-to-filter."""
    wanted = set(codes)
    found: dict[str, list[str]] = {}
    rows = Area.objects.filter(code__in=wanted).values_list("code", "name_fr", "name_en", "name_es", "iso3")
    for code, *names in rows:
        found[code] = list(dict.fromkeys(name for name in names if name))
    for code, alias in AreaAlias.objects.filter(area__code__in=wanted).values_list("area__code", "name"):
        if alias not in found.setdefault(code, []):
            found[code].append(alias)
    return found


def regions(*, kinds: Iterable[str]) -> QuerySet[Area]:
    """Areas of ``kinds`` (world, regions …) in kind then M49 order."""
    return Area.objects.filter(kind__in=list(kinds)).order_by("kind", "m49")


def groupings() -> QuerySet[Area]:
    """UN DESA groupings (SDG regions, development and income groups), with their members prefetched."""
    return Area.objects.filter(kind=AreaKind.GROUPING).prefetch_related("members").order_by("name_en")


@dataclass
class RegionNode:
    """An area and the areas directly under it, sorted by name in the language the tree was built for."""

    area: Area
    children: list[RegionNode] = field(default_factory=list)


def regions_tree(*, language: str = "en", with_countries: bool = True) -> RegionNode:
    """World → regions → sub-regions → intermediate regions (→ countries), built from one query."""
    kinds = TREE_KINDS if with_countries else TREE_KINDS[:-1]
    areas = list(Area.objects.filter(kind__in=kinds))
    nodes = {area.pk: RegionNode(area) for area in areas}
    root = None
    for area in areas:
        if area.kind == AreaKind.WORLD:
            root = nodes[area.pk]
        elif area.parent_id in nodes:
            nodes[area.parent_id].children.append(nodes[area.pk])
    if root is None:
        raise Area.DoesNotExist("no World area: run manage.py load_geography")
    for node in nodes.values():
        node.children.sort(key=lambda child: fold_name(child.area.name_in(language)))
    return root

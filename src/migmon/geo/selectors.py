"""Read the geography for pages and the API: countries A–Z per language, one area by any code, the region tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from migmon.geo.lookup import AreaLookup, UnknownArea
from migmon.geo.models import Area, AreaKind
from migmon.geo.names import fold_name

TREE_KINDS = (AreaKind.WORLD, AreaKind.REGION, AreaKind.SUBREGION, AreaKind.INTERMEDIATE_REGION, AreaKind.COUNTRY)


def countries_alphabetical(*, language: str) -> list[Area]:
    """Countries and areas sorted by their name in ``language`` as readers expect: accents and case folded
    (``Égypte`` among the E, ``États-Unis`` before ``Éthiopie``), the exact name breaking ties."""
    countries = list(Area.objects.filter(kind=AreaKind.COUNTRY))
    return sorted(countries, key=lambda area: (fold_name(area.name_in(language)), area.name_in(language)))


def area_by_code(code: str) -> Area | None:
    """The area ``code`` names (any code or name, case ignored), if any: :meth:`AreaLookup.resolve`, the one
    answer to "which area does 434 mean" everywhere."""
    try:
        found = AreaLookup.from_db().resolve(code, "any")
    except UnknownArea:
        return None
    return Area.objects.select_related("parent").get(pk=found.pk)


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

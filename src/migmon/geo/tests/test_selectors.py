"""Geography selectors on the real data: A–Z lists per language, lookups by code, the region tree."""

from __future__ import annotations

import pytest

from migmon.geo import selectors
from migmon.geo.models import AreaKind

pytestmark = pytest.mark.django_db


def test_countries_sort_by_folded_name_in_each_language(geography):
    french = [area.name_fr for area in selectors.countries_alphabetical(language="fr")]
    assert len(french) == 251  # 248 M49 rows + Taiwan Province and Channel Islands (DESA) + Kosovo
    # Accented initials sort with their letter, not after Z.
    assert french.index("Égypte") < french.index("Érythrée") < french.index("Estonie") < french.index("Fidji")
    assert french.index("Afrique du Sud") < french.index("Albanie")
    spanish = [area.name_es for area in selectors.countries_alphabetical(language="es")]
    assert spanish.index("Islandia") < spanish.index("Islas Caimán")
    english = [area.name_en for area in selectors.countries_alphabetical(language="en")]
    assert english[0] == "Afghanistan" and english.index("Åland Islands") < english.index("Albania")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("DEU", "DEU"),
        ("deu", "DEU"),
        ("DE", "DEU"),
        ("276", "DEU"),
        ("4", "AFG"),
        ("202", "202"),
        ("desa-1503", "desa-1503"),
    ],
)
def test_area_by_code(geography, code, expected):
    assert selectors.area_by_code(code).code == expected


def test_area_by_code_unknown_is_none(geography):
    assert selectors.area_by_code("ZZZ") is None
    assert selectors.area_by_code("") is None


def test_regions_tree(geography, django_assert_num_queries):
    with django_assert_num_queries(1):
        world = selectors.regions_tree(language="fr")
    assert world.area.code == "001"
    regions = [node.area.name_fr for node in world.children if node.area.kind == AreaKind.REGION]
    assert regions == ["Afrique", "Amériques", "Asie", "Europe", "Océanie"]
    africa = next(node for node in world.children if node.area.code == "002")
    assert {node.area.code for node in africa.children} == {"015", "202"}
    ssa = next(node for node in africa.children if node.area.code == "202")
    assert {node.area.code for node in ssa.children} == {"011", "014", "017", "018"}

    def count(node):
        return sum(count(child) for child in node.children) + (node.area.kind == AreaKind.COUNTRY)

    assert count(world) == 251
    without_countries = selectors.regions_tree(with_countries=False)
    assert count(without_countries) == 0


def test_groupings_have_members_only_where_the_data_gives_them(geography):
    with_members = {area.code for area in selectors.groupings() if area.members.all()}
    assert with_members == {
        "desa-901",
        "desa-902",
        "desa-941",
        "desa-948",
        "desa-1636",
        "desa-1829",
        "desa-1831",
        "desa-1832",
        "desa-1833",
        "desa-1835",
    }

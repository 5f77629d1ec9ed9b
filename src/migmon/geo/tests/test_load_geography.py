"""load_geography on the real M49 file and DESA mapping: counts, hierarchy, names, groupings, idempotence."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from migmon.geo.models import Area, AreaAlias, AreaKind, DesaCode
from migmon.geo.services import DESA_AGGREGATES_FILE, geography_load

pytestmark = pytest.mark.django_db


def test_counts_match_the_m49_file(geography):
    m49_countries = Area.objects.filter(kind=AreaKind.COUNTRY, iso3__isnull=False)
    assert m49_countries.count() == 248
    assert Area.objects.filter(kind=AreaKind.WORLD).count() == 1
    assert Area.objects.filter(kind=AreaKind.REGION).count() == 5
    assert Area.objects.filter(kind=AreaKind.SUBREGION).count() == 17
    assert Area.objects.filter(kind=AreaKind.INTERMEDIATE_REGION).count() == 7
    # Two country-level rows of the DESA workbooks that the M49 overview omits, and Kosovo (XK) from the
    # World Bank remittance corridors of the SDG files (geo/data/extra_areas.csv).
    assert set(Area.objects.filter(kind=AreaKind.COUNTRY, iso3__isnull=True).values_list("code", flat=True)) == {
        "desa-158",
        "desa-830",
        "XKX",
    }
    assert Area.objects.get(code="XKX").name_fr == "Kosovo"
    assert m49_countries.filter(is_ldc=True).count() == 44
    assert m49_countries.filter(is_lldc=True).count() == 32
    assert m49_countries.filter(is_sids=True).count() == 53


def test_codes_hierarchy_and_quirks(geography):
    namibia = Area.objects.get(code="NAM")
    assert (namibia.iso2, namibia.m49, namibia.desa_code) == ("NA", "516", 516)
    algeria = Area.objects.get(iso3="DZA")
    assert algeria.m49 == "012"
    assert algeria.parent.code == "015" and algeria.parent.parent.code == "002"
    assert algeria.parent.parent.parent.code == "001"
    malawi = Area.objects.get(code="MWI")
    assert [malawi.parent.name_en, malawi.parent.parent.name_en] == ["Eastern Africa", "Sub-Saharan Africa"]
    antarctica = Area.objects.get(code="ATA")
    assert antarctica.parent.code == "001"  # no region in the M49 file
    assert Area.objects.get(code="001").desa_code == 900


def test_names_in_three_languages_from_cldr(geography):
    germany = Area.objects.get(code="DEU")
    assert (germany.name_en, germany.name_fr, germany.name_es) == ("Germany", "Allemagne", "Alemania")
    ssa = Area.objects.get(code="202")
    assert (ssa.name_fr, ssa.name_es) == ("Afrique subsaharienne", "África subsahariana")
    assert Area.objects.get(code="001").name_fr == "Monde"
    assert geography.cldr_version.startswith("CLDR ")
    assert geography.cldr_version.split()[1] in germany.names_source
    # Every M49 area has CLDR names; only DESA's own groupings and its two extra rows fall back to English.
    fallbacks = Area.objects.filter(names_source__contains="English name")
    assert not fallbacks.exclude(code__startswith="desa-").exists()
    assert fallbacks.count() == len(geography.english_fallbacks) == 24
    assert all(area.name_fr == area.name_en for area in fallbacks)


def test_desa_codes_map_to_m49_areas_or_groupings(geography):
    def area_of(code: int) -> str:
        return DesaCode.objects.get(code=code).area.code

    assert area_of(900) == "001"
    assert area_of(947) == area_of(1834) == "202"  # Sub-Saharan Africa, 2020 and 2024 codes
    assert area_of(927) == area_of(1836) == "053"  # Australia/New Zealand, both rows of 2024
    assert area_of(921) == area_of(1831) == "desa-1831"  # Central and Southern Asia: no M49 area
    assert area_of(903) == "002" and area_of(5501) == "034"
    income = Area.objects.get(code="desa-1503")
    assert income.kind == AreaKind.GROUPING and income.name_en == "High-income countries"
    assert not income.members.exists()  # the workbooks do not list the members


def test_grouping_members_add_up_in_the_data(geography):
    with DESA_AGGREGATES_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kept = {row["area"] for row in rows if row["kind"] == "grouping" and row["members"]}
    # Every rule kept was checked against the 2024 workbook by the tool; it records the outcome.
    assert all(row["check"].startswith("sums match") or "2020:" in row["check"] for row in rows if row["area"] in kept)
    more_developed = Area.objects.get(code="desa-901")
    assert more_developed.members.filter(code="JPN").exists()
    assert not more_developed.members.filter(code="CHN").exists()
    sids = Area.objects.get(code="desa-1637")
    assert not sids.members.exists()  # M49 SIDS flags do not add up to DESA's SIDS row: no members kept
    ldc = Area.objects.get(code="desa-941")
    assert ldc.members.count() == 45 and ldc.members.filter(code="STP").exists()


def test_reload_changes_nothing_and_says_so(geography):
    again = geography_load(data_dir=settings.DATA_DIR)
    assert not again.changed
    assert again.areas["unchanged"] == Area.objects.count() == 303
    out = StringIO()
    call_command("load_geography", stdout=out)
    assert "geography unchanged" in out.getvalue()
    assert f"aliases: created 0, unchanged {AreaAlias.objects.count()}" in out.getvalue()


def test_reload_repairs_an_edited_name(geography):
    Area.objects.filter(code="FRA").update(name_fr="Frankreich")
    again = geography_load(data_dir=settings.DATA_DIR)
    assert again.areas["updated"] == 1
    assert Area.objects.get(code="FRA").name_fr == "France"

"""AreaLookup on the real geography: every code kind, folded names, aliases, and every name the real files use."""

from __future__ import annotations

import csv
import gzip
import json
import re

import openpyxl
import pytest

from migmon.geo.desa import DESA_WORKBOOKS, read_desa_locations
from migmon.geo.lookup import AreaLookup, UnknownArea

pytestmark = pytest.mark.django_db

# Values in IOM Missing Migrants "Country of Origin" that are not places: expected, never resolved.
NOT_PLACES = {"Mixed", "Unknown", "Mixed/Unknown"}


@pytest.mark.parametrize(
    ("value", "kind", "code"),
    [
        ("004", "m49", "AFG"),
        ("4", "m49", "AFG"),
        ("001", "m49", "001"),
        ("NA", "iso2", "NAM"),
        ("na", "iso2", "NAM"),
        ("tur", "iso3", "TUR"),
        ("900", "desa", "001"),
        ("1834", "desa", "202"),
        ("947", "desa", "202"),
        ("921", "desa", "desa-1831"),
        ("158", "desa", "desa-158"),
        ("792", "desa", "TUR"),
        ("desa-1503", "code", "desa-1503"),
        ("FRA", "any", "FRA"),
        ("fr", "any", "FRA"),
        ("250", "any", "FRA"),
        ("Allemagne", "any", "DEU"),
    ],
)
def test_resolve_by_code(lookup, value, kind, code):
    assert lookup.resolve(value, kind).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("TURKIYE", "TUR"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Netherlands", "NLD"),
        ("Côte d’Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("China, Hong Kong SAR", "HKG"),
        ("China, Hong Kong Special Administrative Region", "HKG"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Bolivia", "BOL"),
        ("United States of America", "USA"),
        ("United States", "USA"),
        ("Republic of Korea", "KOR"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Russian Federation", "RUS"),
        ("Micronesia", "057"),  # the M49 sub-region, not the Federated States
        ("Micronesia (Fed. States of)", "FSM"),
        ("AFRICA", "002"),
        ("Australia/New Zealand", "053"),
        ("États-Unis", "USA"),
        ("Estados Unidos", "USA"),
    ],
)
def test_resolve_by_name_folds_and_uses_aliases(lookup, name, code):
    assert lookup.resolve(name, "name").code == code


def test_unknown_name_is_an_error_that_says_no_guess_was_made(lookup):
    with pytest.raises(UnknownArea) as error:
        lookup.resolve("Atlantis", "name")
    message = str(error.value)
    assert "'Atlantis'" in message and "name" in message and "no guess was made" in message
    with pytest.raises(UnknownArea, match="M49 code"):
        lookup.resolve("999", "m49")
    with pytest.raises(UnknownArea, match="empty"):
        lookup.resolve("  ", "any")
    with pytest.raises(UnknownArea):
        lookup.resolve("Turkei", "name")  # close is not equal
    with pytest.raises(ValueError, match="unknown lookup kind"):
        lookup.resolve("FRA", "iso4")


def test_every_alias_resolves_to_its_own_area(lookup, django_db_blocker):
    from migmon.geo.models import AreaAlias

    wrong = [
        (alias.name, alias.area.code, lookup.resolve(alias.name, "name").code)
        for alias in AreaAlias.objects.select_related("area")
        if lookup.resolve(alias.name, "name").pk != alias.area_id
    ]
    assert wrong == []


def test_every_open_sdg_area_name_resolves(lookup, data_dir):
    names = set()
    for path in sorted((data_dir / "sdg-indicators-open-sdg-eca").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            names.update(row["GeoAreaName"] for row in csv.DictReader(handle))
            handle.seek(0)
            counterparts = {row.get("Counterpart") for row in csv.DictReader(handle)} - {None, ""}
        for code in counterparts:
            assert lookup.resolve(code, "iso2").iso2 == code
    assert len(names) == 63
    unresolved = []
    for name in sorted(names):
        try:
            assert lookup.resolve(name, "name").kind == "country"
        except UnknownArea:
            unresolved.append(name)
    assert unresolved == []


@pytest.mark.parametrize("edition", sorted(DESA_WORKBOOKS))
def test_every_desa_row_resolves_by_code_and_by_name(lookup, data_dir, edition):
    rows = read_desa_locations(data_dir / DESA_WORKBOOKS[edition])
    countries = [row for row in rows if not row.is_aggregate]
    assert len(countries) == 235
    # Country rows resolve to countries with the same M49 code; aggregates to M49 areas or DESA groupings.
    mismatched = []
    for row in rows:
        by_code = lookup.resolve(str(row.code), "desa")
        by_name = lookup.resolve(row.name, "name")
        if by_code.pk != by_name.pk:
            mismatched.append((row.name, row.code, by_code.code, by_name.code))
        if not row.is_aggregate:
            assert by_code.kind == "country" and by_code.m49 == f"{row.code:03d}"
    assert mismatched == []
    aggregates_as_groupings = {lookup.resolve(str(row.code), "desa").kind for row in rows if row.is_aggregate}
    assert aggregates_as_groupings <= {"world", "region", "subregion", "intermediate", "grouping"}
    # The two country rows the M49 overview lacks resolve to DESA-only areas, not to a guess.
    assert {lookup.resolve("158", "desa").code, lookup.resolve("830", "desa").code} == {"desa-158", "desa-830"}


def _split_countries(value: str) -> list[str]:
    # IOM joins several countries with "," and no space; names such as "China, Hong Kong SAR" keep theirs.
    return [part.strip() for part in re.split(r",(?! )", value) if part.strip()]


def test_every_missing_migrants_country_resolves(lookup, data_dir):
    names: set[str] = set()
    workbook = openpyxl.load_workbook(
        data_dir / "iom-missing-migrants-alldata" / "Missing_Migrants_Global_Figures_allData.xlsx", read_only=True
    )
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = list(next(rows))
    columns = [header.index("Country of Origin"), header.index("Country of Incident")]
    for row in rows:
        for column in columns:
            if row[column]:
                names.update(_split_countries(str(row[column])))
    workbook.close()
    for path in (data_dir / "iom-missing-migrants-export-2026").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for record in csv.DictReader(handle):
                names.update(_split_countries(record.get("Country of Origin") or ""))
    for path in (data_dir / "iom-missing-migrants-api-json").glob("*.json.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        records = payload if isinstance(payload, list) else next(iter(payload.values()))
        for record in records:
            for key in ("country_of_incident", "country_origin"):
                if record.get(key):
                    names.update(_split_countries(str(record[key])))
    unresolved = set()
    for name in names:
        try:
            lookup.resolve(name, "name")
        except UnknownArea:
            unresolved.add(name)
    assert unresolved == NOT_PLACES


def test_od_2019_names_resolve(lookup, data_dir):
    path = next((data_dir / "undesa-migrant-stock-od-2019-clean").glob("*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = set(next(reader)[2:]) | {row[1] for row in reader}
    resolved = {name: lookup.resolve(name, "name") for name in names}
    regions = sorted(name for name, area in resolved.items() if area.kind != "country")
    assert regions == ["Caribbean", "Melanesia", "Micronesia", "Polynesia", "South America"]


def test_lookup_is_built_in_three_queries(geography, django_assert_num_queries):
    with django_assert_num_queries(3):
        AreaLookup.from_db()


def test_resolving_reads_no_database(lookup, django_assert_num_queries):
    names = ["Türkiye", "Turkey", "Côte d'Ivoire", "Netherlands", "Viet Nam", "Allemagne"] * 500
    with django_assert_num_queries(0):
        resolved = lookup.resolve_many(names, "name")
    assert len(resolved) == 6 and resolved["Turkey"] == resolved["Türkiye"]

"""A small statistics store built from real rows of the bundled files, for tests that cannot wait for the
full loaders: SDG 10 / 10.7 / 10.7.3 (titles from ``sdg-framework``), the UN M49 hierarchy of the countries
in the Open SDG 10.7.3 file, and every SM_DTH_MIGR value of that file (Malta included: too small for the
110m map, so it must appear as a dot).
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from migmon.geo.models import Area, AreaKind
from migmon.indicators.models import Dataset as DatasetModel
from migmon.indicators.models import DimensionSet, Goal, Indicator, Observation, Release, Series, Target

# Names the Open SDG file prints differently from UN M49 (none in the 10.7.3 file).
ALIASES: dict[str, str] = {}


def _titles(data_dir: Path, kind: str, key: str) -> dict[str, str]:
    titles = {}
    for language in ("en", "fr", "es"):
        text = yaml.safe_load((data_dir / "sdg-framework" / language / f"global_{kind}.yml").read_text())
        titles[f"title_{language}"] = text[f"{key}-title"]
    return titles


def _area(code: str, kind: str, name: str, parent: Area | None, **extra: object) -> Area:
    area, _ = Area.objects.get_or_create(
        code=code, defaults={"kind": kind, "name_en": name, "name_fr": name, "name_es": name, "parent": parent, **extra}
    )
    return area


def load_sample(data_dir: Path) -> dict[str, object]:
    """Create the sample; returns the series, the release and the areas by ISO3."""
    goal = Goal.objects.create(number=10, **_titles(data_dir, "goals", "10"))
    target = Target.objects.create(
        code="10.7", goal=goal, sort_key="10.07", migration_relevant=True, **_titles(data_dir, "targets", "10-7")
    )
    indicator = Indicator.objects.create(
        code="10.7.3", sort_key="10.07.03", migration_relevant=True, **_titles(data_dir, "indicators", "10-7-3")
    )
    indicator.targets.add(target)
    series = Series.objects.create(
        code="SM_DTH_MIGR",
        name_en="Total deaths and disappearances recorded during migration",
        unit="NUMBER",
        allowed_dimensions={"SEX": "_T", "AGE": "_T"},
    )
    series.indicators.add(indicator)

    m49_rows = list(
        csv.DictReader((data_dir / "un-m49" / "UNSD-Methodology-M49.csv").open(encoding="utf-8-sig"), delimiter=";")
    )
    by_name = {row["Country or Area"]: row for row in m49_rows}
    world = _area("001", AreaKind.WORLD, "World", None, m49="001")
    areas: dict[str, Area] = {}
    path = data_dir / "sdg-indicators-open-sdg-eca" / "indicator_10-7-3.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for name in sorted({row["GeoAreaName"] for row in rows}):
        m49 = by_name[ALIASES.get(name, name)]
        region = _area(m49["Region Code"], AreaKind.REGION, m49["Region Name"], world, m49=m49["Region Code"])
        sub = _area(
            m49["Sub-region Code"], AreaKind.SUBREGION, m49["Sub-region Name"], region, m49=m49["Sub-region Code"]
        )
        areas[m49["ISO-alpha3 Code"]] = _area(
            m49["ISO-alpha3 Code"],
            AreaKind.COUNTRY,
            ALIASES.get(name, name),
            sub,
            m49=m49["M49 Code"],
            iso2=m49["ISO-alpha2 Code"],
            iso3=m49["ISO-alpha3 Code"],
            is_sids=bool(m49["Small Island Developing States (SIDS)"]),
        )
    iso_by_name = {ALIASES.get(n, n): iso for iso, n in ((a.iso3, a.name_en) for a in areas.values())}
    dataset = DatasetModel.objects.create(
        code="sdg-global-database", name="UN Global SDG Database", source_organisation="UNSD"
    )
    release = Release.objects.create(
        dataset=dataset,
        file_name=path.name,
        sha256="0" * 64,
        importer="test-sample",
        importer_version="1",
        added=len(rows),
    )
    totals, _ = DimensionSet.objects.get_or_create(key="", defaults={"codes": {}})
    Observation.objects.bulk_create(
        Observation(
            series=series,
            area=areas[iso_by_name[ALIASES.get(row["GeoAreaName"], row["GeoAreaName"])]],
            period=row["Year"],
            year=int(row["Year"]),
            dimensions=totals,
            value=float(row["Value"]),
            unit="NUMBER",
            nature="",
            release=release,
        )
        for row in rows
    )
    return {"series": series, "release": release, "areas": areas, "rows": rows}

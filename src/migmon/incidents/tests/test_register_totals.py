"""The register built from the bundled files, checked against totals computed from the raw files in plain Python.

The raw sums below use only openpyxl, csv, json and gzip (no project code). Years come from the file's year
column, or from the incident id's ``YYYY`` prefix for the 13 xlsx rows without one (PROVENANCE: the prefix
equals the year wherever both exist). The register keeps each file's years as the newest export has them:
2014–2024 from the xlsx, 2025 from the API JSON fetched in September 2025, 2026 from the website export.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
from collections import defaultdict

import openpyxl
import pytest

from migmon.incidents import selectors
from migmon.incidents.models import Incident, IncidentImport, Status

pytestmark = pytest.mark.django_db

XLSX = "iom-missing-migrants-alldata/Missing_Migrants_Global_Figures_allData.xlsx"
JSON_2025 = "iom-missing-migrants-api-json/2025-json.json.gz"
CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"
ALIASES = {"Côte d'Ivoire": "Côte d’Ivoire", "Netherlands": "Netherlands (Kingdom of the)"}


def number(text):
    text = str(text or "").replace(",", "").strip()
    return int(float(text)) if text else 0


@pytest.fixture(scope="module")
def raw(data_dir):
    """(year, region) → dead + missing, and (country, year) → dead + missing, per source file, by plain Python.

    A region cell listing several regions (IOM's merge, "Mediterranean,North America": bare commas) counts in
    full under each; ``yearly`` counts every incident once.
    """
    by_region = defaultdict(int)
    yearly = defaultdict(int)
    by_country = defaultdict(int)
    sheet = openpyxl.load_workbook(data_dir / XLSX, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    col = {name: i for i, name in enumerate(header)}
    for row in rows:
        year = int(row[col["Incident Year"]] or str(row[col["Main ID"]]).lstrip("\ufeff")[:4])
        if year <= 2024:
            total = number(row[col["Total Number of Dead and Missing"]])
            yearly[year] += total
            for region in re.split(r",(?! )", row[col["Region of Incident"]]):
                by_region[(year, region)] += total
            by_country[(row[col["Country of Incident"]], year)] += total
    for item in json.loads(gzip.decompress((data_dir / JSON_2025).read_bytes())):
        total = number(item["number_dead"]) + number(item["number_missing"])
        by_region[(2025, item["region"])] += total
        yearly[2025] += total
        by_country[(html.unescape(item["country_of_incident"]), 2025)] += total
    with (data_dir / CSV_2026).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            total = number(row["Number Dead"]) + number(row["Minimum Estimated Number of Missing"])
            by_region[(int(row["Year"]), row["Region"])] += total
            yearly[int(row["Year"])] += total
    return by_region, by_country, yearly


def test_register_totals_equal_the_raw_files_for_every_year_and_region(bundled_register, raw):
    by_region, _, yearly = raw
    register = {}
    for year in sorted({year for year, _ in by_region}):
        for item in selectors.totals(selectors.IncidentFilters(years=(year,)), "region"):
            register[(year, item["key"])] = item["total"]
    assert register == dict(by_region)
    assert not any("," in region for _, region in register)  # never "Mediterranean,North America"
    # The three merged xlsx incidents count under each of their two regions, so by region a year sums above
    # its total by theirs: 2020.MMP00507 (11), 2021.MMP00291 (3), 2022.MMP0352 (2).
    by_year_of_regions = defaultdict(int)
    for (year, _), total in register.items():
        by_year_of_regions[year] += total
    above = {year: by_year_of_regions[year] - yearly[year] for year in yearly}
    assert {year: extra for year, extra in above.items() if extra} == {2020: 11, 2021: 3, 2022: 2}
    api_years = {item["key"]: item["total"] for item in selectors.totals(selectors.IncidentFilters(), "year")}
    assert api_years == dict(yearly)
    assert yearly[2016] == 8249 and yearly[2024] == 9002  # the PROVENANCE oracle table


def test_derived_sdg_series_equals_the_raw_totals(bundled_register, raw, data_dir):
    from migmon.indicators.models import Observation

    _, by_country, yearly = raw
    m49 = {}
    regions = defaultdict(set)
    path = next((data_dir / "un-m49").glob("*.csv"))
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            m49[row["Country or Area"]] = row["M49 Code"]
            for level in ("Region Code", "Sub-region Code", "Intermediate Region Code"):
                if row[level]:
                    regions[row[level]].add(row["M49 Code"])
    expected = defaultdict(int)
    for year, total in yearly.items():
        expected[("001", year)] += total
    for (country, year), total in by_country.items():
        code = m49[ALIASES.get(country, country)]
        expected[(code, year)] += total
        for region, members in regions.items():
            if code in members:
                expected[(region, year)] += total
    derived = {
        (code, int(period)): int(value)
        for code, period, value in Observation.objects.filter(series__code="MMP_DTH_MIGR").values_list(
            "area__m49", "period", "value"
        )
    }
    # 2026 incidents have no country of incident in the website export: they count for the world only.
    assert {key: value for key, value in derived.items() if value} == {k: v for k, v in expected.items() if v}


def test_derived_series_compared_with_the_un_sm_dth_migr(bundled_register, raw, data_dir, capsys):
    """The UN's SM_DTH_MIGR (Open SDG CSV) against the register's MMP_DTH_MIGR, country by country and year."""
    from migmon.indicators.models import Observation

    _, by_country, _ = raw
    derived = {
        (name, int(period)): int(value)
        for name, period, value in Observation.objects.filter(
            series__code="MMP_DTH_MIGR", area__kind="country"
        ).values_list("area__name_en", "period", "value")
    }
    with (data_dir / "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv").open(encoding="utf-8") as handle:
        un = {(row["GeoAreaName"], int(row["Year"])): int(float(row["Value"])) for row in csv.DictReader(handle)}
    exact = [key for key, value in un.items() if derived.get(key, 0) == value]
    differing = {key: (value, derived.get(key)) for key, value in un.items() if derived.get(key, 0) != value}
    # The same comparison in plain Python on the raw xlsx gives the same share: the register adds nothing.
    raw_names = {ALIASES.get(name, name): name for name, _ in by_country}
    plain = [key for key, value in un.items() if by_country.get((raw_names.get(key[0], key[0]), key[1]), 0) == value]
    assert len(exact) == len(plain)
    print(f"SM_DTH_MIGR vs MMP_DTH_MIGR: {len(exact)}/{len(un)} country-years equal")  # noqa: T201
    for key, (official, register) in sorted(differing.items()):
        print(f"  {key[0]} {key[1]}: UN {official}, register {register}")  # noqa: T201
    assert len(un) == 181
    # PROVENANCE: 165/181 against the xlsx; the Netherlands rows now resolve through the M49 name.
    assert len(exact) >= 165


def test_importing_an_older_file_never_overwrites_and_reports_what_it_skipped(bundled_register, data_dir):
    from migmon.incidents.imports import incidents_import

    before = dict(Incident.objects.filter(year=2024).values_list("incident_id", "total"))
    report = incidents_import(path=data_dir / "iom-missing-migrants-api-json/2024-json.json.gz")
    assert report.added == 0 and report.changed == 0
    assert report.skipped_older, "the 2024 JSON (fetched 2024-08-02) differs from the newer xlsx in many incidents"
    assert report.skipped_absent  # ids the newer xlsx no longer has
    assert dict(Incident.objects.filter(year=2024).values_list("incident_id", "total")) == before
    run = IncidentImport.objects.get(pk=report.run.pk)
    assert run.skipped_older == report.skipped_older and run.skipped_absent == report.skipped_absent


def test_newer_export_withdrew_incidents_it_no_longer_has(bundled_register):
    withdrawn = Incident.objects.filter(year=2025, status=Status.WITHDRAWN)
    assert withdrawn.count() == 20
    incident = withdrawn.first()
    assert "2025-json.json.gz" in incident.withdrawn_reason
    assert incident.revisions.filter(action="withdrawn").exists()


def test_imported_incidents_are_published_with_the_import_as_actor(bundled_register):
    incident = Incident.objects.get(incident_id="2014.MMP00001")
    assert incident.status == Status.PUBLISHED and incident.published_by is None
    assert incident.published_by_label.startswith("import #")
    revision = incident.revisions.get()
    assert revision.action == "imported" and revision.who == incident.published_by_label


def test_merged_regions_and_routes_are_single_filter_values_counted_in_each(bundled_register, raw):
    """2020.MMP00507 (IOM: "Mediterranean,North America") is found under either region, counted once in each."""
    _, _, yearly = raw
    choices = selectors.filter_choices()
    assert {"Mediterranean", "North America", "Northern Africa", "Central America"} <= set(choices["regions"])
    assert {"Central Mediterranean", "US-Mexico border crossing"} <= set(choices["routes"])
    assert not [value for value in choices["regions"] + choices["routes"] if "," in value]
    for region in ("Mediterranean", "North America"):
        found = selectors.incidents_public(selectors.IncidentFilters(years=(2020,), regions=(region,)))
        assert found.filter(incident_id="2020.MMP00507").exists()
    route = selectors.IncidentFilters(routes=("US-Mexico border crossing",), years=(2020,))
    assert selectors.incidents_public(route).filter(incident_id="2020.MMP00507").exists()
    by_region = selectors.totals(selectors.IncidentFilters(years=(2020,)), "region")
    published_2020 = Incident.objects.filter(year=2020, status=Status.PUBLISHED).count()
    assert sum(item["incidents"] for item in by_region) == published_2020 + 1
    by_route = {
        year: sum(item["total"] for item in selectors.totals(selectors.IncidentFilters(years=(year,)), "route"))
        for year in (2020, 2021, 2022)
    }
    assert {year: total - yearly[year] for year, total in by_route.items()} == {2020: 11, 2021: 3, 2022: 0}
    # The overall total still counts the incident once.
    assert selectors.summary(selectors.IncidentFilters(years=(2020,)))["total"] == yearly[2020]
    incident = Incident.objects.get(incident_id="2020.MMP00507")
    assert incident.regions == ["Mediterranean", "North America"] and incident.countries == ["Libya"]


def test_points_far_outside_their_country_are_flagged_in_the_register_and_the_import(bundled_register):
    """2020.MMP00507: a Libya shipwreck that IOM's merged row places in Arizona (about 10,760 km from Libya)."""
    from migmon.incidents.far_points import FAR_KM

    shipwreck = Incident.objects.get(incident_id="2020.MMP00507")
    assert shipwreck.far_from_country_km > 10_000
    assert Incident.objects.get(incident_id="2014.MMP00001").far_from_country_km == 0.0  # Pima County, USA
    run = IncidentImport.objects.get(file_name__startswith="Missing_Migrants_Global_Figures_allData")
    assert "2020.MMP00507" in run.far_points and "2014.MMP00001" not in run.far_points
    flagged = Incident.objects.filter(far_from_country_km__gt=FAR_KM)
    checked = Incident.objects.filter(far_from_country_km__isnull=False)
    assert 0 < flagged.count() < checked.count() * 0.03
    assert set(run.far_points) <= set(flagged.values_list("incident_id", flat=True))
    assert selectors.incidents_for_managers(status="all", far=True).count() == flagged.count()

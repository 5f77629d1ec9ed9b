"""The pre-submission check against the SDG DSD and its content constraints: the Kazakhstan samples' report is
pinned (data/sdg-sdmx-samples/PROVENANCE.md lists their defects), what migmon exports passes, and each rule
names series, area, period, component and value."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from migmon.importers.records import dimensions_from
from migmon.indicators import sdmx
from migmon.indicators.sdmx_validation import COLUMNS, constraints, message_check, observations_check, selection_check
from migmon.indicators.selectors import ObservationQuery, observations
from migmon.indicators.services import FileSource, release_import

from .conftest import ListReader, record

KAZAKHSTAN = "sdg-sdmx-samples/kazakhstan"
DSD = "IAEG-SDGs:SDG(1.14)"
NO_SERIES = (
    f"not a code of CL_SERIES in the SDG DSD {DSD}: the message does not say which series or area its "
    "observations belong to"
)
NO_AREA = NO_SERIES.replace("CL_SERIES", "CL_AREA")
TIME = "not an SDMX time period (2010, 2010-Q1, 2010-S1, 2010-03)"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def summary(problems):
    """(component, value, rule) → how many times: the report without its repetition."""
    return Counter((p["component"], p["value"], p["rule"]) for p in problems)


def test_the_kazakhstan_remittances_message(data_dir):
    # sdmx_17-3-2.xml: one series, 12 observations 2010-2021, SERIES and REF_AREA "_T", UNIT_MEASURE PT, no
    # OBS_STATUS or UNIT_MULT anywhere.
    problems = message_check(data_dir / KAZAKHSTAN / "sdmx_17-3-2.xml")
    assert summary(problems) == {
        ("SERIES", "_T", NO_SERIES): 1,
        ("REF_AREA", "_T", NO_AREA): 1,
        ("OBS_STATUS", None, "mandatory attribute OBS_STATUS missing"): 12,
        ("UNIT_MULT", None, "mandatory attribute UNIT_MULT missing"): 12,
    }
    assert {p["period"] for p in problems if p["component"] == "OBS_STATUS"} == {str(y) for y in range(2010, 2022)}
    assert all(p["severity"] == "error" and set(p) == set(COLUMNS) for p in problems)


def test_the_kazakhstan_10_7_2_message(data_dir):
    # sdmx_10-7-2.xml: 9 observations with TIME_PERIOD="2010.0" … "2018.0" and no UNIT_MEASURE either.
    problems = message_check(data_dir / KAZAKHSTAN / "sdmx_10-7-2.xml")
    expected = {
        ("SERIES", "_T", NO_SERIES): 1,
        ("REF_AREA", "_T", NO_AREA): 1,
        ("UNIT_MEASURE", None, "mandatory attribute UNIT_MEASURE missing"): 1,
        ("OBS_STATUS", None, "mandatory attribute OBS_STATUS missing"): 9,
        ("UNIT_MULT", None, "mandatory attribute UNIT_MULT missing"): 9,
    }
    expected |= {("TIME_PERIOD", f"{year}.0", TIME): 1 for year in range(2010, 2019)}
    assert summary(problems) == expected
    first = next(p for p in problems if p["component"] == "TIME_PERIOD")
    assert (first["series"], first["area"], first["period"]) == ("_T", "_T", "2010.0")


@pytest.mark.django_db
def test_what_migmon_exports_passes(areas, series, source_file):
    # Greece 2016: 548 deaths (10.7.3); Australia → Thailand 2016 corridor cost 11.32662 (10.c.1) as a total.
    items = [record("SM_DTH_MIGR", "Greece", "2016", "548"), record("SI_RMT_COST_BC", "Australia", "2016", "11.32662")]
    release_import(source=FileSource(source_file(), ListReader(items)))
    assert selection_check(observations(ObservationQuery(series=["SM_DTH_MIGR", "SI_RMT_COST_BC"]))) == []


@pytest.mark.django_db
def test_a_selection_reports_every_problem_with_its_place(areas, series, source_file):
    items = [
        # A breakdown the 10.7.3 constraint does not allow (it allows totals only), a unit it does not have.
        record("SM_DTH_MIGR", "Greece", "2016", "548", dimensions=dimensions_from([("SEX", "F")]), unit="PT"),
        # A corridor: the DSD has no dimension for the partner.
        record("SI_RMT_COST_BC", "Australia", "2016", "11.32662", dimensions=(("COUNTERPART_AREA", "iso2:TH"),)),
        # Migmon's own UN DESA series: not in CL_SERIES (Libya, mid-2024: 897,751 migrants).
        record("MIGSTOCK", "434", "2024", "897751", kind="m49"),
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    problems = selection_check(observations(ObservationQuery(series=["SM_DTH_MIGR", "SI_RMT_COST_BC", "MIGSTOCK"])))
    found = {(p["series"], p["area"], p["period"], p["component"], p["value"]): p["rule"] for p in problems}
    assert found == {
        ("MIGSTOCK", "434", "", "SERIES", "MIGSTOCK"): f"not a code of CL_SERIES in the SDG DSD {DSD}",
        ("SI_RMT_COST_BC", "36", "2016", "COUNTERPART_AREA", "THA"): (
            f"the SDG DSD {DSD} has no dimension for the corridor partner"
        ),
        ("SM_DTH_MIGR", "300", "", "UNIT_MEASURE", "PT"): "the content constraint of SM_DTH_MIGR allows NUMBER",
        ("SM_DTH_MIGR", "300", "", "SEX", "F"): "the content constraint of SM_DTH_MIGR allows _T",
    }
    assert "_T" not in {p["series"] for p in problems} | {p["area"] for p in problems}


def test_periods_values_duplicates_and_codes():
    key = dict.fromkeys(sdmx.KEY, "_T") | {"FREQ": "A", "REPORTING_TYPE": "G", "SERIES": "SM_DTH_MIGR"}
    key |= {"REF_AREA": "300"}
    attributes = {"UNIT_MEASURE": "NUMBER", "UNIT_MULT": "0", "OBS_STATUS": "A"}
    made = [
        sdmx.SdmxObservation(key, "2016", "548", attributes),
        sdmx.SdmxObservation(key, "2016", "548", attributes),  # twice
        sdmx.SdmxObservation(key, "2017-Q1", "1", attributes),  # not annual
        sdmx.SdmxObservation(key, "2018", "many", attributes | {"NATURE": "Z", "OBS_STATUS": "X"}),
    ]
    found = {(p["period"], p["component"], p["value"], p["rule"]) for p in observations_check(made)}
    assert found == {
        ("2016", "TIME_PERIOD", "2016", "a second observation with the same key"),
        ("2017-Q1", "TIME_PERIOD", "2017-Q1", "does not match the frequency FREQ=A"),
        ("2018", "OBS_VALUE", "many", "not a number (or NaN)"),
        ("2018", "NATURE", "Z", f"not a code of CL_NATURE in the SDG DSD {DSD}"),
        ("2018", "OBS_STATUS", "X", f"not a code of CL_OBS_STATUS in the SDG DSD {DSD}"),
    }


def test_constraints_are_read_from_the_bundled_file():
    table = constraints()
    assert len(table) == 665
    assert (table["SI_RMT_COST_BC"].unit_measure, table["SI_RMT_COST_BC"].unit_mult) == ("PT", "0")
    assert table["SL_EMP_INJUR"].allowed["SEX"] is None  # ALL
    assert "MS_MIGRANT" in table["SL_EMP_INJUR"].allowed["COMPOSITE_BREAKDOWN"]


def test_rules_are_in_the_users_language(data_dir):
    with translation.override("fr"):
        problems = message_check(data_dir / KAZAKHSTAN / "sdmx_10-7-2.xml")
    assert "attribut obligatoire UNIT_MEASURE absent" in {p["rule"] for p in problems}


def run_validate(*args: str) -> tuple[dict, str | None]:
    out = StringIO()
    try:
        call_command("validate_data", *args, "--format", "json", stdout=out)
    except CommandError as failed:
        return json.loads(out.getvalue()), str(failed)
    return json.loads(out.getvalue()), None


def test_validate_sdmx_files_from_the_command_line(data_dir):
    document, failed = run_validate("--sdmx", str(data_dir / KAZAKHSTAN / "sdmx_10-7-2.xml"))
    (report,) = document["reports"]
    assert (document["mode"], report["kind"], report["dsd"], report["errors"]) == ("sdmx", "sdmx-message", DSD, 30)
    assert failed == "30 error(s) in 1 of 1: sdmx_10-7-2.xml"


@pytest.mark.django_db
def test_validate_sdmx_selection_from_the_command_line(areas, series, source_file):
    items = [record("SM_DTH_MIGR", "Greece", "2016", "548"), record("MIGSTOCK", "434", "2024", "897751", kind="m49")]
    release_import(source=FileSource(source_file(), ListReader(items)))
    document, failed = run_validate("--sdmx", "--series", "SM_DTH_MIGR", "--area", "GRC")
    assert (document["reports"][0]["observations"], document["reports"][0]["problems"], failed) == (1, [], None)
    document, failed = run_validate("--sdmx", "--series", "SM_DTH_MIGR,MIGSTOCK")
    (report,) = document["reports"]
    assert report["subject"] == "series=SM_DTH_MIGR series=MIGSTOCK" and report["errors"] == 1
    assert [(p["series"], p["area"], p["component"]) for p in report["problems"]] == [("MIGSTOCK", "434", "SERIES")]
    with pytest.raises(CommandError, match="--series: Unknown series NOPE"):
        call_command("validate_data", "--sdmx", "--series", "NOPE", stdout=StringIO())

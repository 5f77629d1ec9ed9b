"""Split incidents counted row by row, on the real 2025 IOM file (the API JSON fetched in September 2025).

IOM splits an incident over rows when its victims differ in cause, country or route; 2025.MMP0956 is one death
by sickness in a hospital and ten missing by drowning at sea. Every figure below is computed a second time, in
plain Python over the raw file (json and gzip only, no project code), and the register must agree with it.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from migmon.incidents import selectors, services
from migmon.incidents.imports import incidents_import
from migmon.incidents.models import Incident, IncidentRow, Status

JSON_2025 = "iom-missing-migrants-api-json/2025-json.json.gz"
DROWNING = "Drowning"
SICKNESS = "Sickness / lack of access to adequate healthcare"


def number(text):
    text = str(text or "").replace(",", "").strip()
    return int(text) if text else 0


@pytest.fixture(scope="module")
def raw(data_dir):
    """The 2025 file's rows as plain dicts (text unescaped as the reader does, counts as integers)."""
    rows = []
    for item in json.loads(gzip.decompress((data_dir / JSON_2025).read_bytes())):
        rows.append(
            {
                "id": item["web_id"],
                "cause": item["cause_death"].strip(),
                "country": html.unescape(item["country_of_incident"]).strip(),
                "route": html.unescape(item["migration_route"]).strip(),
                "region": item["region"].strip(),
                "total": number(item["number_dead"]) + number(item["number_missing"]),
            }
        )
    return rows


def plain_totals(rows, field):
    """Field value → [dead + missing, distinct incident ids], summed over rows."""
    totals = defaultdict(int)
    ids = defaultdict(set)
    for row in rows:
        totals[row[field]] += row["total"]
        ids[row[field]].add(row["id"])
    return {key: [totals[key], len(ids[key])] for key in totals}


@pytest.fixture(scope="module")
def register_2025(django_db_setup, django_db_blocker, data_dir):
    """Geography + the 2025 file, imported once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_geography", verbosity=0)
        incidents_import(path=data_dir / JSON_2025)
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_file_splits_incidents_over_causes(raw):
    """The premise, in plain Python: some ids have rows of different causes, and every row has one cause."""
    causes = defaultdict(set)
    for row in raw:
        causes[row["id"]].add(row["cause"])
    assert causes["2025.MMP0956"] == {SICKNESS, DROWNING}
    assert sum(1 for found in causes.values() if len(found) > 1) == 3
    assert all("," not in row["cause"] or row["cause"].startswith("Harsh") for row in raw)


def test_totals_by_cause_count_each_row_under_its_own_cause(register_2025, raw):
    expected = plain_totals(raw, "cause")
    assert expected[DROWNING][0] == 2354 and expected[SICKNESS][0] == 219  # issue 9's figures
    got = {
        item["key"]: [item["total"], item["incidents"]]
        for item in selectors.totals(selectors.IncidentFilters(years=(2025,)), "cause")
    }
    assert got == expected


@pytest.mark.parametrize("field", ["route", "region"])
def test_totals_by_route_and_region_follow_the_rows(register_2025, raw, field):
    got = {
        item["key"]: [item["total"], item["incidents"]]
        for item in selectors.totals(selectors.IncidentFilters(years=(2025,)), field)
    }
    assert got == plain_totals(raw, field)


def test_overall_count_is_each_incident_once(register_2025, raw):
    (overall,) = selectors.totals(selectors.IncidentFilters())
    assert overall["incidents"] == len({row["id"] for row in raw}) == 917
    assert overall["total"] == sum(row["total"] for row in raw) == 3780


def test_cause_filter_matches_any_listed_cause(register_2025, raw):
    client = Client()
    drowning = {row["id"] for row in raw if row["cause"] == DROWNING}
    listing = client.get(f"/api/v1/incidents?cause={DROWNING}&limit=5000").json()
    assert {item["incident_id"] for item in listing["items"]} == drowning
    assert "2025.MMP0956" in drowning and listing["count"] == len(drowning)
    (total,) = client.get(f"/api/v1/incidents/totals?cause={DROWNING}").json()["items"]
    assert total["total"] == 2354 and total["incidents"] == len(drowning)
    # With an origin the totals come from the rows, not the cube: the same rows as the download's lines.
    origin = next(item["origin_countries"][0] for item in listing["items"] if item["origin_countries"])
    query = f"cause={DROWNING}&origin={origin}"
    (chosen,) = client.get(f"/api/v1/incidents/totals?{query}").json()["items"]
    response = client.get(f"/api/v1/incidents?{query}&format=csv")
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert chosen["total"] == sum(int(line["total"]) for line in lines) > 0
    assert chosen["incidents"] == len({line["incident_id"] for line in lines})


def test_download_has_one_line_per_row_with_its_own_cause(register_2025, raw):
    response = Client().get(f"/api/v1/incidents?cause={DROWNING}&format=csv")
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sum(int(line["total"]) for line in lines) == 2354
    assert all(line["causes"] == DROWNING for line in lines)
    (at_sea,) = [line for line in lines if line["incident_id"] == "2025.MMP0956"]
    assert (at_sea["dead"], at_sea["missing"]) == ("", "10")
    everything = Client().get("/api/v1/incidents?format=csv&year=2025")
    lines = list(csv.DictReader(io.StringIO(b"".join(everything.streaming_content).decode())))
    assert len(lines) == len(raw) and sum(int(line["total"]) for line in lines) == 3780


def test_detail_lists_the_rows(register_2025):
    detail = Client().get("/api/v1/incidents/2025.MMP0956").json()
    assert [(row["causes"], row["total"]) for row in detail["rows"]] == [([SICKNESS], 1), ([DROWNING], 10)]
    assert detail["total"] == 11 and detail["causes"] == [SICKNESS, DROWNING]


def test_sdg_series_counts_each_row_in_its_own_country(register_2025, raw):
    from migmon.geo.lookup import AreaLookup
    from migmon.incidents.aggregates import yearly_totals_by_area

    by_country = defaultdict(int)
    for row in raw:
        by_country[row["country"]] += row["total"]
    lookup = AreaLookup.from_db()
    totals = yearly_totals_by_area()
    for name in {row["country"] for row in raw if row["id"] == "2025.MMP0100"}:
        code = lookup.resolve(name, "name").m49
        assert totals[(code, 2025)] == by_country[name]


def values_of(incident, **changes):
    """The values the edit form would send back for ``incident``, with ``changes``."""
    from migmon.incidents.forms import IncidentForm

    names = [name for name in IncidentForm.base_fields if name not in ("incident_id", "not_a_duplicate")]
    return {**{name: getattr(incident, name) for name in names}, **changes}


def test_a_split_incident_goes_through_the_workflow_with_its_rows(register_2025, roles):
    incident = Incident.objects.get(incident_id="2025.MMP0956")
    before = selectors.totals(selectors.IncidentFilters(years=(2025,)), "cause")
    services.incident_return(actor=roles["reviewer"], incident=incident, note="check the sources")
    drowning = {item["key"]: item["total"] for item in selectors.totals(selectors.IncidentFilters(), "cause")}
    assert drowning[DROWNING] == 2354 - 10 and drowning[SICKNESS] == 219 - 1
    locked = values_of(incident, causes=[DROWNING], dead=5)
    with pytest.raises(services.WorkflowError, match="dead, causes"):
        services.incident_update(actor=roles["author"], incident=incident, values=locked)
    edited = values_of(incident, information_source="IOM Spain; hospital records")
    services.incident_update(actor=roles["author"], incident=incident, values=edited)
    assert IncidentRow.objects.filter(incident=incident).count() == 2
    services.incident_submit(actor=roles["author"], incident=incident)
    services.incident_publish(actor=roles["reviewer"], incident=incident)
    assert incident.status == Status.PUBLISHED
    assert selectors.totals(selectors.IncidentFilters(years=(2025,)), "cause") == before
    edit = incident.revisions.get(action="edited")
    assert list(edit.changes) == ["information_source"] and len(edit.snapshot["parts"]) == 2


def test_edit_form_shows_the_rows_and_locks_their_values(register_2025, roles):
    from django.urls import reverse

    incident = Incident.objects.get(incident_id="2025.MMP0956")
    services.incident_return(actor=roles["reviewer"], incident=incident, note="")
    client = Client()
    client.force_login(roles["author"])
    page = client.get(reverse("incidents:edit", args=[incident.pk])).content.decode()
    assert "2025.MMP0956" in page and 'name="dead"' in page and "disabled" in page
    assert SICKNESS in page and DROWNING in page


def test_a_file_imported_by_the_older_reader_is_read_again(register_2025, data_dir):
    """A register built before rows had their own cause (reader version 1, parts without causes, as migration
    0004 leaves it) is put right by importing the same file again; then the file is a no-op again."""
    from migmon.incidents.aggregates import published_totals_refresh
    from migmon.incidents.models import IncidentImport
    from migmon.incidents.rows import rows_sync

    old = ("region", "route", "causes", "survivors", "females", "males", "children")
    split = list(Incident.objects.exclude(parts=[]))
    for incident in split:
        incident.parts = [{key: value for key, value in part.items() if key not in old} for part in incident.parts]
        incident.save()
    rows_sync(split)
    IncidentImport.objects.update(reader_version="1")
    published_totals_refresh(series=False)
    by_cause = {item["key"]: item["total"] for item in selectors.totals(selectors.IncidentFilters(), "cause")}
    assert by_cause[DROWNING] != 2354  # every victim of a split incident under its first cause, as in issue 9

    report = incidents_import(path=data_dir / JSON_2025)
    assert not report.already_imported and report.changed == len(split) and report.added == 0
    by_cause = {item["key"]: item["total"] for item in selectors.totals(selectors.IncidentFilters(), "cause")}
    assert by_cause[DROWNING] == 2354 and by_cause[SICKNESS] == 219
    assert incidents_import(path=data_dir / JSON_2025).already_imported

"""Re-imports: changed incidents are updated with history, older exports never overwrite, bad files change nothing."""

from __future__ import annotations

import csv

import pytest

from migmon.incidents.imports import ImportRefused, incidents_import
from migmon.incidents.models import Incident, IncidentImport, IncidentRevision

pytestmark = pytest.mark.django_db

CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


def edited_copy(data_dir, tmp_path, stamp, changes):
    """The real 2026 export with some cells changed, saved under IOM's file name for another download time.

    ``changes``: {Incident ID: {column: new value}}.
    """
    with (data_dir / CSV_2026).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = reader.fieldnames
    for row in rows:
        row.update(changes.get(row["Incident ID"], {}))
    path = tmp_path / f"MissingMigrants-Global-{stamp}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_reimport_of_a_newer_export_updates_changed_incidents_and_keeps_history(data_dir, tmp_path):
    first = incidents_import(path=data_dir / CSV_2026)
    assert first.added == 211
    newer = edited_copy(data_dir, tmp_path, "2026-05-20--08_00_00", {"2026.MMP00078": {"Number Dead": "27"}})
    report = incidents_import(path=newer)
    assert (report.added, report.changed, report.unchanged) == (0, 1, 210)
    incident = Incident.objects.get(incident_id="2026.MMP0007")
    assert (incident.dead, incident.total) == (27 + 16, 27 + 16 + 66)
    latest = incident.revisions.order_by("-id").first()
    assert latest.changes["dead"] == [41, 43] and latest.changes["total"] == [107, 109]
    assert newer.name in latest.actor_label
    assert incident.revisions.order_by("id").first().snapshot["dead"] == 41


def test_an_older_export_never_overwrites_and_says_what_it_skipped(data_dir, tmp_path):
    incidents_import(path=data_dir / CSV_2026)
    older = edited_copy(data_dir, tmp_path, "2026-05-01--08_00_00", {"2026.MMP00078": {"Number Dead": "20"}})
    report = incidents_import(path=older)
    assert report.changed == 0
    assert report.skipped_older == [
        {"incident": "2026.MMP0007", "fields": ["dead", "parts", "total"], "kept_as_of": "2026-05-06T19:42:11+00:00"}
    ]
    assert Incident.objects.get(incident_id="2026.MMP0007").dead == 41


def test_a_file_with_an_unreadable_row_changes_nothing(data_dir, tmp_path):
    incidents_import(path=data_dir / CSV_2026)
    revisions, imports = IncidentRevision.objects.count(), IncidentImport.objects.count()
    broken = edited_copy(
        data_dir,
        tmp_path,
        "2026-05-20--08_00_00",
        {"2026.MMP00078": {"Number Dead": "27"}, "2026.MMP00079": {"Number Dead": "sixteen"}},
    )
    with pytest.raises(ImportRefused) as refused:
        incidents_import(path=broken)
    (problem,) = refused.value.problems
    assert (problem.location.row, problem.column, problem.value) == (
        next(i for i, line in enumerate(broken.read_text().splitlines(), start=1) if "2026.MMP00079" in line),
        "Number Dead",
        "sixteen",
    )
    assert Incident.objects.get(incident_id="2026.MMP0007").dead == 41  # the good row was not written either
    assert (IncidentRevision.objects.count(), IncidentImport.objects.count()) == (revisions, imports)


def test_the_real_2015_api_file_is_refused_with_its_placeholder_id(data_dir):
    with pytest.raises(ImportRefused, match="row 599.*web_id.*it will be included"):
        incidents_import(path=data_dir / "iom-missing-migrants-api-json/2015-json.json.gz")
    assert not Incident.objects.exists() and not IncidentImport.objects.exists()


def test_importing_the_same_file_again_is_a_no_op(data_dir):
    incidents_import(path=data_dir / CSV_2026)
    again = incidents_import(path=data_dir / CSV_2026)
    assert again.already_imported and again.added == 0
    assert IncidentImport.objects.count() == 1


def test_dry_run_writes_nothing(data_dir):
    report = incidents_import(path=data_dir / CSV_2026, dry_run=True)
    assert report.added == 211
    assert not Incident.objects.exists() and not IncidentImport.objects.exists()


def test_import_command_prints_the_summary_and_fails_cleanly(data_dir, capsys):
    from django.core.management import CommandError, call_command

    call_command("import_incidents", str(data_dir / CSV_2026))
    assert "211" in capsys.readouterr().out
    with pytest.raises(CommandError, match="row 599"):
        call_command("import_incidents", str(data_dir / "iom-missing-migrants-api-json/2015-json.json.gz"))

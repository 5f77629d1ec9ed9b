"""Missing Migrants files through ``migmon import``, like every other format: detected, same summary table."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from migmon.incidents.models import Incident, IncidentImport
from migmon.indicators.models import Release, Series

pytestmark = pytest.mark.django_db

CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"
JSON_2015 = "iom-missing-migrants-api-json/2015-json.json.gz"
OPEN_SDG = "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"


def migmon_import(*paths, dry_run=False):
    """``migmon import PATH…`` (the verb runs import_data); returns what it printed."""
    out = io.StringIO()
    call_command("import_data", *(str(path) for path in paths), dry_run=dry_run, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def line_of(output, name):
    """The summary table's row of a file (not its progress line)."""
    return next(line for line in output.splitlines() if name[:20] in line and "│" in line)


def test_a_missing_migrants_export_goes_to_the_register(data_dir):
    output = migmon_import(data_dir / CSV_2026)
    row = line_of(output, "MissingMigrants-Global")
    assert "missing-migrants register" in row and "211" in row and "imported" in row
    assert Incident.objects.count() == 211 and IncidentImport.objects.count() == 1
    assert not Release.objects.exists()  # nothing went to the statistics store
    again = line_of(migmon_import(data_dir / CSV_2026), "MissingMigrants-Global")
    assert "already imported" in again and IncidentImport.objects.count() == 1


def test_both_kinds_of_file_in_one_call_share_the_table(data_dir):
    call_command("load_geography", verbosity=0)
    Series.objects.create(
        code="SM_DTH_MIGR",
        name_en="Total deaths and disappearances recorded during migration",
        unit="NUMBER",
        allowed_dimensions={"SEX": "_T", "AGE": "_T"},
    )
    output = migmon_import(data_dir / OPEN_SDG, data_dir / CSV_2026, dry_run=True)
    header = next(line for line in output.splitlines() if "dataset" in line and "added" in line)
    assert all(column in header for column in ("file", "dataset", "added", "changed", "unchanged", "status"))
    assert "dry run" in line_of(output, "indicator_10-7-3") and "dry run" in line_of(output, "MissingMigrants")
    assert not Incident.objects.exists() and not Release.objects.exists()


def test_a_refused_export_names_the_row_and_writes_nothing(data_dir):
    with pytest.raises(CommandError, match="row 599"):
        migmon_import(data_dir / JSON_2015)
    assert not Incident.objects.exists() and not IncidentImport.objects.exists()


def test_the_old_command_is_a_thin_alias_with_the_same_table(data_dir):
    out = io.StringIO()
    call_command("import_incidents", str(data_dir / CSV_2026), "--exported-at", "2026-05-06", stdout=out)
    assert "missing-migrants register" in line_of(out.getvalue(), "MissingMigrants-Global")
    assert IncidentImport.objects.get().exported_at.isoformat().startswith("2026-05-06")


def test_the_importers_readme_lists_the_missing_migrants_formats_in_trial_order():
    import re
    from pathlib import Path

    from migmon.importers import detect

    readme = Path(detect.__file__).with_name("README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Missing Migrants formats\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \(`(\w+)\.py`\) \| `([\w.-]+)` \|", section, flags=re.MULTILINE)
    expected = [
        (cls.__name__, cls.__module__.rsplit(".", 1)[1], cls.format_name) for cls in detect.MISSING_MIGRANTS_READERS
    ]
    assert rows == expected

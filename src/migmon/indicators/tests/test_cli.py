"""The ``migmon`` verbs: import (progress, summary, dry run), releases, rollback, export; one-line failures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from migmon.cli import VERB_TO_COMMAND
from migmon.indicators.models import Observation, Release, ReleaseStatus

pytestmark = pytest.mark.django_db

# Real rows (the tidy template's Greece 10.7.3 figure and DESA 2024 Libya figures).
TIDY = (
    "series,area,area_kind,period,value,unit,SEX\n"
    "SM_DTH_MIGR,Greece,name,2016,548,NUMBER,\n"
    "MIGSTOCK,434,m49,2024,897751,NUMBER,\n"
    "MIGSTOCK,434,m49,2024,252787,NUMBER,F\n"
)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def tidy_file(tmp_path) -> Path:
    path = tmp_path / "national.csv"
    path.write_text(TIDY)
    return path


def test_import_prints_progress_and_a_summary_table(areas, series, tidy_file):
    out, _ = run("import_data", str(tidy_file))
    assert "rows/s" in out
    for column in ("file", "dataset", "added", "changed", "unchanged", "rejected", "status"):
        assert column in out
    assert "national.csv" in out and "national-data" in out and "imported (release #" in out
    assert Observation.objects.count() == 3

    out, _ = run("import_data", str(tidy_file))
    assert "already imported" in out


def test_dry_run_keeps_nothing(areas, series, tidy_file):
    out, _ = run("import_data", "--dry-run", str(tidy_file))
    assert "dry run" in out and not Observation.objects.exists() and not Release.objects.exists()


def test_a_bad_file_fails_with_one_line_and_lists_its_problems(areas, series, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(TIDY.replace("Greece", "Atlantis"))
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"^bad.csv: nothing imported: error: bad.csv, row 2.*Atlantis") as failure,
    ):
        run("import_data", str(bad))
    assert "\n" not in str(failure.value)
    assert not Observation.objects.exists()


def test_a_bad_file_s_problems_are_told_in_the_user_s_language(areas, series, tmp_path):
    """The rule texts, and the words around them, in the active language (LANGUAGE_CODE, French, by default)."""
    bad = tmp_path / "bad.csv"
    bad.write_text(TIDY.replace("Greece", "Atlantis"))
    with translation.override("fr"), pytest.raises(CommandError) as failure:
        run("import_data", str(bad))
    assert str(failure.value) == (
        "bad.csv: nothing imported: erreur: bad.csv, ligne 2, colonne area (name): valeur 'Atlantis' : zone inconnue "
        "name 'Atlantis' : aucune zone n'a ce nom ni cet alias ; rien n'a été deviné"
    )
    with translation.override("es"), pytest.raises(CommandError) as failure:
        run("import_data", str(bad))
    assert "error: bad.csv, fila 2, columna area (name): valor 'Atlantis': zona desconocida name" in str(failure.value)


def test_keep_going_imports_the_good_rows(areas, series, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(TIDY.replace("Greece", "Atlantis"))
    out, _ = run("import_data", "--keep-going", str(bad))
    assert Observation.objects.count() == 2 and Release.objects.get().rejected == 1


def test_a_missing_file_is_a_one_line_error(areas, series):
    with pytest.raises(CommandError, match="no-such.csv: no such file"):
        run("import_data", "no-such.csv")


def test_releases_and_rollback(areas, series, tidy_file):
    run("import_data", str(tidy_file))
    release = Release.objects.get()
    out, _ = run("list_releases")
    assert f"│ {release.pk} " in out and "national.csv" in out and "Active" in out

    out, _ = run("rollback_release", f"#{release.pk}")
    assert "rolled back" in out and "3 observation(s) removed" in out
    release.refresh_from_db()
    assert release.status == ReleaseStatus.ROLLED_BACK
    with pytest.raises(CommandError, match="already rolled back"):
        run("rollback_release", str(release.pk))
    with pytest.raises(CommandError, match="no release #999"):
        run("rollback_release", "999")
    with pytest.raises(CommandError, match="must be a number"):
        run("rollback_release", "latest")


def test_export_to_a_file_and_to_stdout(areas, series, tidy_file, tmp_path):
    run("import_data", str(tidy_file))
    target = tmp_path / "out.json"
    run("export_observations", "--series", "MIGSTOCK", "--area", "LBY", "--format", "json", "--output", str(target))
    document = json.loads(target.read_text())
    assert sorted(item["value"] for item in document["observations"]) == [252787, 897751]

    printed, _ = run("export_observations", "--series", "SM_DTH_MIGR,MIGSTOCK", "--start", "2016", "--end", "2016")
    assert printed.splitlines()[1].startswith("SM_DTH_MIGR,GRC,iso3,Greece,2016,548,")  # the area name since 330fa47
    assert len(printed.splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--series", "NOPE"], "--series: Unknown series NOPE"),
        (["--series", "MIGSTOCK", "--area", "XXX"], "--area: Unknown area .XXX."),
        (["--series", "MIGSTOCK", "--dimension", "colour=blue"], "Unknown parameter or dimension .colour."),
        (["--series", "MIGSTOCK", "--dimension", "sex"], "write NAME=CODE"),
        (["--series", "MIGSTOCK", "--start", "2020", "--end", "2010"], "is after"),
        (["--series", "MIGSTOCK", "--output", "/no/such/dir/out.csv"], "cannot write /no/such/dir/out.csv"),
    ],
)
def test_export_refuses_bad_input_in_one_line(areas, series, args, message):
    with pytest.raises(CommandError, match=message):
        run("export_observations", *args)


def test_every_verb_maps_to_a_command():
    from django.core.management import get_commands

    assert set(VERB_TO_COMMAND.values()) <= set(get_commands())


def _migmon(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("migmon")
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, timeout=120, env={**os.environ, **env}, check=False
    )


def test_console_script_fails_in_one_line_without_a_traceback(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "migmon.config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    missing = _migmon("import", str(tmp_path / "nothing.csv"), env=env)
    assert missing.returncode != 0
    assert "Traceback" not in missing.stderr
    assert missing.stderr.strip().splitlines()[-1].startswith("CommandError: nothing.csv: nothing imported:")
    assert missing.stderr.strip().splitlines()[-1].endswith("nothing.csv: no such file")

    not_migrated = _migmon("releases", env=env)
    assert not_migrated.returncode == 1 and "Traceback" not in not_migrated.stderr
    assert not_migrated.stderr.strip().startswith("migmon: database error:")

    usage = _migmon(env=env)
    assert usage.returncode == 0 and "migmon import PATH" in usage.stdout


KAZAKHSTAN_17_3_2 = "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml"  # SERIES="_T" REF_AREA="_T", 12 values


@pytest.fixture
def framework(db):
    call_command("load_geography", stdout=StringIO())
    call_command("load_framework", stdout=StringIO())


def test_area_and_series_options_say_what_the_file_does_not(framework, data_dir):
    path = data_dir / KAZAKHSTAN_17_3_2
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="SERIES must be an SDG series code but is the total code _T"),
    ):
        run("import_data", str(path))

    run("import_data", "--area", "Kazakhstan", "--series", "BX_TRF_PWKR", str(path))

    stored = Observation.objects.filter(series__code="BX_TRF_PWKR", area__iso3="KAZ")
    assert stored.count() == 12
    assert float(stored.get(period="2020").value) == 0.22  # data/sdg-sdmx-samples/PROVENANCE.md


def test_the_national_area_setting_is_the_default_area(framework, data_dir, settings):
    settings.MIGMON_NATIONAL_AREA = "398"
    run("import_data", "--series", "BX_TRF_PWKR", str(data_dir / KAZAKHSTAN_17_3_2))
    assert Observation.objects.filter(series__code="BX_TRF_PWKR", area__iso3="KAZ").count() == 12


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--series", "bx trf", r"--series 'bx trf': expected an SDG series code"),
        ("--area", "K" * 81, r"--area 'K+': expected an area code or name of at most 80"),
    ],
)
def test_a_bad_option_is_a_one_line_error(framework, data_dir, option, value, message):
    with pytest.raises(CommandError, match=message):
        run("import_data", option, value, str(data_dir / KAZAKHSTAN_17_3_2))
    assert not Release.objects.exists()


NATIONAL = Path(__file__).resolve().parents[4] / "tests" / "data" / "national"


def test_a_national_data_folder_imports_one_release_per_file_with_the_given_area(framework, tmp_path):
    # The United Kingdom folder: 17.3.2 is clean, the 8.8.1 excerpt has a sub-national row and words outside the DSD.
    with pytest.raises(CommandError, match=r"indicator_8-8-1-excerpt.csv: nothing imported: .*2002/03"):
        run("import_data", "--area", "GBR", str(NATIONAL / "united-kingdom"))
    [release] = Release.objects.all()
    assert (release.file_name, release.dataset.code, release.added) == (
        "indicator_17-3-2.csv",
        "national-open-sdg-gbr",
        33,
    )
    stored = Observation.objects.filter(series__code="BX_TRF_PWKR", area__iso3="GBR")
    assert stored.count() == 33
    assert str(stored.get(period="2019").value).startswith("0.144047880517")  # tests/data/national/PROVENANCE.md

    repository = tmp_path / "sdg-data-armenia"  # an Open SDG data repository: the CSVs live in data/
    (repository / "data").mkdir(parents=True)
    shutil.copy(NATIONAL / "armenia" / "indicator_17-3-2.csv", repository / "data")
    (repository / "README.md").write_text("not data\n")
    out, _ = run("import_data", "--area", "ARM", str(repository))
    assert "national-open-sdg-arm" in out and Release.objects.count() == 2
    assert float(Observation.objects.get(series__code="BX_TRF_PWKR", area__iso3="ARM", period="2023").value) == 6.0

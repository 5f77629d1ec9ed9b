"""``migmon validate``: every problem of a file (reader and loader checks), as a table or JSON; nothing kept."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from migmon.indicators.models import Dataset, Observation, Release

pytestmark = pytest.mark.django_db

# Real rows (the tidy template's Greece 10.7.3 and Libya 2024 migrant stock figures), then two broken ones.
TIDY = (
    "series,area,area_kind,period,value,unit,SEX\n"
    "SM_DTH_MIGR,Greece,name,2016,548,NUMBER,\n"
    "MIGSTOCK,434,m49,2024.0,897751,NUMBER,\n"
    "MIGSTOCK,Atlantis,name,2024,252787,NUMBER,F\n"
    'MIGSTOCK,434,m49,2020,"897,751",NUMBER,\n'
)
KAZAKHSTAN = "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml"  # SERIES="_T" REF_AREA="_T", 12 values


def validate(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("validate_data", *args, stdout=out, stderr=err)
    except CommandError as failure:
        return out.getvalue(), err.getvalue(), failure
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def framework(db):
    call_command("load_geography", stdout=StringIO())
    call_command("load_framework", stdout=StringIO())


@pytest.fixture
def tidy_file(tmp_path):
    path = tmp_path / "national.csv"
    path.write_text(TIDY)
    return path


def test_the_table_names_every_problem_of_the_reader_and_of_the_loader(framework, tidy_file):
    with translation.override("fr"):  # the rules in the user's language (LANGUAGE_CODE by default)
        french, _, _ = validate(str(tidy_file))
    assert "zone inconnue name 'Atlantis'" in french and "virgule décimale" in french and "lue comme 2024" in french
    with translation.override("en"):
        out, _, failure = validate(str(tidy_file))
    assert failure is not None and str(failure) == "2 error(s) in 1 of 1: national.csv"
    assert "national.csv: 2 error(s), 1 warning(s)" in out
    assert "Atlantis" in out and "unknown area" in out  # the loader's check: geo does not know it
    assert "897,751" in out and "decimal comma" in out  # the reader's check
    assert "read as 2024" in out
    assert not Observation.objects.exists() and not Release.objects.exists() and not Dataset.objects.exists()


def test_json_gives_each_problem_with_its_place_column_value_and_rule(framework, tidy_file):
    out, _, failure = validate("--format", "json", str(tidy_file))
    assert failure is not None
    [report] = json.loads(out)["reports"]
    assert (report["subject"], report["format"], report["dataset"]) == (
        "national.csv",
        "migmon-tidy-csv",
        "national-data",
    )
    assert (report["records"], report["would_add"], report["rejected"]) == (3, 2, 2)
    by_row = {problem["row"]: problem for problem in report["problems"]}
    assert set(by_row) == {3, 4, 5}
    assert (by_row[3]["severity"], by_row[3]["column"], by_row[3]["value"]) == ("warning", "period", "2024.0")
    assert (by_row[4]["severity"], by_row[4]["column"], by_row[4]["value"]) == ("error", "area (name)", "Atlantis")
    assert (by_row[5]["column"], by_row[5]["value"]) == ("value", "897,751")
    assert all(
        set(problem) == {"severity", "file", "row", "element", "column", "value", "rule"}
        for problem in report["problems"]
    )


def test_area_and_series_options_and_an_already_imported_file_is_still_judged(framework, data_dir):
    path = str(data_dir / KAZAKHSTAN)
    out, _, failure = validate("--format", "json", path)
    [report] = json.loads(out)["reports"]
    assert failure is not None and {p["column"] for p in report["problems"] if p["severity"] == "error"} == {
        "SERIES",
        "REF_AREA",
    }

    call_command("import_data", "--area", "KAZ", "--series", "BX_TRF_PWKR", path, stdout=StringIO())
    out, _, failure = validate("--format", "json", "--area", "KAZ", "--series", "BX_TRF_PWKR", path)
    [report] = json.loads(out)["reports"]
    assert failure is None and report["errors"] == 0 and report["warnings"] >= 2
    assert (report["records"], report["would_add"], report["unchanged"]) == (12, 0, 12)
    assert Release.objects.count() == 1


def test_a_missing_or_unknown_file_is_one_error_and_the_others_are_still_judged(framework, tidy_file, tmp_path):
    unknown = tmp_path / "notes.csv"
    unknown.write_text("when,what\n2020,nothing\n")
    out, _, failure = validate("--format", "json", str(tmp_path / "gone.csv"), str(unknown), str(tidy_file))
    reports = json.loads(out)["reports"]
    assert [report["subject"] for report in reports] == ["gone.csv", "notes.csv", "national.csv"]
    assert reports[0]["problems"][0]["rule"] == "no such file"
    assert "not a known layout" in reports[1]["problems"][0]["rule"]
    assert reports[2]["errors"] == 2
    assert failure is not None and "in 3 of 3" in str(failure)


def test_nothing_to_validate_is_an_error():
    with pytest.raises(CommandError, match="nothing to validate"):
        call_command("validate_data", stdout=StringIO())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "code de zone infranationale : ce fichier est lu comme les données nationales de GBR"),
        ("es", "código de zona subnacional: este archivo se lee como los datos nacionales de GBR"),
        ("en", "sub-national area code: this file is read as GBR's national data"),
    ],
)
def test_a_national_file_s_problems_are_said_in_the_user_s_language(framework, language, expected):
    from pathlib import Path

    from django.utils import translation

    excerpt = Path(__file__).resolve().parents[4] / "tests/data/national/united-kingdom/indicator_8-8-1-excerpt.csv"
    with translation.override(language):
        out, _, failure = validate("--format", "json", "--area", "GBR", str(excerpt))
    [report] = json.loads(out)["reports"]
    [geocode] = [p for p in report["problems"] if p["column"] == "GeoCode"]
    assert failure is not None and (geocode["row"], geocode["value"]) == (4, "E12000006")
    assert geocode["rule"].startswith(expected)


def test_a_folder_is_validated_file_by_file_like_import_takes_it(framework):
    from pathlib import Path

    national = Path(__file__).resolve().parents[4] / "tests/data/national"
    out, _, failure = validate("--format", "json", "--area", "ARM", str(national / "armenia"))
    [report] = json.loads(out)["reports"]
    assert failure is None and (report["subject"], report["errors"], report["would_add"]) == (
        "indicator_17-3-2.csv",
        0,
        9,
    )
    assert not Release.objects.exists()

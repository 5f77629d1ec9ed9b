"""Rule texts in the reader's language: a problem is read once and shown in French, English or Spanish, from its
msgid and parameters, wherever it is shown (the validation report, the CLI)."""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from migmon.importers import i18n
from migmon.importers.records import Problem, SourceLocation, message_shown, rule_shown
from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.importers.tests.helpers import read_all
from migmon.importers.tidy_csv import TidyCsvReader

KZ = "sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml"


def first_error(data_dir) -> Problem:
    _, problems = read_all(SdmxMlReader(), data_dir / KZ)
    return next(p for p in problems if p.severity == "error")


def test_a_reader_problem_in_french(data_dir):
    problem = first_error(data_dir)
    with translation.override("fr"):
        assert problem.message_in() == (
            "erreur: sdmx_17-3-2.xml, élément DataSet[1]/Series[1] (line 1), attribut SERIES: valeur '_T' : SERIES "
            "doit être un code de série ODD, mais c'est le code du total _T : le fichier ne dit pas à quelle série "
            "appartiennent ses observations ; corrigez le fichier ou importez-le en indiquant la série (--series)"
        )


def test_the_same_problem_in_spanish_and_english(data_dir):
    problem = first_error(data_dir)
    with translation.override("es"):
        assert problem.rule_in().startswith("SERIES debe ser un código de serie ODS, pero es el código del total _T")
    with translation.override("en"):
        assert problem.message_in() == problem.message  # English is the msgid itself
    assert problem.rule.startswith("SERIES must be an SDG series code but is the total code _T")


def test_parameters_are_filled_into_the_translation(tmp_path):
    path = tmp_path / "national.csv"
    path.write_text("series,area,period,value,nature\nSM_DTH_MIGR,Greece,2016,548,guess\n", encoding="utf-8")
    _, problems = read_all(TidyCsvReader(), path)
    (problem,) = problems
    with translation.override("fr"):
        assert problem.message_in() == (
            "erreur: national.csv, ligne 2, colonne nature: valeur 'guess' : nature inconnue ; attendu l'un de "
            "C, CA, E, G, M, N, _X"
        )


def test_a_kept_problem_is_shown_again_in_each_reader_s_language(data_dir):
    stored = first_error(data_dir).stored()
    assert stored["template"] and stored["params"] == {"component": "SERIES"}
    with translation.override("es"):
        assert rule_shown(stored).startswith("SERIES debe ser un código de serie ODS")
        assert message_shown(stored).startswith("error: sdmx_17-3-2.xml, elemento DataSet[1]/Series[1]")
    with translation.override("fr"):
        assert rule_shown(stored).startswith("SERIES doit être un code de série ODD")


def test_a_problem_kept_without_template_keeps_its_text():
    refused = {"severity": "error", "file": "x.csv", "message": "x.csv: empty file (0 bytes): nothing to import"}
    with translation.override("fr"):
        assert rule_shown(refused) == message_shown(refused) == "x.csv: empty file (0 bytes): nothing to import"


def test_outside_django_rules_render_in_english():
    problem = Problem.from_stored(
        {
            "file": "f.csv",
            "row": 3,
            "rule": "",
            "template": "year written as a decimal number; read as %(year)s",
            "params": {"year": "2010"},
            "severity": "warning",
            "column": "Year",
            "value": "2010.0",
        }
    )
    assert problem.rule_in(str) == "year written as a decimal number; read as 2010"
    assert str(SourceLocation("f.csv", 3, "Year").shown(str)) == "f.csv, row 3, column Year"


@pytest.mark.parametrize("language", ["fr", "es", "en"])
def test_every_rule_msgid_of_the_readers_is_translated_with_the_same_placeholders(language):
    import re
    from pathlib import Path

    catalogue = polib.pofile(str(Path(i18n.__file__).parent / "locale" / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        if entry.obsolete:
            continue
        assert entry.msgstr, entry.msgid
        assert sorted(re.findall(r"%\(\w+\)s", entry.msgid)) == sorted(re.findall(r"%\(\w+\)s", entry.msgstr))

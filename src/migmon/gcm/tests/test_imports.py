"""CSV import and export of pledges: a round trip, the same file twice changing nothing, one transaction, and
errors that name file, row, column, value and rule in the reader's language."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.utils import translation

from migmon.gcm import services
from migmon.gcm.exports import PLEDGE_COLUMNS, pledges_csv
from migmon.gcm.imports import ImportRefused, pledges_import
from migmon.gcm.models import Pledge
from migmon.gcm.tests.conftest import TEXT, pledge_values

pytestmark = pytest.mark.django_db


def csv_bytes(*rows: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLEDGE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def row(**changes: str) -> dict[str, str]:
    values = {
        "public_id": "GCM-IMPORT-1",
        "title": "Fair recruitment",
        "text": TEXT,
        "pledge_type": "individual",
        "matched_pledge": "",
        "forms": "policy;process",
        "objectives": "6;20",
        "guiding_principles": "human_rights",
        "level": "national",
        "pledging_states": "MEX",
        "stakeholders": "",
        "partners": "ILO;IOM",
        "areas": "MEX",
        "start": "2024-01-01",
        "end": "2030-12-31",
        "metric": "Recruitment cost (SDG 10.7.1)",
        "status": "planning",
    }
    values.update(changes)
    return values


def test_the_same_file_twice_changes_nothing(framework, roles):
    data = csv_bytes(row(), row(public_id="GCM-IMPORT-2", pledge_type="matching", matched_pledge="GCM-IMPORT-1"))
    first = pledges_import(actor=roles["author"], data=data, name="pledges.csv")
    assert first.added == ["GCM-IMPORT-1", "GCM-IMPORT-2"]
    matching = Pledge.objects.get(public_id="GCM-IMPORT-2")
    assert matching.matched_pledge.public_id == "GCM-IMPORT-1" and matching.editorial == "draft"
    assert sorted(o.number for o in matching.objectives.all()) == [6, 20]
    events = matching.events.count()
    again = pledges_import(actor=roles["author"], data=data, name="pledges.csv")
    assert again.added == [] and again.changed == [] and sorted(again.unchanged) == ["GCM-IMPORT-1", "GCM-IMPORT-2"]
    assert matching.events.count() == events and Pledge.objects.count() == 2


def test_a_changed_row_updates_a_draft_but_not_a_published_pledge(framework, roles):
    pledges_import(actor=roles["author"], data=csv_bytes(row()), name="pledges.csv")
    report = pledges_import(actor=roles["author"], data=csv_bytes(row(title="Fair fees")), name="pledges.csv")
    assert report.changed == ["GCM-IMPORT-1"] and Pledge.objects.get().title == "Fair fees"
    pledge = Pledge.objects.get()
    services.step_submit(actor=roles["author"], subject=pledge)
    services.step_publish(actor=roles["reviewer"], subject=pledge)
    with pytest.raises(ImportRefused) as refused:
        pledges_import(actor=roles["author"], data=csv_bytes(row(title="Other")), name="pledges.csv")
    assert refused.value.problems[0].column == "title"
    with pytest.raises(ImportRefused) as refused:
        pledges_import(actor=roles["author"], data=csv_bytes(row(title="Fair fees", status="fulfilled")), name="p.csv")
    assert refused.value.problems[0].column == "status"


def test_one_bad_row_refuses_the_whole_file_naming_row_column_value_and_rule(framework, roles):
    data = csv_bytes(
        row(),
        row(public_id="GCM-IMPORT-2", pledge_type="matching"),
        row(public_id="GCM-IMPORT-3", objectives="6;24", pledging_states="ATLANTIS"),
    )
    with translation.override("fr"):
        with pytest.raises(ImportRefused) as refused:
            pledges_import(actor=roles["author"], data=data, name="uploads/pledges.csv")
        messages = [str(p) for p in refused.value.problems]
    assert Pledge.objects.count() == 0
    found = [(p.row, p.column, p.value) for p in refused.value.problems]
    assert found == [(3, "matched_pledge", ""), (4, "objectives", "24"), (4, "pledging_states", "ATLANTIS")]
    assert "pledges.csv, ligne 3, colonne matched_pledge, valeur «  » : " in messages[0]
    assert "doit citer l’identifiant" in messages[0]


def test_an_export_imports_back_unchanged(framework, roles):
    pledge = services.pledge_create(actor=roles["author"], values=pledge_values(partners="ILO\nIOM"))
    services.step_submit(actor=roles["author"], subject=pledge)
    services.step_publish(actor=roles["reviewer"], subject=pledge)
    exported = Client().get("/api/v1/pledges?format=csv").content
    assert exported.decode() == pledges_csv(Pledge.objects.filter(pk=pledge.pk))
    report = pledges_import(actor=roles["author"], data=exported, name="export.csv")
    assert report.unchanged == [pledge.public_id]


def test_formula_text_is_neutralised_in_the_export_and_restored_on_import(framework, roles):
    formula = '=HYPERLINK("http://example.org","click")'
    pledge = services.pledge_create(actor=roles["author"], values=pledge_values(partners=formula))
    services.step_submit(actor=roles["author"], subject=pledge)
    services.step_publish(actor=roles["reviewer"], subject=pledge)
    exported = Client().get("/api/v1/pledges?format=csv").content
    assert f"'{formula}".replace('"', '""') in exported.decode()
    report = pledges_import(actor=roles["author"], data=exported, name="export.csv")
    assert report.unchanged == [pledge.public_id]

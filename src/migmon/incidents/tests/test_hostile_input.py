"""Input an attacker or a slip of the keyboard would give: script URLs and impossible counts never reach a page.

Each rule holds in the editors' form, the file import and the database (migmon.importers.plausible), and the
real IOM corrections (dead 13, missing −13) still import, so the PROVENANCE totals stay as they are.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migmon.importers.plausible import MAX_COUNT, count_problems, is_web_url, split_urls
from migmon.incidents.imports import ImportRefused, incidents_import
from migmon.incidents.models import Incident, Status
from migmon.incidents.tests.test_imports import edited_copy
from migmon.incidents.tests.test_workflow import CSV_2026, client_for, form_data

pytestmark = pytest.mark.django_db

SCRIPT_URLS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://",
    "http://exa mple.org/",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_only_http_and_https_addresses_are_web_urls(url):
    assert not is_web_url(url)


def test_web_urls_as_iom_writes_them():
    assert is_web_url("https://perma.cc/C936-8SNV") and is_web_url("HTTP://bit.ly/2S0sZrc")
    # allData row 16391 separates its links with " / "; API 2023 adds words after them.
    assert split_urls("https://a.example/x / https://b.example/y") == (
        ["https://a.example/x", "https://b.example/y"],
        [],
    )
    assert split_urls("https://archive.ph/TCLAF, https://archive.ph/Kbhye (follow-up news)") == (
        ["https://archive.ph/TCLAF", "https://archive.ph/Kbhye"],
        ["(follow-up", "news)"],
    )


@pytest.mark.parametrize(
    ("counts", "broken"),
    [
        ({"dead": -100000}, [("dead", "uncorrected")]),
        ({"dead": 2**31}, [("dead", "too_large")]),
        ({"missing": MAX_COUNT + 1}, [("missing", "too_large")]),
        ({"dead": 3, "children": -1}, [("children", "negative")]),
        ({"dead": 1, "survivors": -2}, [("survivors", "uncorrected")]),
        ({"dead": -5, "survivors": 10}, [("dead", "uncorrected")]),
    ],
)
def test_impossible_counts_are_named(counts, broken):
    assert [(problem.field, problem.kind) for problem in count_problems(counts)] == broken


@pytest.mark.parametrize(
    "counts",
    [
        # Real corrections: 2015.MMP00565 (allData), 2020.MMP00661, the second row of 2026.MMP0149.
        {"dead": 69, "missing": -13, "survivors": 274, "females": 8, "males": 26, "children": 21},
        {"dead": 1, "survivors": -1, "females": 1},
        {"dead": 1, "missing": 0, "survivors": -1},
        {"dead": MAX_COUNT},
        {},
    ],
)
def test_real_corrections_are_possible_counts(counts):
    assert count_problems(counts) == []


# ------------------------------------------------------------------------------------------------ the form


def test_the_form_refuses_a_script_url_in_the_editors_language(roles):
    with translation.override("fr"):
        response = client_for(roles["author"]).post(
            reverse("incidents:create"), form_data(urls="https://example.org/a\njavascript:alert(document.domain)")
        )
    assert response.status_code == 200
    assert "javascript:alert(document.domain) n’est pas une adresse" in response.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dead": "-100000"}, "dead"),
        ({"dead": str(2**31)}, "dead"),
        ({"dead": "2", "survivors": "-3"}, "survivors"),
        ({"dead": "3", "children": "-1"}, "children"),
    ],
)
def test_the_form_refuses_impossible_counts_on_the_field(roles, changes, field):
    with translation.override("en"):
        response = client_for(roles["author"]).post(reverse("incidents:create"), form_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Incident.objects.exists()


def test_the_form_takes_a_correction(roles):
    # No geography is loaded here, so no country can be chosen (the form offers the geography's areas only).
    values = form_data(dead="4", missing="-2", country_name="")
    response = client_for(roles["author"]).post(reverse("incidents:create"), values)
    assert response.status_code == 302
    assert Incident.objects.get().total == 2


# -------------------------------------------------------------------------------------------- the import


def test_an_import_with_an_impossible_count_names_row_column_and_value(data_dir, tmp_path):
    broken = edited_copy(data_dir, tmp_path, "2026-05-20--08_00_00", {"2026.MMP00078": {"Number Dead": "-100000"}})
    with pytest.raises(ImportRefused) as refused:
        incidents_import(path=broken)
    (problem,) = refused.value.problems
    assert (problem.column, problem.value) == ("Number Dead", "-100000")
    assert problem.location.row == next(
        number for number, line in enumerate(broken.read_text().splitlines(), start=1) if "2026.MMP00078" in line
    )
    assert "dead + missing" in problem.rule
    assert not Incident.objects.exists()


def test_an_import_with_a_count_beyond_the_database_range_is_refused(data_dir, tmp_path):
    huge = edited_copy(data_dir, tmp_path, "2026-05-20--08_00_00", {"2026.MMP00078": {"Number of Survivors": "1e10"}})
    huge.write_text(huge.read_text().replace(",1e10,", f",{2**31},"))
    with pytest.raises(ImportRefused) as refused:
        incidents_import(path=huge)
    assert [(p.column, p.value) for p in refused.value.problems] == [("Number of Survivors", str(2**31))]


def test_an_imported_script_url_is_never_kept(data_dir, tmp_path):
    hostile = edited_copy(
        data_dir,
        tmp_path,
        "2026-05-20--08_00_00",
        {"2026.MMP0001": {"URL": "javascript:alert(document.domain), https://perma.cc/C936-8SNV"}},
    )
    report = incidents_import(path=hostile)
    assert Incident.objects.get(incident_id="2026.MMP0001").urls == ["https://perma.cc/C936-8SNV"]
    (dropped,) = [p for p in report.file.warnings if p.column == "URL"]
    assert dropped.value == "javascript:alert(document.domain)" and "not kept" in dropped.rule


# ------------------------------------------------------------------------------------ the database and pages


@pytest.mark.parametrize(
    "counts", [{"dead": -100000}, {"dead": 1, "survivors": -5}, {"children": -1, "dead": 1}, {"dead": 2**30}]
)
def test_the_database_refuses_impossible_counts(counts):
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.create(incident_id="2026.MMP9999", year=2026, **counts)


def test_a_stored_script_url_is_shown_as_text_never_as_a_link(data_dir, roles):
    """An incident written before these rules (or around them) must still not give its reader a script link."""
    incidents_import(path=data_dir / CSV_2026)
    incident = Incident.objects.get(incident_id="2026.MMP0001")
    Incident.objects.filter(pk=incident.pk).update(urls=["javascript:alert(document.domain)", "https://example.org/"])
    assert incident.status == Status.PUBLISHED
    pages = [
        client_for(None).get(reverse("incidents:incident", args=[incident.incident_id])),
        client_for(roles["reviewer"]).get(reverse("incidents:detail", args=[incident.pk])),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert 'href="javascript:' not in html and "javascript:alert(document.domain)" in html
        assert '<a href="https://example.org/"' in html


def test_anonymous_import_of_the_real_files_keeps_the_corrections(data_dir):
    """2026.MMP0190's first row is dead 17, missing −5: it imports, and its total counts the correction."""
    incidents_import(path=data_dir / CSV_2026)
    incident = Incident.objects.get(incident_id="2026.MMP0190")
    assert (incident.dead, incident.missing, incident.total) == (21, 17, 38)
    assert Client().get(f"/api/v1/incidents/{incident.incident_id}").json()["total"] == 38

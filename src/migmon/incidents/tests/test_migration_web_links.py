"""Migration 0006 leaves stored incidents only web source links, as every import since the URL rule does."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("incidents", "0005_count_checks")]
AFTER = [("incidents", "0006_web_source_links")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_script_and_word_links_are_dropped_and_recorded():
    executor = migrate(BEFORE)
    try:
        before_apps = executor.loader.project_state(BEFORE).apps
        Incident = before_apps.get_model("incidents", "Incident")
        Revision = before_apps.get_model("incidents", "IncidentRevision")
        junk = Incident.objects.create(
            incident_id="2026.MMP0001", year=2026, status="published", dead=3,
            # As an import before the URL rule stored an API 2023 cell, and two hostile entries.
            urls=["https://archive.ph/TCLAF, https://archive.ph/Kbhye (follow-up news)",
                  "javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>"],
        )  # fmt: skip
        Revision.objects.create(incident=junk, action="imported", status="published", snapshot={"dead": 3})
        clean = Incident.objects.create(
            incident_id="2026.MMP0002", year=2026, dead=1, urls=["https://perma.cc/C936-8SNV"]
        )
        only_junk = Incident.objects.create(incident_id="2026.MMP0003", year=2026, dead=1, urls=["vbscript:msgbox(1)"])

        executor = migrate(AFTER)
        after_apps = executor.loader.project_state(AFTER).apps
        Incident = after_apps.get_model("incidents", "Incident")
        Revision = after_apps.get_model("incidents", "IncidentRevision")
        assert Incident.objects.get(pk=junk.pk).urls == ["https://archive.ph/TCLAF", "https://archive.ph/Kbhye"]
        assert Incident.objects.get(pk=clean.pk).urls == ["https://perma.cc/C936-8SNV"]
        assert Incident.objects.get(pk=only_junk.pk).urls == []

        latest = Revision.objects.filter(incident_id=junk.pk).order_by("-id").first()
        assert latest.action == "edited" and latest.status == "published"
        assert latest.snapshot == {"dead": 3, "urls": ["https://archive.ph/TCLAF", "https://archive.ph/Kbhye"]}
        assert latest.changes["urls"][0][1] == "javascript:alert(document.domain)"
        assert not Revision.objects.filter(incident_id=clean.pk).exists()
        assert Revision.objects.filter(incident_id=only_junk.pk).get().changes == {"urls": [["vbscript:msgbox(1)"], []]}
    finally:
        migrate(executor.loader.graph.leaf_nodes("incidents"))

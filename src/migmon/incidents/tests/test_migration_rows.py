"""Migration 0004 gives every incident that existed before it its counted rows: one, or one per part."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("incidents", "0003_map_cells")]
AFTER = [("incidents", "0004_split_rows")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_existing_incidents_get_one_row_or_one_per_part():
    executor = migrate(BEFORE)
    try:
        Incident = executor.loader.project_state(BEFORE).apps.get_model("incidents", "Incident")
        Incident.objects.create(
            incident_id="2026.MMP0001", year=2026, region="Mediterranean", route="Central Mediterranean",
            dead=3, missing=None, causes=["Drowning"], cause="Drowning", latitude=35.5, longitude=12.6,
        )  # fmt: skip
        parts = [
            {"id": "2026.MMP00078", "row": 9, "date": "2026-01-07", "country": "", "place": "A", "latitude": 36.0,
             "longitude": 14.0, "dead": 25, "missing": 66},
            {"id": "2026.MMP00079", "row": 10, "date": "2026-01-08", "country": "", "place": "B", "latitude": None,
             "longitude": None, "dead": 16, "missing": 0},
        ]  # fmt: skip
        Incident.objects.create(
            incident_id="2026.MMP0007", year=2026, region="Mediterranean", dead=41, missing=66,
            causes=["Drowning", "Violence"], cause="Drowning", parts=parts,
        )  # fmt: skip
        executor = migrate(AFTER)
        Row = executor.loader.project_state(AFTER).apps.get_model("incidents", "IncidentRow")
        rows = list(
            Row.objects.order_by("source_id").values_list("source_id", "total", "cause", "causes_key", "grid_x")
        )
        assert rows[0][:4] == ("2026.MMP0001", 3, "Drowning", "|Drowning|") and rows[0][4] is not None
        # Parts written before 0004 carry no cause: they take the incident's first one.
        assert rows[1:] == [
            ("2026.MMP00078", 91, "Drowning", "|Drowning|", rows[1][4]),
            ("2026.MMP00079", 16, "Drowning", "|Drowning|", None),
        ]
    finally:
        migrate(executor.loader.graph.leaf_nodes("incidents"))

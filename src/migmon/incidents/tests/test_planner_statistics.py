"""An import leaves PostgreSQL's planner statistics counting the rows it wrote (``migmon.core.planner_statistics``).

Before, the bundled register's first queries were planned on statistics of empty tables: in CI one ``SELECT
DISTINCT`` over incident rows joined with incidents ran for minutes, once per page that asked which years are
provisional.
"""

from __future__ import annotations

import pytest
from django.db import connection

from migmon.core.planner_statistics import refresh_planner_statistics
from migmon.incidents.imports import incidents_import
from migmon.incidents.models import Incident, IncidentRow

JSON_2025 = "iom-missing-migrants-api-json/2025-json.json.gz"


def planner_rows(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_import_refreshes_the_statistics_of_the_tables_it_filled(postgres_only, data_dir):
    report = incidents_import(path=data_dir / JSON_2025)
    assert report.added > 900
    assert planner_rows(Incident) >= report.added and planner_rows(IncidentRow) >= report.added
    # Fresh now: a small write changes nothing more.
    assert refresh_planner_statistics(Incident, written=10) is False


@pytest.mark.django_db
def test_it_is_a_no_op_off_postgresql(data_dir):
    if connection.vendor == "postgresql":
        pytest.skip("the PostgreSQL behaviour is the test above")
    assert refresh_planner_statistics(Incident, written=1_000_000) is False

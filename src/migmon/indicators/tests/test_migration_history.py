"""Migration 0004 turns the old revision chain (one revision per value carried, linked by ``previous``) into the
new history (a revision only for a value replaced by a later release, or withdrawn by a rollback)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from migmon.indicators.models import Dataset, DimensionSet, Observation, ObservationRevision, Release

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("indicators", "0003_lean_observation_indexes")]
AFTER = [("indicators", "0004_history_of_replaced_values")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def insert(table: str, **columns: object) -> int:
    names = ", ".join(columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(columns.values()))  # noqa: S608
        cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def test_the_old_chain_becomes_replaced_and_withdrawn_values(areas, series):
    migrate(BEFORE)
    try:
        dataset = Dataset.objects.create(code="d", name="d", source_organisation="t")
        now = timezone.now()
        first, second, rolled_back = (
            Release.objects.create(dataset=dataset, file_name=name, sha256=name, importer="t", importer_version="1")
            for name in ("first", "second", "rolled-back")
        )
        Release.objects.filter(pk=rolled_back.pk).update(status="rolled_back", rolled_back_at=now)
        totals = DimensionSet.objects.create(key="")
        greece = {"series_id": series["SM_DTH_MIGR"].pk, "area_id": areas["GRC"].pk, "dimensions_id": totals.pk}
        attributes = {"unit": "NUMBER", "unit_multiplier": 0, "nature": "", "footnote": "", "source": ""}

        def revision(period: str, value: float, release: Release, previous: int | None) -> int:
            return insert(
                "indicators_observationrevision",
                **greece,
                **attributes,
                period=period,
                value=value,
                release_id=release.pk,
                previous_id=previous,
            )

        # 2016: the first release said 548, the second changed it to 550 (current).
        replaced = revision("2016", 548, first, None)
        revision("2016", 550, second, replaced)
        insert(
            "indicators_observation", **greece, **attributes, period="2016", year=2016, value=550, release_id=second.pk
        )
        # 2017: the first release said 10; a later release said 11 and was rolled back, so 10 is current again.
        restored = revision("2017", 10, first, None)
        revision("2017", 11, rolled_back, restored)
        insert(
            "indicators_observation", **greece, **attributes, period="2017", year=2017, value=10, release_id=first.pk
        )
    finally:
        migrate(AFTER)
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    history = sorted(
        ObservationRevision.objects.values_list("period", "value", "release__file_name", "replaced_by__file_name")
    )
    assert history == [("2016", 548, "first", "second"), ("2017", 11, "rolled-back", None)]
    assert sorted(Observation.objects.values_list("period", "value", "release__file_name")) == [
        ("2016", 550, "second"),
        ("2017", 10, "first"),
    ]

"""Migration 0007 gives stored incidents, rows and totals their listed regions and routes, and the distance of
their point outside their country, as every import since does."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("incidents", "0006_web_source_links")]
AFTER = [("incidents", "0007_listed_values_far_points")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_merged_cells_become_lists_and_the_far_point_is_measured():
    executor = migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        Area = apps.get_model("geo", "Area")
        Incident = apps.get_model("incidents", "Incident")
        Row = apps.get_model("incidents", "IncidentRow")
        Cube = apps.get_model("incidents", "IncidentCube")
        libya = Area.objects.create(code="LBY", kind="country", m49="434", name_en="Libya", name_fr="Libye",
                                    name_es="Libia")  # fmt: skip
        # 2020.MMP00507 as the allData workbook has it: two regions and routes merged, Libya, a point in Arizona.
        merged = Incident.objects.create(
            incident_id="2020.MMP00507", year=2020, dead=1, missing=10, region="Mediterranean,North America",
            route="Central Mediterranean,US-Mexico border crossing", country_name="Libya", country=libya,
            latitude=31.59165, longitude=-111.79165,
        )  # fmt: skip
        Row.objects.create(incident=merged, position=0, source_id="2020.MMP00507", year=2020, dead=1, missing=10,
                           region=merged.region, route=merged.route)  # fmt: skip
        Cube.objects.create(year=2020, region=merged.region, route=merged.route, cause="Drowning", dead=1,
                            missing=10, total=11, incidents=1)  # fmt: skip
        hong_kong = Incident.objects.create(
            incident_id="2017.MMP00001",
            year=2017,
            dead=1,
            country_name="China, Hong Kong Special Administrative Region",
        )

        executor = migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        Incident = apps.get_model("incidents", "Incident")
        found = Incident.objects.get(pk=merged.pk)
        assert found.regions == ["Mediterranean", "North America"]
        assert found.regions_key == "|Mediterranean|North America|"
        assert found.routes == ["Central Mediterranean", "US-Mexico border crossing"]
        assert found.countries == ["Libya"] and found.countries_key == "|Libya|"
        assert found.far_from_country_km > 10_000
        assert Incident.objects.get(pk=hong_kong.pk).countries == ["China, Hong Kong Special Administrative Region"]
        assert Incident.objects.get(pk=hong_kong.pk).far_from_country_km is None  # no coordinates
        row = apps.get_model("incidents", "IncidentRow").objects.get(incident_id=merged.pk)
        cube = apps.get_model("incidents", "IncidentCube").objects.get()
        for stored in (row, cube):
            assert stored.regions_key == "|Mediterranean|North America|"
            assert stored.routes_key == "|Central Mediterranean|US-Mexico border crossing|"
    finally:
        migrate(executor.loader.graph.leaf_nodes("incidents"))

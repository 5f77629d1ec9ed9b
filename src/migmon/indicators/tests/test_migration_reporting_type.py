"""Migration 0007 puts REPORTING_TYPE into the observation key: what was stored is global, a national value for
the same key can then be kept beside it, and the key still refuses a second global value."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from migmon.indicators.models import Dataset, DimensionSet, Observation, ObservationRevision, Release

from .test_migration_history import insert, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("indicators", "0006_provisional_periods")]
AFTER = [("indicators", "0007_reporting_type_in_the_key")]


def test_stored_values_become_global_and_a_national_one_fits_beside_them(areas, series):
    migrate(BEFORE)
    try:
        dataset = Dataset.objects.create(code="un", name="UN", source_organisation="UNSD")
        first, second = (
            Release.objects.create(dataset=dataset, file_name=name, sha256=name, importer="t", importer_version="1")
            for name in ("first", "second")
        )
        totals = DimensionSet.objects.create(key="")
        greece = {"series_id": series["SM_DTH_MIGR"].pk, "area_id": areas["GRC"].pk, "dimensions_id": totals.pk}
        attributes = {"unit": "NUMBER", "unit_multiplier": 0, "nature": "", "footnote": "", "source": ""}
        # Greece 2016 = 548 in data/sdg-indicators-open-sdg-eca/indicator_10-7-3.csv, carried by two releases.
        insert(
            "indicators_observation", **greece, **attributes, period="2016", year=2016, value=548, release_id=second.pk
        )
        insert(
            "indicators_observationrevision",
            **greece,
            **attributes,
            period="2016",
            value=548,
            release_id=first.pk,
            replaced_by_id=second.pk,
        )
    finally:
        migrate(AFTER)
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(Observation.objects.values_list("reporting_type", "value")) == [("G", 548)]
    assert list(ObservationRevision.objects.values_list("reporting_type", "value")) == [("G", 548)]
    stored = Observation.objects.get()
    key = {"series_id": stored.series_id, "area_id": stored.area_id, "dimensions_id": stored.dimensions_id}
    Observation.objects.create(**key, period="2016", year=2016, value=548, release=stored.release, reporting_type="N")
    assert sorted(Observation.objects.values_list("reporting_type", flat=True)) == ["G", "N"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(**key, period="2016", year=2016, value=1, release=stored.release)

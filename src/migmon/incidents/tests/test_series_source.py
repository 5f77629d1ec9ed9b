"""The register's 10.7.3 series is a source of records, not a file: nothing is written to disk to be hashed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from migmon.incidents.aggregates import DATASET, SERIES_CODE, SOURCE_NAME, published_totals_refresh, series_source
from migmon.incidents.imports import incidents_import

CSV_2026 = "iom-missing-migrants-export-2026/MissingMigrants-Global-2026-05-06--19_42_11.csv"


def test_the_source_holds_one_record_per_area_and_year_in_order():
    source = series_source({("380", 2016): 5, ("001", 2016): 7})
    assert [(r.area, r.period, r.value) for r in source.records] == [("001", "2016", 7), ("380", "2016", 5)]
    assert str(source.records[1].location) == f"{SOURCE_NAME}, element area 380, year 2016"
    assert source.checksum() == series_source({("001", 2016): 7, ("380", 2016): 5}).checksum()
    assert source.whole_dataset


@pytest.mark.django_db
def test_refreshing_the_series_writes_a_release_and_no_file(data_dir, settings, tmp_path):
    from migmon.indicators.models import Observation, Release

    settings.VAR_DIR = tmp_path
    incidents_import(path=data_dir / CSV_2026)
    call_command("load_geography", verbosity=0)
    published_totals_refresh()

    release = Release.objects.get(dataset__code=DATASET)
    world = Observation.objects.get(series__code=SERIES_CODE, area__m49="001", period="2026")
    assert (release.file_name, world.value) == (SOURCE_NAME, 1900)  # the 2026 export's dead and missing
    assert release.sha256 == series_source({("001", 2026): 1900}).checksum()
    assert list(Path(tmp_path).iterdir()) == []

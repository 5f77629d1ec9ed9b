"""import_bundled_data: which real files it imports, in which order, and that a second run changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from migmon.indicators.management.commands import import_bundled_data
from migmon.indicators.models import Observation, Release


def test_bundled_files_are_the_real_statistics_in_edition_order(data_dir):
    names = [path.name for path in import_bundled_data.bundled_paths(data_dir)]
    assert len([name for name in names if name.startswith("indicator_")]) == 23
    desa = [name for name in names if name.startswith("undesa_pd_")]
    assert desa == [
        "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
    ]
    assert names[-1] == "UN_MigrantStockByOriginAndDestination_2019_clean.csv"
    assert not [name for name in names if "issing" in name or name.endswith((".xml", ".json", ".gz"))]


@pytest.mark.django_db
def test_a_second_run_is_all_no_ops(data_dir, monkeypatch):
    # Two of the bundled files keep this test quick; the command does the same for all of them.
    monkeypatch.setattr(
        import_bundled_data,
        "BUNDLED_FILES",
        ("sdg-indicators-open-sdg-eca/indicator_10-7-3.csv", import_bundled_data.BUNDLED_FILES[1]),
    )
    out = StringIO()
    call_command("load_geography", stdout=out)
    call_command("load_framework", stdout=out)
    call_command("import_bundled_data", stdout=out)
    assert Release.objects.count() == 2
    observations = Observation.objects.count()
    assert Release.objects.get(file_name="indicator_10-7-3.csv").added == 181  # rows of the file (PROVENANCE)
    assert observations == sum(release.added for release in Release.objects.all()) > 181

    second = StringIO()
    call_command("import_bundled_data", stdout=second)
    assert second.getvalue().count("already imported") == 2
    assert (Release.objects.count(), Observation.objects.count()) == (2, observations)

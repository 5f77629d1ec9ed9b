"""UN DESA 2020 then 2024 editions, on the real files: the world's 2020 stock moves and both values stay visible."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from migmon.indicators.models import Observation, Release
from migmon.indicators.selectors import observation_history, observations_for
from migmon.indicators.services import FileSource, ImportStatus, release_import, release_rollback

pytestmark = pytest.mark.django_db

DESA_2020 = "undesa-migrant-stock-2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
DESA_2024 = "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"


@pytest.fixture
def framework(db):
    out = StringIO()
    call_command("load_geography", stdout=out)
    call_command("load_framework", stdout=out)


def world_2020() -> Observation:
    # Both sexes = no SEX dimension (readers omit totals), World = M49 001.
    return observations_for(series="MIGSTOCK", areas=["001"], start=2020, end=2020, dimensions={}).get()


def test_2020_then_2024_edition_keeps_both_world_values_with_their_releases(framework, data_dir):
    first = release_import(source=FileSource(data_dir / DESA_2020))
    assert first.status == ImportStatus.IMPORTED
    assert world_2020().value == 280_598_105  # DESA 2020 edition (PROVENANCE oracle)

    second = release_import(source=FileSource(data_dir / DESA_2024))

    assert world_2020().value == 275_284_032  # DESA 2024 edition (PROVENANCE oracle)
    assert world_2020().release == second.release
    assert observations_for(series="MIGSTOCK", areas=["001"], start=2024, dimensions={}).get().value == 304_021_813
    history = observation_history(series="MIGSTOCK", area="001", period="2020")
    assert [(entry.value, entry.release_id, entry.current) for entry in history] == [
        (280_598_105, first.release.pk, False),
        (275_284_032, second.release.pk, True),
    ]
    assert history[0].release_file == "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
    assert (history[0].edition, history[1].edition) == ("2020", "2024")
    assert second.changed > 0 and second.added > 0  # 2024 adds the 2024 column and revises the rest

    # Same file again: a no-op that says so, nothing written.
    releases = Release.objects.count()
    again = release_import(source=FileSource(data_dir / DESA_2024))
    assert again.status == ImportStatus.NO_OP and "already imported" in again.message
    assert Release.objects.count() == releases

    # Rolling the 2024 edition back brings the 2020 figure back and removes the 2024 column.
    release_rollback(release=second.release)
    assert world_2020().value == 280_598_105
    assert not Observation.objects.filter(series__code="MIGSTOCK", period="2024").exists()

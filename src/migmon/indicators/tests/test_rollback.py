"""Rolling a release back restores what it replaced, removes what it added, and refuses when unsafe."""

from __future__ import annotations

import pytest

from migmon.indicators.models import Observation, ObservationRevision, ReleaseStatus
from migmon.indicators.selectors import observation_history
from migmon.indicators.services import FileSource, RollbackRefused, release_import, release_rollback

from .conftest import ListReader, record

pytestmark = pytest.mark.django_db

# MIGSTOCK, World 2020, both sexes: DESA 2020 edition 280,598,105; 2024 edition 275,284,032 (PROVENANCE oracles).
EDITION_2020 = [record("MIGSTOCK", "900", "2020", "280598105", kind="desa")]
EDITION_2024 = [
    record("MIGSTOCK", "900", "2020", "275284032", kind="desa"),
    record("MIGSTOCK", "900", "2024", "304021813", kind="desa"),
]


def world(period: str) -> Observation:
    return Observation.objects.get(series__code="MIGSTOCK", area__code="001", period=period)


def test_rollback_restores_replaced_values_and_removes_added_ones(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release

    result = release_rollback(release=second)

    assert (result.restored, result.removed) == (1, 1)
    assert world("2020").value == 280598105 and world("2020").release == first
    assert not Observation.objects.filter(period="2024").exists()
    second.refresh_from_db()
    assert second.status == ReleaseStatus.ROLLED_BACK and second.rolled_back_at is not None
    history = observation_history(series="MIGSTOCK", area="001", period="2020")
    assert [(h.value, h.rolled_back, h.current) for h in history] == [
        (280598105, False, True),
        (275284032, True, False),
    ]


def test_rolling_back_the_only_release_empties_its_observations(areas, series, source_file):
    release = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    assert release_rollback(release=release).removed == 1
    assert not Observation.objects.exists()


def test_refused_while_a_later_release_changed_the_same_observations(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release

    with pytest.raises(RollbackRefused, match=rf"later release\(s\) #{second.pk} .*roll those back first"):
        release_rollback(release=first)
    assert world("2020").value == 275284032
    first.refresh_from_db()
    assert first.status == ReleaseStatus.ACTIVE


def test_refused_while_a_later_release_reconfirmed_a_value(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    release_import(source=FileSource(source_file(), ListReader(EDITION_2020, dataset="copy")))
    with pytest.raises(RollbackRefused):
        release_rollback(release=first)
    assert world("2020").value == 280598105


def test_rollback_in_reverse_order_walks_the_history_back(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release
    third = release_import(
        source=FileSource(source_file(), ListReader([record("MIGSTOCK", "900", "2020", "1", kind="desa")]))
    ).release
    release_rollback(release=third)
    assert world("2020").value == 275284032 and world("2020").release == second
    release_rollback(release=second)
    assert world("2020").value == 280598105
    release_rollback(release=first)
    assert not Observation.objects.exists()


def test_a_later_import_after_a_rollback_supersedes_the_restored_value(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release
    release_rollback(release=second)
    third = release_import(source=FileSource(source_file(), ListReader(EDITION_2024, dataset="again"))).release
    assert world("2020").release == third
    history = observation_history(series="MIGSTOCK", area="001", period="2020")
    assert [h.release_id for h in history] == [first.pk, second.pk, third.pk]
    # What the third release replaced is the restored first value, not the withdrawn second one.
    assert ObservationRevision.objects.get(replaced_by=third, period="2020").release == first
    withdrawn = ObservationRevision.objects.get(release=second, period="2020")
    assert (withdrawn.value, withdrawn.replaced_by) == (275284032, None)


def test_twice_is_refused(areas, series, source_file):
    release = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    release_rollback(release=release)
    with pytest.raises(RollbackRefused, match="already rolled back"):
        release_rollback(release=release)


def test_the_same_file_can_be_imported_again_after_its_rollback(areas, series, source_file):
    path = source_file()
    release = release_import(source=FileSource(path, ListReader(EDITION_2020))).release
    release_rollback(release=release)
    again = release_import(source=FileSource(path, ListReader(EDITION_2020)))
    assert again.status == "imported" and again.added == 1

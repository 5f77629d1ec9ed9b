"""A release's changed values, old → new: what a dry run previews and a stored release's diff shows."""

from __future__ import annotations

import pytest
from django.db import transaction

from migmon.indicators.release_changes import release_changes
from migmon.indicators.services import FileSource, release_import

from .conftest import ListReader, record

pytestmark = pytest.mark.django_db

# MIGSTOCK, World, both sexes: DESA 2020 edition 280,598,105 for 2020; 2024 edition 275,284,032 for 2020 and
# 304,021,813 for 2024 (PROVENANCE oracles).
EDITION_2020 = [record("MIGSTOCK", "900", "2020", "280598105", kind="desa")]
EDITION_2024 = [
    record("MIGSTOCK", "900", "2020", "275284032", kind="desa"),
    record("MIGSTOCK", "900", "2024", "304021813", kind="desa"),
]


def test_changed_values_old_to_new_and_nothing_for_added_or_unchanged(areas, series, source_file):
    release_import(source=FileSource(source_file(), ListReader(EDITION_2020)))
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release

    changes = list(release_changes(second))

    assert [(c.series, c.area, c.period, c.old["value"], c.new["value"]) for c in changes] == [
        ("MIGSTOCK", "001", "2020", 280598105, 275284032)
    ]
    assert changes[0].fields == ["value"]
    third = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release
    assert list(release_changes(third)) == []  # carried again unchanged


def test_a_later_release_leaves_the_earlier_diff_intact(areas, series, source_file):
    release_import(source=FileSource(source_file(), ListReader(EDITION_2020)))
    second = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release
    edition_2020_again = [record("MIGSTOCK", "900", "2020", "280598105", kind="desa")]
    release_import(source=FileSource(source_file(), ListReader(edition_2020_again)))

    assert [(c.old["value"], c.new["value"]) for c in release_changes(second)] == [(280598105, 275284032)]


def test_inside_a_transaction_rolled_back_it_previews_without_writing(areas, series, source_file):
    first = release_import(source=FileSource(source_file(), ListReader(EDITION_2020))).release
    with transaction.atomic():
        release = release_import(source=FileSource(source_file(), ListReader(EDITION_2024))).release
        preview = [(c.period, c.new["value"]) for c in release_changes(release)]
        transaction.set_rollback(True)

    assert preview == [("2020", 275284032)]
    assert list(release_changes(first)) == []

"""Load the real geography once per test module (a few seconds), and remove it afterwards.

Tests run inside transactions that roll back, so they see the module's data and cannot change it for the
next test; the teardown deletes it so other apps' tests start from empty tables.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings

from migmon.geo.lookup import AreaLookup
from migmon.geo.models import Area, AreaAlias, DesaCode
from migmon.geo.services import GeographyLoadResult, geography_load


def clear_geography() -> None:
    AreaAlias.objects.all().delete()
    DesaCode.objects.all().delete()
    Area.members.through.objects.all().delete()
    Area.objects.update(parent=None)
    Area.objects.all().delete()


@pytest.fixture(scope="module")
def geography(django_db_setup, django_db_blocker) -> Iterator[GeographyLoadResult]:
    with django_db_blocker.unblock():
        result = geography_load(data_dir=settings.DATA_DIR)
        yield result
        clear_geography()


@pytest.fixture(scope="module")
def lookup(geography, django_db_blocker) -> AreaLookup:
    with django_db_blocker.unblock():
        return AreaLookup.from_db()

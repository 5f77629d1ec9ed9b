"""The lookup requests share: built once per process, rebuilt when the geography changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migmon.geo import lookup as lookups
from migmon.geo.lookup import AreaLookup, forget_shared
from migmon.geo.models import Area, AreaAlias, AreaKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def libya(db):
    forget_shared()
    return Area.objects.create(code="LBY", kind=AreaKind.COUNTRY, m49="434", iso2="LY", iso3="LBY", name_en="Libya")


def test_an_unchanged_geography_costs_one_query(libya):
    first = AreaLookup.shared()
    with CaptureQueriesContext(connection) as queries:
        assert AreaLookup.shared() is first
    assert len(queries) == 1
    assert first.resolve("434").pk == libya.pk


def test_a_saved_area_or_alias_is_seen_at_once(libya):
    AreaLookup.shared()
    Area.objects.create(code="TUN", kind=AreaKind.COUNTRY, m49="788", iso2="TN", iso3="TUN", name_en="Tunisia")
    assert AreaLookup.shared().resolve("Tunisia").code == "TUN"
    AreaAlias.objects.create(area=libya, name="Libyan Arab Jamahiriya", folded="libyan arab jamahiriya")
    assert AreaLookup.shared().resolve("Libyan Arab Jamahiriya").code == "LBY"


def test_rows_another_process_added_are_seen_through_the_stamp(libya):
    AreaLookup.shared()
    # bulk_create sends no signal, as a write from another process would not reach this one.
    Area.objects.bulk_create([Area(code="EGY", kind=AreaKind.COUNTRY, m49="818", iso3="EGY", name_en="Egypt")])
    assert lookups._shared is not None
    assert AreaLookup.shared().resolve("EGY").code == "EGY"

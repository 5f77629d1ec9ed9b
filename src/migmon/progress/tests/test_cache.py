"""The assessment is computed once per data version and register state, and again when either changes."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from migmon.progress.selectors import progress_table, units_for


def test_the_table_is_reused_until_a_release_is_published(progress_data, data_dir):
    first = progress_table()
    assert progress_table() is first
    assert not units_for(series="SM_DTH_MIGR", table=first)
    out = StringIO()
    call_command("import_data", str(data_dir / "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv"), stdout=out)
    second = progress_table()
    assert second is not first and second.version != first.version
    greece = [p for p in units_for(series="SM_DTH_MIGR", table=second) if second.areas[p.area_id].code == "GRC"]
    assert greece and greece[0].open_sdg.direction == "decrease"

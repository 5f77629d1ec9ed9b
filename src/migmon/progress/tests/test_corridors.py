"""The second half of 10.c on the bundled corridor file, checked against a few lines of plain Python."""

from __future__ import annotations

import csv

from migmon.geo.lookup import AreaLookup
from migmon.progress.selectors import units_for
from migmon.progress.statuses import Status


def _plain_counts(path):
    """(sending country, year) → (corridors priced, corridors above 5 %), read with the csv module alone."""
    costs: dict[tuple[str, int], dict[str, float]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            costs.setdefault((row["GeoAreaName"], int(row["Year"])), {})[row["Counterpart"]] = float(row["Value"])
    return {key: (len(values), sum(v > 5 for v in values.values())) for key, values in costs.items()}


def test_corridors_above_5_percent_match_plain_python(progress_data, data_dir):
    expected = _plain_counts(data_dir / "sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_BC.csv")
    lookup = AreaLookup.from_db()
    computed = {}
    for progress in units_for(series="SI_RMT_COST_BC"):
        assert progress.unit.measure == "corridors_above_5"
        for year, corridors, above in progress.corridor_counts:
            computed[(progress.area_id, year)] = (corridors, above)
    assert {(lookup.resolve(name, kind="name").pk, year): n for (name, year), n in expected.items()} == computed
    assert len(computed) > 100
    assert sum(above for _, above in computed.values()) > 0


def test_corridor_share_is_assessed_toward_zero(progress_data):
    australia = AreaLookup.from_db().resolve("Australia", kind="name")
    (progress,) = units_for(area=australia, series="SI_RMT_COST_BC")
    shares = dict(progress.points)
    first_year, corridors, above = progress.corridor_counts[0]
    assert shares[first_year] == 100 * above / corridors
    assert progress.open_sdg.target_value == 0
    assert progress.open_sdg.status in set(Status) - {Status.NOT_AVAILABLE, Status.TARGET_ACHIEVED}

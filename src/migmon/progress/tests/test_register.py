"""The target register: parsing Open SDG's table, the seed, edits with who/when/why, and the 10.7.2 domain rule."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model

from migmon.geo.lookup import AreaLookup
from migmon.progress.models import ProgressTarget, TargetChange
from migmon.progress.register_sources import parse_target_text
from migmon.progress.rules import Direction, TargetKind
from migmon.progress.selectors import units_for
from migmon.progress.services import target_save, targets_seed
from migmon.progress.statuses import Status

DECREASE, INCREASE = Direction.DECREASE, Direction.INCREASE
ABSOLUTE, RELATIVE = TargetKind.ABSOLUTE, TargetKind.RELATIVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≤ 3%", (DECREASE, 3.0, ABSOLUTE)),
        ("Score ≥ 3 (Meets or fully meets)", (INCREASE, 3.0, ABSOLUTE)),
        ("≤ 70 per 100,000", (DECREASE, 70.0, ABSOLUTE)),
        ("0%", (DECREASE, 0.0, ABSOLUTE)),
        ("0", (DECREASE, 0.0, ABSOLUTE)),
        ("100%", (INCREASE, 100.0, ABSOLUTE)),
        ("Reduce by 1/2", (DECREASE, 0.5, RELATIVE)),
        ("Reduce by 90%", (DECREASE, 0.1, RELATIVE)),
        ("Increase by double", (INCREASE, 2.0, RELATIVE)),
        ("Increase (*See exceptions*)", (INCREASE, None, ABSOLUTE)),
        ("Decrease", (DECREASE, None, ABSOLUTE)),
        ("Multiple", None),
        ("Non-statistical", None),
        ("(a) Decrease; (b) Reduce by 1/2", None),
    ],
)
def test_parse_target_text(text, expected):
    assert parse_target_text(text) == expected


def test_seed_reads_the_migration_rows_and_is_idempotent(progress_data, data_dir):
    rows = {(t.series.code, t.disaggregation, t.measure): t for t in ProgressTarget.objects.select_related("series")}
    cost = rows[("SI_RMT_COST", "", "value")]
    assert (cost.direction, cost.target_value, cost.target_year, cost.source_text) == ("decrease", 3.0, 2030, "≤ 3%")
    assert rows[("SL_TLF_CHLDEA", "", "value")].target_year == 2025  # target 8.7: child labour ended by 2025
    domains = sorted(key[1] for key in rows if key[0] == "SG_CPA_MIGRS")
    assert domains == [f"COMPOSITE_BREAKDOWN=PD_{n}" for n in range(1, 7)]
    corridor = rows[("SI_RMT_COST_BC", "", "corridors_above_5")]
    assert (corridor.direction, corridor.target_value) == ("decrease", 0.0)
    assert ("SI_RMT_COST_BC", "", "value") not in rows
    assert rows[("BX_TRF_PWKR", "", "value")].direction == "increase"
    again = targets_seed(data_dir=data_dir)
    assert again.created == 0
    assert again.unchanged == len(rows)


def test_an_edit_keeps_who_when_why_and_survives_the_seed(progress_data, data_dir):
    user = get_user_model().objects.create_user("manager", password="x")
    target = ProgressTarget.objects.get(series__code="SI_RMT_COST", disaggregation="")
    target.target_value = 2.5
    with pytest.raises(ValueError, match="reason"):
        target_save(target=target, user=user, reason="  ")
    target_save(target=target, user=user, reason="National plan sets 2.5 %")
    change = TargetChange.objects.filter(target=target).first()
    assert change is not None
    assert (change.changed_by, change.changed_by_name, change.reason) == (user, "manager", "National plan sets 2.5 %")
    assert (change.before["target_value"], change.after["target_value"]) == (3.0, 2.5)
    assert change.changed_at is not None
    targets_seed(data_dir=data_dir)
    target.refresh_from_db()
    assert target.target_value == 2.5


def _latest_domain_scores(path):
    """Independent reading of the 10.7.2 file: (country, domain) → {year: score}, duplicates dropped."""
    scores: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Policy Domains"].startswith("DOMAIN"):
                scores[(row["GeoAreaName"], "PD_" + row["Policy Domains"][6:])][int(row["Year"])] = float(row["Value"])
    return scores


def test_10_7_2_each_domain_is_achieved_exactly_when_its_latest_score_is_3_or_more(progress_data, data_dir):
    expected = _latest_domain_scores(data_dir / "sdg-indicators-open-sdg-eca/indicator_10-7-2-SG_CPA_MIGRS.csv")
    results = {
        (p.area_id, p.unit.disaggregation.removeprefix("COMPOSITE_BREAKDOWN=")): p
        for p in units_for(series="SG_CPA_MIGRS")
    }
    lookup = AreaLookup.from_db()
    checked = achieved = 0
    for (country, domain), by_year in expected.items():
        area = lookup.resolve(country, kind="name")
        progress = results[(area.pk, domain)]
        latest = by_year[max(by_year)]
        if len(by_year) < 2:
            assert progress.open_sdg.status == Status.NOT_AVAILABLE
            continue
        checked += 1
        assert (progress.open_sdg.status == Status.TARGET_ACHIEVED) == (latest >= 3), (country, domain, by_year)
        achieved += latest >= 3
    assert checked > 200
    assert 0 < achieved < checked

"""Roll-ups up the framework and region figures, on hand-made units (pure, no database)."""

from __future__ import annotations

import pytest

from migmon.progress.compute import COUNTRY_MEAN, OWN, Unit, assess_all, region_means
from migmon.progress.levels import Framework, area_levels
from migmon.progress.rules import Direction, Rule
from migmon.progress.statuses import Status

FRAMEWORK = Framework(
    series_indicators={"SI_RMT_COST": ("10.c.1",), "BX_TRF_PWKR": ("17.3.2",)},
    indicator_targets={"10.c.1": ("10.c",), "17.3.2": ("17.3",)},
    target_goal={"10.c": "10", "17.3": "17"},
    gcm_targets={"20": ("10.c", "17.3")},
)


def test_region_mean_is_the_unweighted_mean_of_its_countries_and_says_so():
    rows = [
        (1, "SI_RMT_COST", "", 2015, 10.0),
        (1, "SI_RMT_COST", "", 2022, 8.0),  # example E: 0.677
        (2, "SI_RMT_COST", "", 2015, 7.0),
        (2, "SI_RMT_COST", "", 2021, 2.9),  # past the target: target achieved, 5
        (2, "SI_RMT_COST", "AGE=Y15T24", 2021, 1.0),  # not in the register: ignored
    ]
    unit = Unit("SI_RMT_COST", "", "value", Rule(direction=Direction.DECREASE, target=5))  # examples E and H
    results = assess_all([unit], rows)
    assert set(results) == {(1, ("SI_RMT_COST", "", "value")), (2, ("SI_RMT_COST", "", "value"))}
    assert all(progress.basis == OWN for progress in results.values())
    means = region_means(results, {100: [1, 2, 3]})
    mean = means[(100, ("SI_RMT_COST", "", "value"))]
    assert mean.basis == COUNTRY_MEAN
    assert mean.countries == 2
    assert mean.open_sdg.score == pytest.approx((0.677 + 5) / 2, abs=5e-4)
    assert mean.open_sdg.status == Status.SUBSTANTIAL


def test_levels_roll_series_to_indicator_target_goal_and_gcm_objective():
    units = [
        ("SI_RMT_COST", Status.MODERATE, 0.677, Status.ACCELERATE),
        ("BX_TRF_PWKR", Status.SUBSTANTIAL, 4.622, Status.NOT_AVAILABLE),
    ]
    levels = area_levels(units, FRAMEWORK)
    assert levels["indicator"]["10.c.1"].status == Status.MODERATE
    assert levels["target"]["17.3"].open_sdg.score == pytest.approx(4.622)
    assert levels["goal"]["10"].anticipated.status == Status.ACCELERATE
    objective = levels["gcm"]["20"]
    assert objective.open_sdg.score == pytest.approx((0.677 + 4.622) / 2)
    assert objective.status == Status.SUBSTANTIAL
    assert objective.open_sdg.members == 2

"""The worked examples of issue 13 (Open SDG's own fixtures and the published formulas), pinned figure by figure."""

from __future__ import annotations

import pytest

from migmon.progress import anticipated, engine
from migmon.progress.rollup import majority_status, mean_status
from migmon.progress.rules import Direction, Rule, TargetKind, year_of
from migmon.progress.statuses import Status, methods_disagree

DECREASE = Direction.DECREASE
INCREASE = Direction.INCREASE


def test_example_a_rise_against_a_falling_target_is_deterioration():
    result = engine.assess([(2015, 10), (2016, 30)], Rule(direction=DECREASE, target=1))
    assert result.ratio == pytest.approx(-14.054, abs=5e-4)
    assert result.score == -5
    assert result.status == Status.DETERIORATION
    assert result.cagr_observed == pytest.approx(2.0)
    assert result.cagr_required == pytest.approx(0.1 ** (1 / 15) - 1)


def test_example_b_fast_rise_towards_a_higher_target_is_on_track():
    result = engine.assess([(2015, 5), (2016, 6)], Rule(direction=INCREASE, target=9))
    assert result.ratio == pytest.approx(5.0045, abs=5e-5)
    assert result.score == 5
    assert result.status == Status.SUBSTANTIAL


def test_example_c_without_2015_the_first_later_year_is_the_base():
    result = engine.assess([(2020, 100), (2021, 120)], Rule())
    assert (result.base_year, result.base_value, result.current_year) == (2020, 100, 2021)
    assert result.direction == "decrease"
    assert result.score == -5
    assert result.status == Status.DETERIORATION


def test_example_e_slow_fall_is_moderate_progress():
    result = engine.assess([(2015, 10), (2022, 8)], Rule(direction=DECREASE, target=5))
    assert result.ratio == pytest.approx(0.6948, abs=5e-5)
    assert result.score == pytest.approx(0.677, abs=5e-4)
    assert result.status == Status.MODERATE


def test_example_f_the_limit_factor_of_a_bounded_series():
    bounded = engine.assess([(2015, 90), (2020, 95)], Rule(direction=INCREASE, limit=100))
    # 1 − 0.9 ** 4.44 = 0.373622; the issue quotes 0.37357 (within 1e-4): the formula is the reference.
    assert bounded.limit_factor == pytest.approx(1 - 0.9**4.44)
    assert bounded.limit_factor == pytest.approx(0.37357, abs=1e-4)
    assert bounded.score == 5
    unbounded = engine.assess([(2015, 90), (2020, 95)], Rule(direction=INCREASE))
    assert unbounded.limit_factor == 1
    assert unbounded.score == pytest.approx(1.468, abs=5e-4)
    assert unbounded.status == Status.MODERATE


def test_example_g_growth_above_the_high_threshold_without_target():
    result = engine.assess([(2015, 2.0), (2020, 2.2)], Rule(direction=INCREASE))
    assert result.score == pytest.approx(4.622, abs=5e-4)
    assert result.status == Status.SUBSTANTIAL


def test_example_h_current_value_past_the_target_is_target_achieved():
    result = engine.assess([(2015, 7.0), (2021, 2.9)], Rule(direction=DECREASE, target=3))
    assert result.status == Status.TARGET_ACHIEVED
    assert result.score == 5
    assert result.worsening is False


def test_mean_of_e_g_c_and_b_is_moderate_not_the_median_substantial():
    members = [
        engine.assess([(2015, 10), (2022, 8)], Rule(direction=DECREASE, target=5)),
        engine.assess([(2015, 2.0), (2020, 2.2)], Rule(direction=INCREASE)),
        engine.assess([(2020, 100), (2021, 120)], Rule()),
        engine.assess([(2015, 5), (2016, 6)], Rule(direction=INCREASE, target=9)),
    ]
    rollup = mean_status((member.status, member.score) for member in members)
    assert rollup.score == pytest.approx(1.325, abs=5e-4)
    assert rollup.status == Status.MODERATE
    assert rollup.members == 4


def test_target_achieved_only_when_every_member_is():
    achieved = (Status.TARGET_ACHIEVED, 5.0)
    assert mean_status([achieved, achieved]).status == Status.TARGET_ACHIEVED
    assert mean_status([achieved, (Status.SUBSTANTIAL, 5.0)]).status == Status.SUBSTANTIAL
    assert mean_status([achieved, (Status.NOT_AVAILABLE, None)]).status == Status.TARGET_ACHIEVED
    assert mean_status([(Status.NOT_AVAILABLE, None)]).status == Status.NOT_AVAILABLE


# Real 10.c.1 values (SI_RMT_COST, UN Global SDG Database via data/sdg-indicators-open-sdg-eca).
ARMENIA = [(2015, 1.48), (2017, 3.97), (2018, 5.66), (2019, 5.02), (2020, 5.1), (2021, 5.64)]
AZERBAIJAN = [(2015, 1.13), (2017, 1.04), (2018, 1.32), (2019, 1.0), (2020, 1.0), (2021, 1.61)]
TEN_C_ONE = Rule(direction=DECREASE, target=3)


def test_starting_on_the_good_side_and_worsening_past_the_target_is_deterioration():
    result = engine.assess(ARMENIA, TEN_C_ONE)
    assert result.status == Status.DETERIORATION
    assert result.ratio == pytest.approx(-5.179, abs=5e-3)
    naive = result.cagr_observed / result.cagr_required  # what CAGR_a / CAGR_t would say
    assert naive > 1


def test_target_achieved_with_a_worsening_trend_says_so():
    result = engine.assess(AZERBAIJAN, TEN_C_ONE)
    assert result.status == Status.TARGET_ACHIEVED
    assert result.worsening is True


def test_zero_base_and_zero_target_are_replaced_with_a_warning():
    zero_base = engine.assess([(2015, 0), (2020, 2)], Rule(direction=INCREASE, target=10))
    assert "base_zero" in zero_base.warnings
    assert zero_base.status == Status.SUBSTANTIAL
    zero_target = engine.assess([(2015, 4), (2020, 2)], Rule(direction=DECREASE, target=0))
    assert "target_zero" in zero_target.warnings
    assert zero_target.cagr_required == pytest.approx((0.001 / 4) ** (1 / 15) - 1)


def test_opposite_signs_and_single_years_are_not_available():
    opposite = engine.assess([(2015, -2), (2020, 3)], Rule(direction=INCREASE))
    assert opposite.status == Status.NOT_AVAILABLE
    assert opposite.warnings == ["opposite_signs"]
    single = engine.assess([(2014, 3), (2019, 4)], Rule())
    assert single.status == Status.NOT_AVAILABLE
    assert single.warnings == ["too_few_years"]


def test_negative_base_flips_the_sign():
    result = engine.assess([(2015, -10), (2020, -5)], Rule(direction=INCREASE))
    assert result.cagr_observed < 0
    assert result.ratio > 0
    assert result.status != Status.DETERIORATION


def test_a_period_2015_16_counts_as_2015():
    assert year_of("2015-16") == 2015
    result = engine.assess([("2015-16", 10), ("2022", 8)], Rule(direction=DECREASE, target=5))
    assert result.base_year == 2015
    assert result.score == pytest.approx(0.677, abs=5e-4)


def test_relative_target_is_a_factor_of_the_base_value():
    rule = Rule(direction=DECREASE, target=0.5, target_kind=TargetKind.RELATIVE)
    result = engine.assess([(2015, 10), (2022, 8)], rule)
    assert result.target_value == 5
    assert result.score == pytest.approx(0.677, abs=5e-4)


def test_target_year_2025_needs_faster_growth():
    by_2030 = engine.assess([(2015, 10), (2022, 8)], Rule(direction=DECREASE, target=5))
    by_2025 = engine.assess([(2015, 10), (2022, 8)], Rule(direction=DECREASE, target=5, target_year=2025))
    assert by_2025.cagr_required < by_2030.cagr_required < 0
    assert by_2025.ratio < by_2030.ratio


def test_anticipated_progress_weights_recent_years_and_reads_the_gap():
    # Weights (2030 − 2015)/(2030 − t): 1, 1.0714, 1.25; the fitted line reaches the target before 2030.
    on_track = anticipated.assess([(2015, 10), (2016, 9), (2018, 8)], Rule(direction=DECREASE, target=5))
    assert on_track.status == Status.ON_TRACK
    assert on_track.gap is not None and on_track.gap <= 0
    intercept, slope = anticipated.weighted_line([(2015, 10.0), (2016, 9.0), (2018, 8.0)], 2030)
    assert on_track.projected_value == pytest.approx(intercept + slope * 2030)
    slow = anticipated.assess([(2015, 10), (2018, 9.8), (2021, 9.5)], Rule(direction=DECREASE, target=5))
    assert slow.status == Status.ACCELERATE
    assert 0 < slow.gap < 1
    regressing = anticipated.assess([(2015, 10), (2018, 11), (2021, 12)], Rule(direction=DECREASE, target=5))
    assert regressing.status == Status.REGRESSING
    assert regressing.gap >= 1


def test_weighted_line_matches_the_normal_equations():
    points = [(2015, 1.0), (2019, 4.0), (2023, 5.0)]
    weights = [1.0, 15 / 11, 15 / 7]
    intercept, slope = anticipated.weighted_line(points, 2030)
    # The weighted residuals are orthogonal to 1 and to t at the least-squares solution.
    residuals = [v - intercept - slope * t for t, v in points]
    assert sum(w * r for w, r in zip(weights, residuals, strict=True)) == pytest.approx(0, abs=1e-9)
    assert sum(w * r * t for w, r, (t, _) in zip(weights, residuals, points, strict=True)) == pytest.approx(0, abs=1e-5)


def test_anticipated_needs_three_points_and_a_target():
    assert anticipated.assess([(2015, 10), (2020, 8)], TEN_C_ONE).warnings == ["too_few_points"]
    no_target = anticipated.assess([(2015, 10), (2018, 9), (2020, 8)], Rule(direction=DECREASE))
    assert no_target.warnings == ["no_target_value"]
    assert no_target.status == Status.NOT_AVAILABLE


def test_anticipated_base_already_past_the_target_is_judged_against_the_target():
    armenia = anticipated.assess(ARMENIA, TEN_C_ONE)
    assert armenia.status == Status.REGRESSING
    assert "base_beyond_target" in armenia.warnings
    azerbaijan = anticipated.assess(AZERBAIJAN, TEN_C_ONE)
    assert azerbaijan.status == Status.ON_TRACK


def test_methods_disagree_only_across_classes():
    assert methods_disagree(Status.MODERATE, Status.ON_TRACK)
    assert not methods_disagree(Status.SUBSTANTIAL, Status.ON_TRACK)
    assert not methods_disagree(Status.TARGET_ACHIEVED, Status.NOT_AVAILABLE)


def test_majority_rollup_takes_the_worse_status_on_a_tie():
    rollup = majority_status([Status.ON_TRACK, Status.REGRESSING, Status.NOT_AVAILABLE])
    assert rollup.status == Status.REGRESSING
    assert rollup.counts == {"on_track": 1, "regressing": 1}

"""One rule for the decimals of a figure (tables, charts, projection cards), with counts kept whole."""

from __future__ import annotations

from migmon.indicators.precision import decimals, decimals_for


def test_two_decimals_below_a_thousand_none_above_and_none_for_whole_numbers():
    assert decimals(7.8342) == 2
    assert decimals(0.21884) == 2
    assert decimals(-3.5) == 2
    assert decimals(1234.5) == 0
    assert decimals(548.0) == 0
    assert decimals(None) == 0
    assert decimals(0.21884, most=5) == 5


def test_counts_are_whole_other_units_keep_their_decimals():
    assert decimals_for("NUMBER", 547.6) == 0  # a projected number of deaths
    assert decimals_for("NUMBER", 10.5, multiplier=3) == 2  # thousands of people are not whole
    assert decimals_for("PT", 7.8342) == 2  # 10.c.1 remittance costs
    assert decimals_for("PER_100000_POP", 63.56) == 2
    assert decimals_for("", 2.41) == 2  # unit unknown: the general rule

"""The rule grammar on the real 10.7.3 values (read from the bundled file, no database): issue 14's examples."""

from __future__ import annotations

import pytest

from migmon.foresight.rules import Rule, RuleError, evaluate, history_by_year
from migmon.foresight.tests.conftest import deaths_by_year

ROSE_2 = Rule(aggregate="latest", comparator="rising", persistence=2, min_points=3)
ROSE_3 = Rule(aggregate="latest", comparator="rising", persistence=3, min_points=4)


@pytest.fixture(scope="module")
def greece(data_dir):
    values = deaths_by_year(data_dir, "Greece")
    assert (values[2019], values[2020], values[2021], values[2022]) == (65, 61, 102, 205)
    return {"GRC": values}


@pytest.fixture(scope="module")
def spain(data_dir):
    values = deaths_by_year(data_dir, "Spain")
    assert (values[2020], values[2021], values[2022]) == (128, 451, 320)
    return {"ESP": values}


def test_greece_rose_two_years_running_is_on(greece):
    result = evaluate(ROSE_2, greece)
    assert result.state == "on" and result.reason == "held"
    assert (result.year, result.value) == (2022, 205)
    assert [(c.year, c.holds) for c in result.checks] == [(2021, True), (2022, True)]


def test_greece_rose_three_years_running_is_off_because_2020_fell_from_2019(greece):
    result = evaluate(ROSE_3, greece)
    assert result.state == "off" and result.reason == "broke"
    assert [(c.year, c.holds) for c in result.checks] == [(2020, False), (2021, True), (2022, True)]


def test_spain_rose_two_years_running_is_off(spain):
    result = evaluate(ROSE_2, spain)
    assert result.state == "off"
    assert [(c.year, c.holds) for c in result.checks] == [(2021, True), (2022, False)]


def test_no_data_is_insufficient_never_off():
    assert evaluate(ROSE_2, {"DNK": {}}).state == "insufficient"
    assert evaluate(ROSE_2, {}).reason == "no_data"


def test_too_few_points_is_insufficient(data_dir):
    japan = {"JPN": deaths_by_year(data_dir, "Japan")}
    assert japan["JPN"] == {2019: 5}
    result = evaluate(ROSE_2, japan)
    assert (result.state, result.reason, result.points) == ("insufficient", "too_few_points", 1)


def test_a_gap_makes_it_insufficient_unless_a_year_with_data_breaks_it(greece):
    gapped = {"GRC": {year: value for year, value in greece["GRC"].items() if year != 2021}}
    # 2022 cannot be compared with a missing 2021, and 2021 itself has no value: undecided, not off.
    assert evaluate(ROSE_2, gapped).state == "insufficient"
    assert evaluate(ROSE_2, gapped).reason == "gap"
    # Three years running: 2020 fell from 2019, which the data does say, so the rule is off.
    assert evaluate(ROSE_3, gapped).state == "off"


def test_above_and_below_a_threshold_over_persistence(greece):
    above_100 = Rule(comparator="above", threshold=100, persistence=2)
    assert evaluate(above_100, greece).state == "on"  # 102, 205
    assert evaluate(Rule(comparator="above", threshold=100, persistence=3), greece).state == "off"  # 61
    assert evaluate(Rule(comparator="below", threshold=100), greece).state == "off"


def test_mean_over_k_years_needs_every_year_of_the_window(greece):
    mean_3 = Rule(aggregate="mean", window=3, comparator="above", threshold=120)
    result = evaluate(mean_3, greece)
    assert result.value == pytest.approx((61 + 102 + 205) / 3)
    assert result.state == "on"
    gapped = {"GRC": {y: v for y, v in greece["GRC"].items() if y != 2021}}
    # 2021 and 2022 have no complete window: the latest mean is 2018–2020's.
    result = evaluate(mean_3, gapped)
    assert (result.year, result.value, result.state) == (2020, pytest.approx((80 + 65 + 61) / 3), "off")


def test_count_and_share_of_areas_above_a_value(greece, spain):
    panel = {**greece, **spain}
    count = Rule(aggregate="count_above", cut=200, comparator="above", threshold=1)
    result = evaluate(count, panel)
    assert (result.year, result.value, result.state) == (2022, 2, "on")  # Greece 205, Spain 320
    share = Rule(aggregate="share_above", cut=300, comparator="below", threshold=0.75)
    result = evaluate(share, panel)
    assert (result.value, result.state) == (0.5, "on")  # only Spain above 300 in 2022


def test_history_by_year(greece):
    history = {e.year: e.state for e in history_by_year(ROSE_2, greece)}
    # 2014–2016 rose (51 → 464 → 548), 2017–2019 did not, 2020 fell, 2021–2022 rose.
    assert history[2014] == "insufficient" and history[2015] == "insufficient"
    assert history[2016] == "on"
    assert history[2017] == "off" and history[2021] == "off"
    assert history[2022] == "on"


@pytest.mark.parametrize(
    ("rule", "field_name"),
    [
        (Rule(comparator="above"), "threshold"),
        (Rule(aggregate="count_above", comparator="rising"), "cut"),
        (Rule(persistence=0), "persistence"),
        (Rule(aggregate="mean", window=0), "window"),
        (Rule(comparator="sideways"), "comparator"),
    ],
)
def test_unusable_rules_name_their_field(rule, field_name):
    with pytest.raises(RuleError) as error:
        evaluate(rule, {"GRC": {2020: 1.0}})
    assert error.value.field_name == field_name


def test_a_value_is_read_for_one_area_at_a_time(greece, spain):
    with pytest.raises(RuleError):
        evaluate(ROSE_2, {**greece, **spain})


def test_rule_errors_speak_the_editors_language():
    from django.utils import translation

    for language, words in (("fr", "Il faut un seuil"), ("es", "Se necesita un umbral"), ("en", "A threshold is")):
        with translation.override(language), pytest.raises(RuleError) as error:
            Rule(comparator="below").check()
        assert str(error.value).startswith(words)

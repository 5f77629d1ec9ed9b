"""The categorical series and their meanings are the official ones: each entry of the registry is checked
against the series' name in the global SDG DSD constraints bundled in data/sdg-series-codes."""

from __future__ import annotations

import csv
import re

from migmon.indicators.categories import CATEGORICAL, categories_of, category_of, is_categorical

CONSTRAINTS = "sdg-series-codes/sdmx_global_content_constraints.csv"


def _official_meanings(data_dir) -> dict[str, dict[int, str]]:
    """Series code → {code: meaning} for every series whose name lists its codes ("(1 = YES; 0 = NO)")."""
    found = {}
    with (data_dir / CONSTRAINTS).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            listed = re.search(r"\(((?:\d+ = [^;,)]+[;,] ?)+\d+ = [^)]+)\)", row["Name"])
            if listed:
                pairs = (part.split(" = ", 1) for part in re.split(r"[;,] ?", listed.group(1)))
                found[row["SERIES"]] = {int(code): meaning.strip() for code, meaning in pairs}
    return found


def test_every_registered_meaning_is_the_official_one(data_dir):
    official = _official_meanings(data_dir)
    assert official["SG_CPA_MIGRS"] == {
        1: "Requires further progress",
        2: "Partially meets",
        3: "Meets",
        4: "Fully meets",
    }
    for series, categories in CATEGORICAL.items():
        assert {c.value: c.label.upper() for c in categories} == {
            code: meaning.upper() for code, meaning in official[series].items()
        }, series


def test_categories_are_in_order_and_unknown_codes_get_no_meaning():
    assert [c.code for c in categories_of("SG_CPA_MIGRS")] == ["1", "2", "3", "4"]
    assert category_of("SG_CPA_MIGRS", 3.0).label == "Meets"
    assert category_of("SG_CPA_MIGRS", 5.0) is None
    assert category_of("SG_CPA_MIGRS", None) is None
    assert category_of("SM_DTH_MIGR", 3.0) is None and not is_categorical("SM_DTH_MIGR")
    assert categories_of("SM_DTH_MIGR") == ()


def test_the_bundled_10_7_2_file_holds_only_registered_codes(data_dir):
    path = data_dir / "sdg-indicators-open-sdg-eca" / "indicator_10-7-2-SG_CPA_MIGRS.csv"
    with path.open(encoding="utf-8") as handle:
        values = {float(row["Value"]) for row in csv.DictReader(handle)}
    assert values == {1.0, 2.0, 3.0, 4.0}
    assert all(category_of("SG_CPA_MIGRS", value) for value in values)

"""Year filters stay within real years, so a range like 1-99999999 cannot build a huge list."""

from __future__ import annotations

import pytest

from migmon.incidents.selectors import BadFilter, IncidentFilters


def test_year_range_is_expanded_within_bounds():
    assert IncidentFilters.from_query({"year": "2019-2021"}).years == (2019, 2020, 2021)


@pytest.mark.parametrize("text", ["1-99999999", "2021-2019", "99999"])
def test_year_outside_real_years_is_a_bad_filter(text):
    with pytest.raises(BadFilter) as caught:
        IncidentFilters.from_query({"year": text})
    assert text in str(caught.value.args)

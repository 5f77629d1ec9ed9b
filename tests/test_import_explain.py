"""The two queries the issue names are indexed on PostgreSQL: checked with EXPLAIN on real data.

"10.7.3 (SM_DTH_MIGR) for Libya, every year" and "10.c.1 corridor costs (SI_RMT_COST_*) from one sending
country" — and, through the counterpart dimension, to one receiving country.

Why two checks per query: on a test database of a few thousand rows the planner may rightly prefer a
sequential scan for some queries, so "the default plan has no Seq Scan" alone could fail for reasons that say
nothing about the schema. So (1) with ``enable_seqscan = off`` — which only makes sequential scans a last
resort, it cannot invent an index — the plan must use the named index on the observation table: an index that
matches the query exists and the planner can use it; and (2) with the planner's defaults, after ANALYZE on the
real rows loaded here (the SDG extracts for these series and the DESA 2024 workbook: about 9,000
observations), these selective queries already avoid a sequential scan of the observation table.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from migmon.geo.models import Area
from migmon.indicators.selectors import corridor_observations, observations_for

pytestmark = pytest.mark.django_db

FILES = (
    "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv",
    "sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_BC.csv",
    "sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_SC.csv",
    "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
)
#: Indexes of the observation table that match "one series, one area": (series, area, year), the unique key
#: (series, area, period, dimensions) and (area, series), which profiles use; any of them answers the query.
OBSERVATION_INDEXES = ("obs_series_area_year", "observation_key", "obs_area_series")


@pytest.fixture
def real_data(postgres_only, data_dir):
    out = StringIO()
    call_command("load_geography", stdout=out)
    call_command("load_framework", stdout=out)
    call_command("import_data", *[str(data_dir / name) for name in FILES], stdout=out, stderr=out)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plans(queryset) -> tuple[str, str]:
    """The default plan, then the plan with sequential scans discouraged (SET LOCAL: this transaction only)."""
    default = queryset.explain()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    forced = queryset.explain()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = on")
    return default, forced


def assert_indexed(plan: str, indexes: tuple[str, ...]) -> None:
    assert "Seq Scan on indicators_observation" not in plan, plan
    assert any(f"using {index} on indicators_observation" in plan for index in indexes), plan


def test_the_named_queries_use_indexes(real_data):
    """One test, one data load (loading is the slow part); each query is checked on its own below."""
    libya, australia, thailand = (Area.objects.get(iso3=code) for code in ("LBY", "AUS", "THA"))

    # "SM_DTH_MIGR for Libya, every year".
    default, forced = plans(observations_for(series="SM_DTH_MIGR", areas=[libya]))
    assert_indexed(forced, OBSERVATION_INDEXES)
    assert "Seq Scan on indicators_observation" not in default, default

    # "SI_RMT_COST_* corridor costs from one sending country" (Australia → Thailand 2016 = 11.32662 and more).
    for series in ("SI_RMT_COST_BC", "SI_RMT_COST_SC"):
        query = corridor_observations(series=series, sending=australia)
        assert query.count() > 0, series
        default, forced = plans(query)
        assert_indexed(forced, OBSERVATION_INDEXES)
        assert "Seq Scan on indicators_observation" not in default, default

    # The other side of a corridor goes through the counterpart dimension's index.
    query = corridor_observations(series="SI_RMT_COST_BC", receiving=thailand)
    assert query.count() > 0
    default, forced = plans(query)
    assert_indexed(forced, ("obs_series_dims_year", *OBSERVATION_INDEXES))
    assert "counterpart_area_id" in forced and "Seq Scan on indicators_dimensionset" not in forced, forced

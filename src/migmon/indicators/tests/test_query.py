"""The one observation query: area resolution, dimension matching, ordering, pagination and its errors."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migmon.indicators.query import (
    ObservationQuery,
    QueryError,
    decode_cursor,
    exact_dimensions,
    observations,
    page,
)
from migmon.indicators.services import FileSource, release_import

from .conftest import AREAS, ListReader, record

pytestmark = pytest.mark.django_db

# Real figures: DESA 2024 Libya (total 897,751, women 252,787), 10.7.3 Greece 2016 (548), 10.c.1 Australia →
# Thailand 2016 (11.32662), DESA 2020 World (275,284,032); see data/*/PROVENANCE.md.
ROWS = [
    record("MIGSTOCK", "434", "2024", "897751", kind="m49"),
    record("MIGSTOCK", "434", "2024", "252787", kind="m49", dimensions=(("SEX", "F"),)),
    record("MIGSTOCK", "900", "2020", "275284032", kind="desa"),
    record("SM_DTH_MIGR", "Greece", "2016", "548"),
    record("SI_RMT_COST_BC", "Australia", "2016", "11.32662", dimensions=(("COUNTERPART_AREA", "iso2:TH"),)),
]


@pytest.fixture
def store(areas, series, source_file):
    return release_import(source=FileSource(source_file(), ListReader(ROWS))).release


def values(query: ObservationQuery) -> list[float | None]:
    """The values a query selects, sorted (the ordering has its own test)."""
    return sorted(observations(query).values_list("value", flat=True))


@pytest.mark.parametrize("libya", ["434", "LBY", "lby", "LY", "Libya", "LIBYA"])
def test_an_area_is_one_area_whatever_names_it(store, libya):
    assert values(ObservationQuery(series=["MIGSTOCK"], areas=[libya])) == [252787, 897751]


def test_an_unknown_area_or_series_is_an_error_naming_the_parameter(store):
    with pytest.raises(QueryError, match="Unknown area 'Atlantis'") as area:
        observations(ObservationQuery(areas=["Atlantis"]))
    assert area.value.parameter == "area"
    with pytest.raises(QueryError, match="Unknown series NOPE") as series:
        observations(ObservationQuery(series=["MIGSTOCK", "NOPE"]))
    assert series.value.parameter == "series"
    with pytest.raises(QueryError) as years:
        observations(ObservationQuery(start=2024, end=2020))
    assert years.value.parameter == "end"
    with pytest.raises(QueryError) as release:
        observations(ObservationQuery(release=store.pk + 1))
    assert release.value.parameter == "release"


def test_dimension_filters_in_any_case_with_totals_as_t(store):
    libya = ObservationQuery(series=["MIGSTOCK"], areas=["LBY"])
    assert values(ObservationQuery(**{**libya.__dict__, "dimensions": {"sex": ["F"]}})) == [252787]
    assert values(ObservationQuery(**{**libya.__dict__, "dimensions": {"SEX": ["_T"]}})) == [897751]
    assert values(ObservationQuery(**{**libya.__dict__, "dimensions": {"Sex": ["F", "_T"]}})) == [252787, 897751]
    assert values(ObservationQuery(**{**libya.__dict__, "dimensions": {"sex": [""]}})) == []
    assert values(ObservationQuery(**{**libya.__dict__, "dimensions": exact_dimensions({})})) == [897751]
    with pytest.raises(QueryError) as unknown:
        observations(ObservationQuery(dimensions={"colour": ["blue"]}))
    assert unknown.value.parameter == "colour"


@pytest.mark.parametrize("thailand", ["THA", "764", "TH", "Thailand"])
def test_counterpart_areas_resolve_like_areas(store, thailand):
    query = ObservationQuery(series=["SI_RMT_COST_BC"], dimensions={"counterpart_area": [thailand]})
    assert values(query) == [11.32662]
    totals = ObservationQuery(series=["SI_RMT_COST_BC"], dimensions={"counterpart_area": ["_T"]})
    assert values(totals) == []


def test_release_years_and_several_series(store):
    query = ObservationQuery(series=["SM_DTH_MIGR", "MIGSTOCK"], start=2016, end=2020, release=store.pk)
    assert values(query) == [548, 275284032]


def test_one_ordering_and_keyset_pages_walk_every_row_once(store):
    everything = list(observations(ObservationQuery()).values_list("id", flat=True))
    assert everything == sorted(everything) and len(everything) == len(ROWS)
    seen, cursor = [], None
    while True:
        found = page(ObservationQuery(), cursor=cursor, limit=2)
        seen += [(row["series"], row["area"], row["period"], row["value"]) for row in found.rows]
        if found.next is None:
            break
        assert decode_cursor(found.next) > 0
        cursor = found.next
    assert len(seen) == len(set(seen)) == len(ROWS)
    first = page(ObservationQuery(series=["MIGSTOCK"], areas=["LBY"], dimensions={"sex": ["_T"]}), limit=1)
    assert first.rows == [
        {
            "series": "MIGSTOCK",
            "area": "LBY",
            "period": "2024",
            "value": 897751,
            "unit": "NUMBER",
            "dimensions": {},
            "reporting_type": "G",
            "nature": "",
            "footnote": "",
            "source": "",
            "release": store.pk,
            "provisional": False,
            "as_of": None,
        }
    ]
    assert first.next is None


@pytest.mark.parametrize(("cursor", "limit", "parameter"), [("!!", 10, "cursor"), (None, 0, "limit")])
def test_bad_pages_are_errors(store, cursor, limit, parameter):
    with pytest.raises(QueryError) as error:
        page(ObservationQuery(), cursor=cursor, limit=limit)
    assert error.value.parameter == parameter


def test_parameters_give_the_api_url_of_the_same_query():
    query = ObservationQuery(
        series=["MIGSTOCK"], areas=["LBY", "Greece"], start=2020, end=2024, dimensions={"SEX": ["F"]}, release=3
    )
    assert query.parameters() == [
        ("series", "MIGSTOCK"),
        ("area", "LBY"),
        ("area", "Greece"),
        ("start", "2020"),
        ("end", "2024"),
        ("sex", "F"),
        ("release", "3"),
    ]


# --- the same query through every door, for any query ---------------------------------------------------

SPELLINGS = {code: [code, m49, iso2, name] for code, _kind, m49, iso2, _iso3, _desa, name in AREAS if iso2}


@st.composite
def queries(draw) -> dict:
    areas = draw(st.lists(st.sampled_from(sorted(SPELLINGS)), max_size=3, unique=True))
    start = draw(st.one_of(st.none(), st.integers(2015, 2025)))
    end = draw(st.one_of(st.none(), st.integers(start or 2015, 2026)))
    filters = {}
    if draw(st.booleans()):
        filters["sex"] = draw(st.lists(st.sampled_from(["F", "M", "_T"]), min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        partners = st.sampled_from(["_T", *(draw(st.sampled_from(SPELLINGS[code])) for code in ("THA", "GRC"))])
        filters["counterpart_area"] = draw(st.lists(partners, min_size=1, max_size=2, unique=True))
    return {
        "series": draw(st.lists(st.sampled_from(["MIGSTOCK", "SM_DTH_MIGR", "SI_RMT_COST_BC"]), max_size=1)),
        "areas": [draw(st.sampled_from(SPELLINGS[code])) for code in areas],
        "start": start,
        "end": end,
        "dimensions": filters,
    }


def _key(series: str, area: str, period: str, value: float | None, counterpart: str | None) -> tuple:
    return (series, area, period, value, counterpart or None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(asked=queries(), limit=st.integers(1, 3))
def test_the_query_object_the_api_and_the_cli_give_the_same_rows(store, client, asked, limit):
    query = ObservationQuery(**asked)
    expected = [
        _key(series, area, period, value, (dims or {}).get("COUNTERPART_AREA"))
        for series, area, period, value, dims in observations(query).values_list(
            "series__code", "area__code", "period", "value", "dimensions__codes"
        )
    ]
    walked, cursor = [], None
    while True:
        params = [*query.parameters(), ("limit", str(limit)), *([("cursor", cursor)] if cursor else [])]
        answer = client.get("/api/v1/observations?" + urlencode(params)).json()
        walked += [
            _key(i["series"], i["area"], i["period"], i["value"], i["dimensions"].get("COUNTERPART_AREA"))
            for i in answer["items"]
        ]
        if not (cursor := answer["next"]):
            break
    assert walked == expected

    if not query.series:
        return  # migmon export asks for series
    out = io.StringIO()
    options = [f"--area={area}" for area in query.areas] + [
        f"--dimension={name}={code}" for name, codes in query.dimensions.items() for code in codes
    ]
    options += [f"--start={query.start}"] if query.start is not None else []
    options += [f"--end={query.end}"] if query.end is not None else []
    call_command("export_observations", f"--series={query.series[0]}", *options, stdout=out)
    exported = [
        _key(row["series"], row["area"], row["period"], float(row["value"]), row["COUNTERPART_AREA"])
        for row in csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")))  # the export's byte-order mark
    ]
    assert exported == expected

"""Dimension sets: canonical keys, shared rows, counterpart areas resolved whatever their identifier."""

from __future__ import annotations

import pytest

from migmon.indicators.dimensions import dimension_key, parse_dimension_key, split_counterpart
from migmon.indicators.models import DimensionSet, Observation
from migmon.indicators.selectors import corridor_observations, observations_for
from migmon.indicators.services import FileSource, ImportFailed, release_import

from .conftest import ListReader, record

pytestmark = pytest.mark.django_db


def test_keys_are_sorted_and_round_trip():
    key = dimension_key([("SEX", "F"), ("AGE", "Y15T24")])
    assert key == "AGE=Y15T24|SEX=F"
    assert parse_dimension_key(key) == (("AGE", "Y15T24"), ("SEX", "F"))
    assert dimension_key([]) == "" and parse_dimension_key("") == ()


def test_counterpart_values_carry_their_kind():
    assert split_counterpart("iso2:TH") == ("iso2", "TH")
    assert split_counterpart("THA") == ("code", "THA")


def test_indexed_columns_are_filled_and_sets_are_shared(areas, series, source_file):
    # 16.2.2 / 8.8.1 style disaggregations (codes as the Open SDG reader maps them).
    dims = (("AGE", "Y0T17"), ("COMPOSITE_BREAKDOWN", "MS_MIGRANT"), ("SEX", "F"))
    items = [
        record("SM_DTH_MIGR", "Italy", "2016", "1", dimensions=dims),
        record("SM_DTH_MIGR", "Greece", "2016", "2", dimensions=dims),
        record("SM_DTH_MIGR", "Greece", "2016", "3"),
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    assert DimensionSet.objects.count() == 2
    dimension_set = DimensionSet.objects.get(sex="F")
    assert (dimension_set.age, dimension_set.migratory_status) == ("Y0T17", "MS_MIGRANT")
    assert dimension_set.key == "AGE=Y0T17|COMPOSITE_BREAKDOWN=MS_MIGRANT|SEX=F"
    assert observations_for(series="SM_DTH_MIGR", dimensions={}).get().value == 3
    assert observations_for(series="SM_DTH_MIGR", dimensions_match={"SEX": "F"}).count() == 2
    assert observations_for(series="SM_DTH_MIGR", dimensions=dict(dims), areas=["ITA"]).get().value == 1


def test_a_corridor_read_by_iso2_and_by_name_is_one_key(areas, series, source_file):
    # SI_RMT_COST_BC, Australia → Thailand 2016 = 11.32662 (data/sdg-indicators-open-sdg-eca PROVENANCE).
    by_iso2 = [record("SI_RMT_COST_BC", "Australia", "2016", "11.32662", dimensions=(("COUNTERPART_AREA", "iso2:TH"),))]
    by_name = [
        record("SI_RMT_COST_BC", "Australia", "2016", "11.32662", dimensions=(("COUNTERPART_AREA", "name:Thailand"),))
    ]
    release_import(source=FileSource(source_file(), ListReader(by_iso2)))
    second = release_import(source=FileSource(source_file(), ListReader(by_name, dataset="other")))
    assert (second.added, second.unchanged) == (0, 1)
    observation = Observation.objects.get()
    assert observation.dimensions.key == "COUNTERPART_AREA=THA"
    assert observation.dimensions.counterpart_area == areas["THA"]
    assert list(corridor_observations(series="SI_RMT_COST_BC", sending="AUS")) == [observation]
    assert list(corridor_observations(series="SI_RMT_COST_BC", receiving=areas["THA"])) == [observation]
    assert not corridor_observations(series="SI_RMT_COST_BC", receiving="GRC").exists()


def test_an_unknown_counterpart_is_refused(areas, series, source_file):
    items = [record("SI_RMT_COST_BC", "Australia", "2016", "1", dimensions=(("COUNTERPART_AREA", "iso2:ZZ"),))]
    with pytest.raises(ImportFailed, match=r"column dimensions.*COUNTERPART_AREA 'iso2:ZZ'.*unknown area"):
        release_import(source=FileSource(source_file(), ListReader(items)))
    assert not DimensionSet.objects.exists()


def test_a_code_too_long_for_its_column_is_refused_not_cut(areas, series, source_file):
    items = [record("SM_DTH_MIGR", "Italy", "2016", "1", dimensions=(("SEX", "FEMALE_AND_OTHER"),))]
    with pytest.raises(ImportFailed, match="longer than 8 characters"):
        release_import(source=FileSource(source_file(), ListReader(items)))

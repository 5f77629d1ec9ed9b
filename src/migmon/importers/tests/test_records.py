"""The record interface: locations print as a person reads them, records refuse inconsistent shapes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from migmon.importers.records import ObservationRecord, Problem, SourceLocation, dimensions_from


def test_location_prints_file_row_and_column():
    assert str(SourceLocation("indicator_10-7-3.csv", 17, "Value")) == "indicator_10-7-3.csv, row 17, column Value"
    assert str(SourceLocation("a.xml", element="DataSet[1]/Series[1]")) == "a.xml, element DataSet[1]/Series[1]"


def test_problem_message_names_file_row_column_value_and_rule():
    problem = Problem(SourceLocation("indicator_10-7-3.csv", 17), "Value", "..", "not a number", "error")
    assert problem.message == "error: indicator_10-7-3.csv, row 17, column Value: value '..': not a number"


def test_dimensions_drop_totals_and_sort():
    assert dimensions_from([("SEX", "F"), ("AGE", "_T"), ("COMPOSITE_BREAKDOWN", ""), ("AGE", None)]) == (("SEX", "F"),)
    assert dimensions_from([("SEX", "M"), ("AGE", "Y_GE18")]) == (("AGE", "Y_GE18"), ("SEX", "M"))


@pytest.mark.parametrize(
    ("area_kind", "dimensions"),
    [("country", ()), ("name", (("SEX", "_T"),)), ("name", (("SEX", "F"), ("AGE", "Y_GE18")))],
)
def test_record_refuses_unknown_area_kind_totals_and_unsorted_dimensions(area_kind, dimensions):
    with pytest.raises(ValueError, match="area_kind|dimensions"):
        ObservationRecord(
            series="SM_DTH_MIGR",
            area="Greece",
            area_kind=area_kind,
            period="2016",
            value=Decimal(548),
            location=SourceLocation("x.csv", 2),
            dimensions=dimensions,
        )


def test_record_key_and_dimension_lookup():
    record = ObservationRecord(
        series="VC_HTF_DETVOP",
        area="Australia",
        area_kind="name",
        period="2017",
        value=Decimal(7),
        location=SourceLocation("x.csv", 2),
        dimensions=(("AGE", "Y_GE18"), ("SEX", "F")),
    )
    assert record.key == ("VC_HTF_DETVOP", "name", "Australia", "2017", (("AGE", "Y_GE18"), ("SEX", "F")), "G")
    assert record.dimension("SEX") == "F"
    assert record.dimension("URBANISATION") is None


def test_the_reporting_type_is_part_of_the_key_and_a_code_of_the_dsd():
    def record(**fields):
        return ObservationRecord(
            series="BX_TRF_PWKR",
            area="398",
            area_kind="m49",
            period="2020",
            value=Decimal("0.22"),
            location=SourceLocation("x.csv", 2),
            **fields,
        )

    assert record().reporting_type == "G"  # a format that does not say: the UN's global figure
    assert record(reporting_type="N").key != record().key
    with pytest.raises(ValueError, match="reporting_type 'X'"):
        record(reporting_type="X")


def test_fields_are_the_record_fields_in_their_order():
    from decimal import Decimal

    from migmon.importers.records import RECORD_FIELDS, ObservationRecord, SourceLocation

    # Libya's female migrant stock in 2024 (252,787: data/undesa-migrant-stock-2024, Table 1).
    record = ObservationRecord(
        series="MIGSTOCK",
        area="434",
        area_kind="desa",
        period="2024",
        value=Decimal("252787"),
        location=SourceLocation("f.xlsx", 12),
        unit="NUMBER",
        dimensions=(("SEX", "F"),),
        footnote="Type of data: C R",
    )
    assert record.fields() == tuple(getattr(record, name) for name in RECORD_FIELDS)

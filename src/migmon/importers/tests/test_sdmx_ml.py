"""SDMX-ML on the two real Kazakhstan messages, with a test per defect listed in their PROVENANCE."""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest

from migmon.importers.errors import UnreadableFile
from migmon.importers.sdmx_ml import SdmxMlReader

from .helpers import messages, read_all

KZ = "sdg-sdmx-samples/kazakhstan"
VALUES_17_3_2 = ["0.15", "0.09", "0.14", "0.14", "0.18", "0.16", "0.28", "0.34", "0.34", "0.28", "0.22", "0.16"]
VALUES_10_7_2 = ["1.5", "1.1", "0.9", "0.9", "0.5", "0.5", "0.3", "0.4", "0.3"]
SERIES_ELEMENT = "element DataSet[1]/Series[1] (line 1)"


def test_series_and_area_coded_t_are_errors_and_nothing_is_yielded(data_dir):
    records, problems = read_all(SdmxMlReader(), data_dir / KZ / "sdmx_17-3-2.xml")
    assert records == []
    errors = [p for p in problems if p.severity == "error"]
    assert messages(errors) == [
        f"error: sdmx_17-3-2.xml, {SERIES_ELEMENT}, attribute SERIES: value '_T': SERIES must be an SDG series code "
        "but is the total code _T: the file does not say which series its observations belong to; fix the file or "
        "import it with an explicit series (--series)",
        f"error: sdmx_17-3-2.xml, {SERIES_ELEMENT}, attribute REF_AREA: value '_T': REF_AREA must be an SDG area code "
        "but is the total code _T: the file does not say which area its observations belong to; fix the file or "
        "import it with an explicit area (--area)",
    ]


def test_explicit_series_and_area_turn_the_t_defect_into_warnings(data_dir):
    reader = SdmxMlReader(series="BX_TRF_PWKR", area="398")
    records, problems = read_all(reader, data_dir / KZ / "sdmx_17-3-2.xml")
    assert [r.value for r in records] == [Decimal(v) for v in VALUES_17_3_2]
    assert [r.period for r in records] == [str(year) for year in range(2010, 2022)]
    first = records[0]
    assert (first.series, first.area, first.area_kind, first.unit, first.dimensions) == (
        "BX_TRF_PWKR",
        "398",
        "m49",
        "PT",
        (),
    )
    assert str(first.location) == "sdmx_17-3-2.xml, element DataSet[1]/Series[1]/Obs[1] (line 1)"
    assert {p.severity for p in problems} == {"warning"}
    assert (
        f"warning: sdmx_17-3-2.xml, {SERIES_ELEMENT}, attribute SERIES: value '_T': SERIES is _T (no series code in "
        "the file); using the configured BX_TRF_PWKR"
    ) in messages(problems)


def test_test_flag_in_header_is_a_warning(data_dir):
    _, problems = read_all(SdmxMlReader(), data_dir / KZ / "sdmx_17-3-2.xml")
    assert problems[0].message == (
        "warning: sdmx_17-3-2.xml, element Header/Test (line 1): value 'true': the sender marked this message as "
        "test data (mes:Test=true)"
    )


def test_float_years_are_read_as_years_with_a_warning_per_observation(data_dir):
    records, problems = read_all(SdmxMlReader(series="SG_CPA_MIGRS", area="398"), data_dir / KZ / "sdmx_10-7-2.xml")
    assert [r.period for r in records] == [str(year) for year in range(2010, 2019)]
    assert [r.value for r in records] == [Decimal(v) for v in VALUES_10_7_2]
    period_warnings = [p for p in problems if p.column == "TIME_PERIOD"]
    assert len(period_warnings) == 9
    assert period_warnings[0].message == (
        "warning: sdmx_10-7-2.xml, element DataSet[1]/Series[1]/Obs[1] (line 1), attribute TIME_PERIOD: "
        "value '2010.0': year written as a decimal number; read as 2010"
    )
    assert len([p for p in problems if p.column == "TIME_DETAIL"]) == 9


def test_float_years_are_reported_even_when_the_series_is_unusable(data_dir):
    _, problems = read_all(SdmxMlReader(), data_dir / KZ / "sdmx_10-7-2.xml")
    assert len([p for p in problems if p.column == "TIME_PERIOD"]) == 9


def test_missing_unit_measure_is_a_warning(data_dir):
    records, problems = read_all(SdmxMlReader(series="SG_CPA_MIGRS", area="398"), data_dir / KZ / "sdmx_10-7-2.xml")
    assert {r.unit for r in records} == {None}
    assert (
        f"warning: sdmx_10-7-2.xml, {SERIES_ELEMENT}, attribute UNIT_MEASURE: no UNIT_MEASURE: the series' own unit "
        "will be used"
    ) in messages(problems)


@pytest.mark.parametrize("name", ["sdmx_17-3-2.xml", "sdmx_10-7-2.xml"])
def test_same_observations_as_sdmx1(data_dir, name):
    """Cross-check the streaming parser against the sdmx1 package (which reads the whole message)."""
    import sdmx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sdmx1 warns that no DSD was given
        message = sdmx.read_sdmx(data_dir / KZ / name)
    expected = [(str(obs.dimension.values["TIME_PERIOD"].value), obs.value) for obs in message.data[0].obs]  # type: ignore[attr-defined]
    records, _ = read_all(SdmxMlReader(series="X", area="398"), data_dir / KZ / name)
    assert [(period.removesuffix(".0"), Decimal(value)) for period, value in expected] == [
        (r.period, r.value) for r in records
    ]


def edited(data_dir, tmp_path, old, new):
    text = (data_dir / KZ / "sdmx_17-3-2.xml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_non_numeric_value_and_bad_period_are_errors(data_dir, tmp_path):
    path = edited(data_dir, tmp_path, 'OBS_VALUE="0.09" TIME_PERIOD="2011"', 'OBS_VALUE="n/a" TIME_PERIOD="2011.5"')
    records, problems = read_all(SdmxMlReader(series="BX_TRF_PWKR", area="398"), path)
    assert len(records) == 11
    assert [p.message for p in problems if p.severity == "error"] == [
        "error: edited.xml, element DataSet[1]/Series[1]/Obs[2] (line 1), attribute TIME_PERIOD: value '2011.5': "
        "not a period: expected a year such as 2020 (or 2020-03, 2020-Q1)",
        "error: edited.xml, element DataSet[1]/Series[1]/Obs[2] (line 1), attribute OBS_VALUE: value 'n/a': "
        "not a number",
    ]


def test_real_codes_are_read_from_the_file(data_dir, tmp_path):
    path = edited(
        data_dir, tmp_path, 'SERIES="_T" REF_AREA="_T" SEX="_T"', 'SERIES="BX_TRF_PWKR" REF_AREA="398" SEX="F"'
    )
    records, problems = read_all(SdmxMlReader(), path)
    assert [p.rule for p in problems] == [  # the Test flag and the structure the message names
        "the sender marked this message as test data (mes:Test=true)",
        "the message is built on the structure IAEG-SDGs:SDG(1.17); its codes are checked against the SDG DSD "
        "IAEG-SDGs:SDG(1.14)",
    ]
    assert {(r.series, r.area, r.dimensions) for r in records} == {("BX_TRF_PWKR", "398", (("SEX", "F"),))}


def test_not_sdmx_xml_is_unreadable(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<root><a/></root>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="XML root is <root>, not an SDMX-ML 2.1 <StructureSpecificData> or"):
        read_all(SdmxMlReader(), path)

"""SDMX-ML as sdg-build and national platforms write it (tests/data/national/PROVENANCE.md): both message types,
codes checked against the DSD's codelists, errors naming element, attribute and value."""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest

from migmon.importers import dsd
from migmon.importers.detect import reader_for
from migmon.importers.sdmx_ml import SdmxMlReader

from .helpers import messages, read_all

GENERIC = "national/sdg-build_1-1-1--generic.xml"
SPECIFIC = "national/sdg-build_1-1-1--structure-specific.xml"
#: (period, value, SEX) of the two sdg-build files, as their PROVENANCE lists them.
SDG_BUILD_OBSERVATIONS = [
    ("2020", Decimal(100), None),
    ("2021", Decimal(120), None),
    ("2020", Decimal(50), "M"),
    ("2021", Decimal(60), "M"),
    ("2020", Decimal(70), "F"),
    ("2021", Decimal(80), "F"),
]


def test_generic_data_is_detected_and_read(corpus_dir):
    path = corpus_dir / GENERIC
    assert isinstance(reader_for(path), SdmxMlReader)
    records, problems = read_all(SdmxMlReader(), path)
    assert [(r.period, r.value, r.dimension("SEX")) for r in records] == SDG_BUILD_OBSERVATIONS
    assert {(r.series, r.area, r.area_kind, r.unit, r.unit_multiplier, r.nature) for r in records} == {
        ("SI_POV_DAY1", "826", "m49", "PT", 0, "_X")
    }
    assert str(records[2].location) == "sdg-build_1-1-1--generic.xml, element DataSet[1]/Series[2]/Obs[1] (line 81)"
    assert messages(problems) == [
        "warning: sdg-build_1-1-1--generic.xml, element Header/Structure (line 13): value 'IAEG-SDGs:SDG(1.8)': the "
        "message is built on the structure IAEG-SDGs:SDG(1.8); its codes are checked against the SDG DSD "
        "IAEG-SDGs:SDG(1.14)"
    ]


def test_both_message_types_give_the_same_observations(corpus_dir):
    generic, _ = read_all(SdmxMlReader(), corpus_dir / GENERIC)
    specific, _ = read_all(SdmxMlReader(), corpus_dir / SPECIFIC)
    assert [r.fields() for r in generic] == [r.fields() for r in specific]


@pytest.mark.parametrize("name", [GENERIC, SPECIFIC, "national/kyrgyzstan_10.7.2.xml"])
def test_same_observations_and_attributes_as_sdmx1(corpus_dir, name):
    import sdmx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sdmx1 warns that no DSD was given
        message = sdmx.read_sdmx(corpus_dir / name)
    expected = [
        (
            str(obs.dimension.values["TIME_PERIOD"].value),
            Decimal(str(obs.value)),
            str(obs.attached_attribute["NATURE"].value),
        )
        for obs in message.data[0].obs  # type: ignore[attr-defined]
    ]
    records, _ = read_all(SdmxMlReader(), corpus_dir / name)
    assert expected == [(r.period, r.value, r.nature) for r in records]


def test_a_national_platform_s_policy_domains(corpus_dir):
    """Kyrgyzstan's 10.7.2: the total and the six policy domains of SG_CPA_MIGRS, COMPOSITE_BREAKDOWN codes."""
    records, problems = read_all(SdmxMlReader(), corpus_dir / "national/kyrgyzstan_10.7.2.xml")
    assert [(r.dimension("COMPOSITE_BREAKDOWN"), r.value) for r in records] == [
        (None, 3),
        ("PD_1", 3),
        ("PD_2", 4),
        ("PD_3", 4),
        ("PD_4", 3),
        ("PD_5", 3),
        ("PD_6", 4),
    ]
    assert {(r.series, r.area, r.period, r.unit, r.nature) for r in records} == {
        ("SG_CPA_MIGRS", "417", "2019", "NUMBER", "C")
    }
    assert records[0].source.startswith("United Nation Inquiry among Governments on Population and Development")
    assert [p.severity for p in problems] == ["warning"]  # the national structure KG_NSC:SDG(1.8)


def test_sub_national_areas_are_errors_naming_element_attribute_and_value(corpus_dir):
    records, problems = read_all(SdmxMlReader(), corpus_dir / "national/kyrgyzstan_16.2.2.xml")
    errors = [p for p in problems if p.severity == "error"]
    assert sorted(p.value for p in errors) == ["KG02", "KG03", "KG04", "KG05", "KG06", "KG08", "KG11", "KG21"]
    assert errors[0].message == (
        "error: kyrgyzstan_16.2.2.xml, element DataSet[1]/Series[5] (line 57), attribute REF_AREA: value 'KG05': "
        "not a code of CL_AREA in the SDG DSD IAEG-SDGs:SDG(1.14) (622 codes)"
    )
    # The country's own series are read: 47 observations for KG, with the DSD's _U (unknown sex) accepted.
    assert len(records) == 47 and {r.area for r in records} == {"KG"}
    assert [r.value for r in records if not r.dimensions][:4] == [21, 5, 6, 9]
    assert {r.dimension("SEX") for r in records} == {None, "F", "M", "_U"}


def test_a_unit_outside_the_codelist_is_refused_even_with_an_area(corpus_dir):
    """Kazakhstan's 8.8.1 per 1,000 employees: not the series' unit, not a DSD unit; storing it would be wrong."""
    records, problems = read_all(SdmxMlReader(area="398"), corpus_dir / "national/kazakhstan_8-8-1.xml")
    assert records == []
    assert [(p.column, p.value, p.rule) for p in problems if p.severity == "error"] == [
        (
            "UNIT_MEASURE",
            "PER_1000_employees",
            "not a code of CL_UNIT_MEASURE in the SDG DSD IAEG-SDGs:SDG(1.14) (52 codes)",
        )
    ] * 2
    assert [p.rule for p in problems if p.column == "REF_AREA"] == [
        "REF_AREA is _T (no area code in the file); using the configured 398"
    ] * 2


@pytest.mark.parametrize("code", list(dsd.codelist("CL_NATURE")))
def test_every_nature_code_of_the_dsd_is_accepted_and_stored_as_is(corpus_dir, tmp_path, code):
    path = _edited(corpus_dir, tmp_path, 'id="NATURE" value="_X"', f'id="NATURE" value="{code}"')
    records, problems = read_all(SdmxMlReader(), path)
    assert [r.nature for r in records][:2] == [code, "_X"]
    assert [p.severity for p in problems] == ["warning"]


@pytest.mark.parametrize(
    ("column", "old", "new", "rule"),
    [
        (
            "NATURE",
            "_X",
            "NA",
            "not a code of CL_NATURE in the SDG DSD IAEG-SDGs:SDG(1.14); expected one of C, CA, E, G, M, N, _X",
        ),
        (
            "UNIT_MULT",
            "0",
            "k",
            "not a code of CL_UNIT_MULT in the SDG DSD IAEG-SDGs:SDG(1.14) (31 codes)",
        ),
        (
            "OBS_STATUS",
            "A",
            "Z",
            "not a code of CL_OBS_STATUS in the SDG DSD IAEG-SDGs:SDG(1.14) (20 codes)",
        ),
    ],
)
def test_an_observation_code_outside_its_codelist_names_element_attribute_and_value(
    corpus_dir, tmp_path, column, old, new, rule
):
    path = _edited(corpus_dir, tmp_path, f'id="{column}" value="{old}"', f'id="{column}" value="{new}"')
    records, problems = read_all(SdmxMlReader(), path)
    assert len(records) == 5  # the other observations are read
    assert [p.message for p in problems if p.severity == "error"] == [
        f"error: edited.xml, element DataSet[1]/Series[1]/Obs[1] (line 41), attribute {column}: value '{new}': {rule}"
    ]


def test_a_series_code_outside_its_codelist_refuses_the_series(corpus_dir, tmp_path):
    path = _edited(corpus_dir, tmp_path, '<generic:Value id="SEX" value="M">', '<generic:Value id="SEX" value="MALE">')
    records, problems = read_all(SdmxMlReader(), path)
    assert [r.dimension("SEX") for r in records] == [None, None, "F", "F"]
    assert [p.message for p in problems if p.severity == "error"] == [
        "error: edited.xml, element DataSet[1]/Series[2] (line 60), attribute SEX: value 'MALE': not a code of CL_SEX "
        "in the SDG DSD IAEG-SDGs:SDG(1.14); expected one of _T, F, M, _N, _O, _U, _X"
    ]


def test_an_attribute_the_dsd_lacks_is_one_warning_per_file(corpus_dir, tmp_path):
    path = _edited(
        corpus_dir,
        tmp_path,
        'value="_X"></generic:Value>',
        'value="_X"></generic:Value><generic:Value id="QUALITY" value="good"></generic:Value>',
        count=-1,
    )
    records, problems = read_all(SdmxMlReader(), path)
    assert len(records) == 6
    assert [p.message for p in problems if p.column == "QUALITY"] == [
        "warning: edited.xml, element DataSet[1]/Series[1]/Obs[1] (line 41), attribute QUALITY: value 'good': QUALITY "
        "is not a dimension or attribute of the SDG DSD IAEG-SDGs:SDG(1.14); not stored (reported once per file)"
    ]


def _edited(corpus_dir, tmp_path, old, new, count=1):
    text = (corpus_dir / GENERIC).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.xml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path

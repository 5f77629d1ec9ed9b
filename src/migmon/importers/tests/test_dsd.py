"""The pinned SDG DSD as migmon reads it: the facts of its PROVENANCE, and the vocabulary agrees with it."""

from __future__ import annotations

import hashlib

from migmon.importers import dsd
from migmon.indicators import vocabulary


def test_the_copy_is_the_pinned_file_named_in_its_provenance():
    digest = hashlib.sha256(dsd.DSD_FILE.read_bytes()).hexdigest()
    assert digest in (dsd.DSD_FILE.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    assert dsd.structure().ref == "IAEG-SDGs:SDG(1.14)"


def test_dimensions_in_key_order_then_time_and_measure():
    structure = dsd.structure()
    assert [c.id for c in structure.dimensions] == [
        "FREQ",
        "REPORTING_TYPE",
        "SERIES",
        "REF_AREA",
        "SEX",
        "AGE",
        "URBANISATION",
        "INCOME_WEALTH_QUANTILE",
        "EDUCATION_LEV",
        "OCCUPATION",
        "CUST_BREAKDOWN",
        "COMPOSITE_BREAKDOWN",
        "DISABILITY_STATUS",
        "ACTIVITY",
        "PRODUCT",
    ]
    assert [c.position for c in structure.dimensions] == list(range(1, 16))
    assert structure.component("TIME_PERIOD").kind == "time"
    assert structure.component("OBS_VALUE").kind == "measure"


def test_mandatory_attributes_and_where_they_attach():
    mandatory = {(c.id, c.attachment) for c in dsd.structure().attributes if c.mandatory}
    assert mandatory == {("OBS_STATUS", "observation"), ("UNIT_MULT", "observation"), ("UNIT_MEASURE", "series")}
    assert dsd.structure().component("COMMENT_OBS").codelist is None


def test_codelist_sizes():
    sizes = {name: len(codes) for name, codes in dsd.structure().codelists.items()}
    assert len(sizes) == 20
    assert (sizes["CL_SERIES"], sizes["CL_AREA"], sizes["CL_OBS_STATUS"]) == (783, 622, 20)
    assert (sizes["CL_UNIT_MEASURE"], sizes["CL_UNIT_MULT"], sizes["CL_CUST_BREAKDOWN"]) == (52, 31, 5001)
    numeric = [code for code in dsd.codelist("CL_AREA") if code.isdigit()]
    assert (len(numeric), len(dsd.codelist("CL_AREA")) - len(numeric)) == (370, 252)


def test_nature_has_x_for_not_available_and_reporting_types_are_global_regional_national():
    nature = dsd.codelist_for("NATURE")
    assert list(nature) == ["C", "CA", "E", "G", "M", "N", "_X"]
    assert nature.name("_X") == "Not Available"
    assert list(dsd.codelist_for("REPORTING_TYPE")) == ["G", "R", "N"]
    assert nature.urn == "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_NATURE(1.0)"


def test_total_code_is_no_series_and_no_area():
    assert "_T" not in dsd.codelist_for("SERIES") and "_T" not in dsd.codelist_for("REF_AREA")
    assert "SM_DTH_MIGR" in dsd.codelist_for("SERIES") and "398" in dsd.codelist_for("REF_AREA")
    assert "_T" in dsd.codelist_for("SEX")


def test_migratory_status_and_policy_domains_are_composite_breakdown_codes():
    composite = dsd.codelist_for("COMPOSITE_BREAKDOWN")
    for code in ("MS_MIGRANT", "MS_NOMIGRANT", "MS_EUMIGRANT", "MS_NONEUMIGRANT", *(f"PD_{n}" for n in range(1, 7))):
        assert code in composite


def test_free_text_and_unknown_components_have_no_codelist():
    assert dsd.codelist_for("COMMENT_OBS") is None
    assert dsd.codelist_for("COUNTERPART_AREA") is None


def test_the_vocabulary_places_each_dimension_where_the_dsd_does():
    by_id = {c.id: c for c in dsd.structure().dimensions}
    for dimension in vocabulary.DIMENSIONS:
        if dimension.in_dsd:
            assert (by_id[dimension.code].position, by_id[dimension.code].codelist) == (
                dimension.dsd_position,
                dimension.codelist,
            )
        else:
            assert dimension.code not in by_id


def test_parsed_once():
    assert dsd.structure() is dsd.structure()

"""The dimension vocabulary is the one list every layer derives from, and it agrees with the real files."""

from __future__ import annotations

import csv
from pathlib import Path

from migmon.importers import dsd, open_sdg_csv
from migmon.importers.records import DIMENSION_NAMES
from migmon.indicators import exporters, framework_sources, vocabulary
from migmon.indicators.dimensions import COLUMN_LIMITS, INDEXED_COLUMNS
from migmon.indicators.models import DimensionSet, ReportingType

REPO = Path(__file__).resolve().parents[4]
CONSTRAINTS = REPO / "data" / "sdg-series-codes" / "sdmx_global_content_constraints.csv"


def test_twelve_dimensions_the_eleven_of_the_sdg_dsd_in_its_order_then_the_counterpart():
    # IAEG-SDGs:SDG(1.14): SEX is position 5 … PRODUCT position 15 (data/sdg-dsd/PROVENANCE.md).
    assert len(vocabulary.DIMENSIONS) == 12
    assert vocabulary.DSD_CODES == (
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
    )
    assert [d.dsd_position for d in vocabulary.DIMENSIONS if d.in_dsd] == list(range(5, 16))
    assert vocabulary.CODES[-1] == "COUNTERPART_AREA" and not vocabulary.COUNTERPART_AREA.in_dsd


def test_the_constraints_file_columns_are_the_constrained_dimensions():
    with CONSTRAINTS.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert set(vocabulary.CONSTRAINT_CODES) == set(header) & set(vocabulary.CODES)
    assert framework_sources.DIMENSION_COLUMNS == vocabulary.CONSTRAINT_CODES


def test_records_exports_and_readers_derive_from_it():
    assert frozenset(vocabulary.CODES) == DIMENSION_NAMES
    assert exporters.DIMENSION_COLUMNS == vocabulary.CODES
    assert set(vocabulary.CODES) <= set(exporters.TIDY_COLUMNS)
    # SDMX carries every dimension of the DSD; the corridor partner has none there, so SDMX exports refuse it
    # (indicators.sdmx) rather than write a column the DSD does not know.
    assert set(vocabulary.DSD_CODES) <= set(exporters.SDMX_COLUMNS)
    assert vocabulary.COUNTERPART_AREA.code not in exporters.SDMX_COLUMNS
    assert set(open_sdg_csv.DSD_DIMENSIONS) == set(vocabulary.DSD_CODES)
    assert {dimension for dimension, _labels, _pattern in open_sdg_csv.DISAGGREGATIONS.values()} <= set(
        vocabulary.DSD_CODES
    )


def test_indexed_columns_exist_on_the_model_with_the_vocabulary_sizes():
    for code, column in INDEXED_COLUMNS.items():
        field = DimensionSet._meta.get_field(column)
        assert field.max_length == vocabulary.BY_CODE[code].max_length == COLUMN_LIMITS[code]
    assert DimensionSet._meta.get_field("migratory_status").max_length == COLUMN_LIMITS["COMPOSITE_BREAKDOWN"]
    assert DimensionSet._meta.get_field(str(vocabulary.COUNTERPART_AREA.column)).is_relation


def test_parameters_name_dimensions_in_any_case():
    assert vocabulary.by_parameter("counterpart_area") is vocabulary.COUNTERPART_AREA
    assert vocabulary.by_parameter("Sex") is vocabulary.SEX
    assert vocabulary.by_parameter("year") is None


def test_reporting_types_are_the_dsd_codelist_and_its_dimension_at_position_two():
    codelist = dsd.codelist("CL_REPORTING_TYPE")
    assert dict(vocabulary.REPORTING_TYPES) == {code: codelist.name(code) for code in codelist}
    assert [d.id for d in dsd.structure().dimensions[:2]] == ["FREQ", vocabulary.REPORTING_TYPE.code]
    assert vocabulary.REPORTING_TYPE.dsd_position == 2 and vocabulary.REPORTING_TYPE not in vocabulary.DIMENSIONS
    assert vocabulary.DEFAULT_REPORTING_TYPE == vocabulary.PREFERENCE[0] == "G"
    assert [code for code, _ in ReportingType.choices] == list(vocabulary.REPORTING_TYPES)

"""Each malformed file of tests/data gives its clear error and leaves the database exactly as it was.

"Exactly as it was" is checked on a snapshot taken after a real import: the row count of every table the
loader writes and a checksum over every observation and revision.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from migmon.geo.models import Area, AreaKind
from migmon.indicators.models import Dataset, DimensionSet, Observation, ObservationRevision, Release, Series
from migmon.indicators.services import FileSource, ImportFailed, release_import

pytestmark = pytest.mark.django_db

CORPUS = Path(settings.PROJECT_DIR) / "tests" / "data"
REAL_10_7_3 = Path(settings.DATA_DIR) / "sdg-indicators-open-sdg-eca" / "indicator_10-7-3.csv"

#: faulty file → what the one-line reason must say (see tests/data/README.md).
EXPECTED = {
    "faulty_truncated.xml": r"faulty_truncated.xml.*(truncated|malformed)",
    "faulty_sdmx_2_0.xml": r"faulty_sdmx_2_0.xml: an SDMX-ML 2.0 <GenericData> message: only SDMX-ML 2.1 is read",
    "faulty_truncated.xlsx": r"faulty_truncated.xlsx.*damaged ZIP/XLSX",
    "faulty_latin1.csv": r"faulty_latin1.csv, row 5.*UTF-8",
    "faulty_bom_only.csv": r"faulty_bom_only.csv: empty file \(only a byte-order mark",
    "faulty_duplicate_header.csv": r"duplicated column name 'Sex' \(columns 4 and 5\)",
    "faulty_duplicate_rows.csv": r"faulty_duplicate_rows.csv, row 6.*duplicate key.*row 3",
    "faulty_non_numeric.csv": r"faulty_non_numeric.csv, row 2, column Value: value '\.\.'.*\(and 2 more",
    "faulty_non_numeric_tidy.csv": r"faulty_non_numeric_tidy.csv, row 3, column value: value '\.\.'",
    "faulty_unknown_area.csv": r"faulty_unknown_area.csv, row 2, column area \(m49\): value '999'.*unknown area",
    "faulty_mixed_separators.csv": r"faulty_mixed_separators.csv, row 3.*mixed separators",
    "faulty_missing_column.csv": r"missing required column\(s\) Value",
    "faulty_empty.csv": r"faulty_empty.csv: empty file \(0 bytes\)",
    "faulty_binary.csv": r"faulty_binary.csv: binary file",
}
#: The BOM variants are well-formed: they import like the plain UTF-8 file.
READABLE = ("faulty_bom_utf8.csv", "faulty_bom_utf16.csv")

COUNTRIES = [
    ("GRC", "300", "GR", "Greece"),
    ("ITA", "380", "IT", "Italy"),
    ("ESP", "724", "ES", "Spain"),
    ("FRA", "250", "FR", "France"),
    ("TUR", "792", "TR", "Türkiye"),
    ("KAZ", "398", "KZ", "Kazakhstan"),
    ("FIN", "246", "FI", "Finland"),
]


@pytest.fixture
def loaded(db) -> tuple:
    """A small geography holding every area the real 10.7.3 file names, its series, and that file imported."""
    from migmon.importers.open_sdg_csv import OpenSdgCsvReader

    names = set()
    for row in REAL_10_7_3.read_text().splitlines()[1:]:
        names.add(row.split(",")[2].strip('"'))
    for code, m49, iso2, name in COUNTRIES:
        Area.objects.create(code=code, kind=AreaKind.COUNTRY, m49=m49, iso2=iso2, iso3=code, name_en=name, name_fr=name)
    for number, name in enumerate(sorted(names - {c[3] for c in COUNTRIES})):
        Area.objects.create(code=f"T{number:02d}", kind=AreaKind.COUNTRY, name_en=name, name_fr=name, name_es=name)
    for code, unit in (("SM_DTH_MIGR", "NUMBER"), ("SL_EMP_INJUR", "PER_100000_EMP"), ("BX_TRF_PWKR", "PT")):
        Series.objects.create(code=code, name_en=code, unit=unit)
    release_import(source=FileSource(REAL_10_7_3, OpenSdgCsvReader()))
    return snapshot()


def snapshot() -> tuple:
    digest = hashlib.sha256()
    for row in Observation.objects.order_by("id").values_list(
        "id", "series_id", "area_id", "period", "dimensions_id", "value", "unit", "nature", "footnote", "release_id"
    ):
        digest.update(repr(row).encode())
    for row in ObservationRevision.objects.order_by("id").values_list("id", "value", "release_id", "replaced_by_id"):
        digest.update(repr(row).encode())
    counts = tuple(
        model.objects.count() for model in (Observation, ObservationRevision, Release, Dataset, DimensionSet)
    )
    return counts, digest.hexdigest()


def test_the_corpus_is_covered():
    assert sorted(p.name for p in CORPUS.glob("faulty_*")) == sorted([*EXPECTED, *READABLE])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_faulty_file_is_refused_and_changes_nothing(loaded, name):
    assert loaded[0][0] == 181  # the real 10.7.3 file: 181 observations (PROVENANCE)
    with pytest.raises(ImportFailed, match=EXPECTED[name]) as failure:
        release_import(source=FileSource(CORPUS / name))
    assert "\n" not in str(failure.value)
    assert snapshot() == loaded


@pytest.mark.parametrize("name", READABLE)
def test_a_byte_order_mark_reads_like_plain_utf8(loaded, name):
    # The six rows (Greece and Türkiye 2014–2016) are already in the database: nothing changes value.
    result = release_import(source=FileSource(CORPUS / name))
    assert (result.added, result.changed, result.unchanged, result.rejected) == (0, 0, 6, 0)

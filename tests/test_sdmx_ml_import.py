"""SDMX-ML files of sdg-build and national platforms imported into the store (tests/data/national/PROVENANCE.md):
GenericData as well as StructureSpecific, ``NATURE="_X"`` kept, a ``_T`` file with an explicit area and series."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from migmon.geo.models import Area, AreaKind
from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.indicators.models import Observation, Series
from migmon.indicators.services import FileSource, ImportFailed, ImportStatus, release_import

NATIONAL = Path(__file__).resolve().parent / "data" / "national"
KAZAKHSTAN = Path(settings.DATA_DIR) / "sdg-sdmx-samples" / "kazakhstan"

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(db) -> None:
    for code, m49, iso2, name in (("GBR", "826", "GB", "United Kingdom"), ("KAZ", "398", "KZ", "Kazakhstan")):
        Area.objects.create(
            code=code, kind=AreaKind.COUNTRY, m49=m49, iso2=iso2, iso3=code, desa_code=int(m49), name_en=name
        )
    for code, unit in (("SI_POV_DAY1", "PT"), ("BX_TRF_PWKR", "PT")):
        Series.objects.create(code=code, name_en=code, unit=unit)


def stored(series: str) -> list[tuple[str, str, float | None, str, dict[str, str]]]:
    rows = Observation.objects.filter(series__code=series).select_related("area", "dimensions")
    return sorted((o.area.code, o.period, o.value, o.nature, o.dimensions.codes) for o in rows)


def test_a_generic_data_message_imports_with_its_not_available_nature(store):
    result = release_import(source=FileSource(NATIONAL / "sdg-build_1-1-1--generic.xml"))
    assert (result.status, result.added) == (ImportStatus.IMPORTED, 6)
    assert stored("SI_POV_DAY1") == [
        ("GBR", "2020", 50.0, "_X", {"SEX": "M"}),
        ("GBR", "2020", 70.0, "_X", {"SEX": "F"}),
        ("GBR", "2020", 100.0, "_X", {}),
        ("GBR", "2021", 60.0, "_X", {"SEX": "M"}),
        ("GBR", "2021", 80.0, "_X", {"SEX": "F"}),
        ("GBR", "2021", 120.0, "_X", {}),
    ]
    again = release_import(source=FileSource(NATIONAL / "sdg-build_1-1-1--generic.xml"))
    assert again.status == ImportStatus.NO_OP


def test_the_structure_specific_twin_changes_nothing(store):
    release_import(source=FileSource(NATIONAL / "sdg-build_1-1-1--generic.xml"))
    before = stored("SI_POV_DAY1")
    twin = release_import(source=FileSource(NATIONAL / "sdg-build_1-1-1--structure-specific.xml"))
    assert (twin.added, twin.changed, twin.unchanged) == (0, 0, 6)
    assert stored("SI_POV_DAY1") == before


def test_a_t_file_is_refused_without_area_and_series_and_imported_with_them(store):
    path = KAZAKHSTAN / "sdmx_17-3-2.xml"
    with pytest.raises(ImportFailed) as refused:
        release_import(source=FileSource(path))
    assert "attribute SERIES: value '_T': SERIES must be an SDG series code" in refused.value.problems[0]
    assert not Observation.objects.exists()
    result = release_import(source=FileSource(path, SdmxMlReader(series="BX_TRF_PWKR", area="KAZ")))
    assert result.added == 12
    values = [value for _, period, value, _, _ in stored("BX_TRF_PWKR")]
    assert values == [0.15, 0.09, 0.14, 0.14, 0.18, 0.16, 0.28, 0.34, 0.34, 0.28, 0.22, 0.16]
    assert {area for area, *_ in stored("BX_TRF_PWKR")} == {"KAZ"}

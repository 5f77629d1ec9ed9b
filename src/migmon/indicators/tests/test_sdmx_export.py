"""SDMX exports against the global SDG DSD: sdmx1 reads them with the pinned DSD to exactly the exported
observations, keys distinct; the header names the DSD; attributes are right for the series; groupings are codes;
the 10.c.1 corridor partner, which the DSD cannot carry, is refused with the reason.

Real files: the bundled Open SDG ECA extracts (data/sdg-indicators-open-sdg-eca/PROVENANCE.md) and UN DESA's
2024 figures for three groupings (data/undesa-migrant-stock-2024).
"""

from __future__ import annotations

import csv
import io
import logging
import math
from functools import cache
from io import StringIO

import pytest
import sdmx as sdmx1
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from migmon.geo.models import Area, AreaKind
from migmon.importers import dsd
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.indicators import sdmx
from migmon.indicators.exporters import exporter_for
from migmon.indicators.models import Observation, Series
from migmon.indicators.sdmx_validation import selection_check
from migmon.indicators.selectors import ObservationQuery, observations
from migmon.indicators.services import FileSource, release_import

from .conftest import ListReader, record

pytestmark = pytest.mark.django_db

ECA = "sdg-indicators-open-sdg-eca"
FILES = (
    f"{ECA}/indicator_8-8-1-SL_EMP_INJUR.csv",  # SEX and migratory status (COMPOSITE_BREAKDOWN) breakdowns
    f"{ECA}/indicator_10-7-3.csv",
    f"{ECA}/indicator_17-3-2.csv",  # PT
    f"{ECA}/indicator_10-c-1-SI_RMT_COST_BC.csv",  # corridors: refused
)
SDMX_FORMATS = ("sdmx-ml", "sdmx-csv")


@cache
def sdg_dsd():
    """The pinned DSD as sdmx1 reads it (the file migmon ships)."""
    return sdmx1.read_sdmx(dsd.DSD_FILE).structure["SDG"]


#: The SDG series read here, with their units from the DSD's content constraints.
SDG_SERIES = {"SL_EMP_INJUR": "PER_100000_EMP", "BX_TRF_PWKR": "PT"}


@pytest.fixture
def store(areas, series, data_dir, source_file):
    """Every row of the real files for the test areas (and Kazakhstan), read by the real reader."""
    _area("KAZ", AreaKind.COUNTRY, "Kazakhstan", m49="398", iso2="KZ", iso3="KAZ", desa_code=398)
    for code, unit in SDG_SERIES.items():
        Series.objects.create(code=code, name_en=code, unit=unit)
    names = set(Area.objects.values_list("name_en", flat=True))
    partners = {f"iso2:{code}" for code in Area.objects.values_list("iso2", flat=True)}

    def known(item) -> bool:
        return getattr(item, "area", None) in names and all(
            code in partners for name, code in item.dimensions if name == "COUNTERPART_AREA"
        )

    for name in FILES:
        kept = [item for item in OpenSdgCsvReader().read(data_dir / name) if known(item)]
        release_import(source=FileSource(source_file(), ListReader(kept)))


def _area(code: str, kind: str, name: str, **codes: object) -> Area:
    return Area.objects.create(code=code, kind=kind, name_en=name, name_fr=name, name_es=name, **codes)


def read_with_sdmx1(content: bytes, fmt: str, tmp_path) -> dict[tuple[str, ...], tuple[float | None, dict]]:
    """Every observation sdmx1 reads with the DSD: key (dimensions, then TIME_PERIOD) → (value, attributes)."""
    path = tmp_path / ("export.xml" if fmt == "sdmx-ml" else "export.csv")
    path.write_bytes(content)
    logging.getLogger("sdmx").setLevel(logging.ERROR)  # "no column for BASE_PER"…: conditional attributes
    message = sdmx1.read_sdmx(path, structure=sdg_dsd())
    read: dict[tuple[str, ...], tuple[float | None, dict]] = {}
    for dataset in message.data:
        for obs in dataset.obs:
            key = tuple(str(value.value) for value in obs.key.values.values())  # the series key, then the period
            attributes = {name: str(value.value) for name, value in obs.attached_attribute.items()}
            if obs.series_key is not None:
                attributes |= {name: str(value.value) for name, value in obs.series_key.attrib.items()}
            value = None if obs.value in (None, "") or math.isnan(float(obs.value)) else float(obs.value)
            assert key not in read, f"two observations share the key {key}"
            read[key] = (value, {name: text for name, text in attributes.items() if text})
    return read


def expected(selected) -> dict[tuple[str, ...], tuple[float | None, dict]]:
    """What the store holds for the selection, in the DSD's terms."""
    made = {}
    for observation in selected.select_related("series", "area", "dimensions"):
        encoded = sdmx.encode(observation)
        made[(*encoded.series_key, encoded.period)] = (observation.value, dict(encoded.attributes))
    return made


@pytest.mark.parametrize("fmt", SDMX_FORMATS)
def test_sdmx1_reads_the_export_with_the_dsd_to_exactly_the_exported_observations(fmt, store, tmp_path):
    query = ObservationQuery(series=["SL_EMP_INJUR", "SM_DTH_MIGR", "BX_TRF_PWKR"])
    selected = observations(query)
    content = exporter_for(fmt)(selected).render().read()

    read = read_with_sdmx1(content, fmt, tmp_path)

    assert read == expected(selected)
    assert len(read) == selected.count() > 300
    breakdowns = {key[11] for key in read if key[2] == "SL_EMP_INJUR"}  # COMPOSITE_BREAKDOWN
    assert {"_T", "MS_MIGRANT", "MS_NOMIGRANT"} <= breakdowns


def test_attributes_are_those_of_the_series_and_always_present(store, tmp_path):
    selected = observations(ObservationQuery(series=["BX_TRF_PWKR", "SM_DTH_MIGR"], areas=["KAZ", "GRC"]))
    read = read_with_sdmx1(exporter_for("sdmx-ml")(selected).render().read(), "sdmx-ml", tmp_path)
    # Kazakhstan 2020 in the UN database: 0.21884 (data/sdg-sdmx-samples/PROVENANCE.md); Greece 2016: 548.
    kazakhstan = ("A", "G", "BX_TRF_PWKR", "398", *["_T"] * 11, "2020")
    greece = ("A", "G", "SM_DTH_MIGR", "300", *["_T"] * 11, "2016")
    assert read[kazakhstan][0] == 0.21884 and read[greece][0] == 548
    assert {read[kazakhstan][1]["UNIT_MEASURE"], read[greece][1]["UNIT_MEASURE"]} == {"PT", "NUMBER"}
    mandatory = {c.id for c in dsd.structure().attributes if c.mandatory}
    assert mandatory == {"UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS"}
    assert all(mandatory <= attributes.keys() for _, attributes in read.values())
    assert {attributes["OBS_STATUS"] for _, attributes in read.values()} == {"A"}


def test_sdmx_ml_header_names_the_pinned_dsd(store):
    content = exporter_for("sdmx-ml")(observations(ObservationQuery(series=["SM_DTH_MIGR"]))).render()
    assert content.media_type.startswith("application/vnd.sdmx.structurespecificdata+xml")
    root = etree.fromstring(content.read())
    ns = {"m": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"}
    urn = root.findtext("m:Header/m:Structure/{*}Structure/URN", namespaces=ns)
    assert urn == "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.14)"
    areas = {series.get("REF_AREA") for series in root.iter("Series")}
    assert areas and all(area.isdigit() and not area.startswith("0") for area in areas)
    assert "_T" not in {series.get("SERIES") for series in root.iter("Series")} | areas


@pytest.mark.parametrize("fmt", SDMX_FORMATS)
def test_corridor_values_are_refused_with_the_reason(fmt, store):
    # 10.c.1 SI_RMT_COST_BC from Australia (to Thailand …): one value per partner and year, which the DSD could
    # only key by sender and year.
    corridors = observations(ObservationQuery(series=["SI_RMT_COST_BC"], areas=["AUS"]))
    count = corridors.count()
    assert count >= 6
    with (
        translation.override("en"),
        pytest.raises(sdmx.SdmxRefused, match=rf"no dimension for the corridor partner .* {count} corridor value"),
    ):
        exporter_for(fmt)(corridors).render()
    totals = observations(ObservationQuery(series=["SI_RMT_COST_BC"], dimensions={"counterpart_area": ["_T"]}))
    assert exporter_for(fmt)(totals).render().read()  # what the DSD can carry is written
    with pytest.raises(CommandError, match="COUNTERPART_AREA"):
        call_command("export_observations", series=["SI_RMT_COST_BC"], fmt=fmt, stdout=StringIO())
    with (
        translation.override("fr"),
        pytest.raises(sdmx.SdmxRefused, match="n’a pas de dimension pour le pays partenaire"),
    ):
        exporter_for(fmt)(corridors).render()


@pytest.fixture
def groupings(areas, series, source_file):
    made = {}
    for desa, name in (
        (1503, "High-income countries"),
        (1829, "Europe and Northern America"),
        (901, "More developed regions"),
    ):
        made[desa] = _area(f"desa-{desa}", AreaKind.GROUPING, name, desa_code=desa)
    # International migrant stock, mid-2024 (UN DESA 2024, Table 1, both sexes).
    items = [
        record("MIGSTOCK", "1503", "2024", "199081732", kind="desa", row=2),
        record("MIGSTOCK", "1829", "2024", "155259380", kind="desa", row=3),
        record("MIGSTOCK", "901", "2024", "168248302", kind="desa", row=4),
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    return made


def test_sdmx_ml_refuses_series_outside_the_dsd(groupings):
    with translation.override("en"), pytest.raises(sdmx.SdmxRefused, match="MIGSTOCK is not a series of the global"):
        exporter_for("sdmx-ml")(observations(ObservationQuery(series=["MIGSTOCK"]))).render()


@pytest.mark.parametrize("fmt", ["sdmx-csv"])
def test_desa_groupings_are_written_as_codes_and_read_back(fmt, groupings, tmp_path):
    selected = observations(ObservationQuery(series=["MIGSTOCK"]))
    content = exporter_for(fmt)(selected).render().read()
    read = read_with_sdmx1(content, fmt, tmp_path)
    # The SDG grouping of the same name in CL_AREA; else DESA's code, prefixed: CL_AREA's 901 is "Africa (ILO)".
    assert {key[3]: value for key, (value, _) in read.items()} == {
        "DESA_1503": 199081732,
        "513": 155259380,
        "DESA_901": 168248302,
    }
    before = sorted(Observation.objects.values_list("area__code", "value"))
    path = tmp_path / f"again.{'xml' if fmt == 'sdmx-ml' else 'csv'}"
    path.write_bytes(content)
    Observation.objects.all().delete()
    result = release_import(source=FileSource(path))
    assert result.added == 3 and sorted(Observation.objects.values_list("area__code", "value")) == before


def test_sdmx_csv_has_the_dsd_key_columns_and_a_missing_value_is_marked(areas, series, source_file):
    release_import(source=FileSource(source_file(), ListReader([record("SM_DTH_MIGR", "Greece", "2016", None)])))
    rows = list(
        csv.DictReader(io.StringIO(exporter_for("sdmx-csv")(Observation.objects.all()).render().read().decode()))
    )
    assert list(rows[0])[3:19] == [*sdmx.KEY, "TIME_PERIOD"]
    assert (rows[0]["OBS_VALUE"], rows[0]["OBS_STATUS"], rows[0]["REF_AREA"]) == ("", "M", "300")


def test_cli_writes_sdmx_ml(store, tmp_path):
    out = tmp_path / "deaths.xml"
    call_command(
        "export_observations", series=["SM_DTH_MIGR"], area=["GRC"], fmt="sdmx-ml", output=str(out), stderr=StringIO()
    )
    root = etree.fromstring(out.read_bytes())
    values = {obs.get("TIME_PERIOD"): obs.get("OBS_VALUE") for obs in root.iter("Obs")}
    assert values["2016"] == "548"


def test_the_export_of_real_un_data_passes_the_pre_submission_check(store):
    # Every breakdown of the real 8.8.1, 10.7.3 and 17.3.2 rows is allowed by the series' content constraint,
    # every code is in its codelist and every mandatory attribute is written: nothing to report.
    selected = observations(ObservationQuery(series=["SL_EMP_INJUR", "SM_DTH_MIGR", "BX_TRF_PWKR"]))
    assert selected.count() > 300 and selection_check(selected) == []
    corridors = selection_check(observations(ObservationQuery(series=["SI_RMT_COST_BC"])))
    assert corridors and {p["component"] for p in corridors} == {"COUNTERPART_AREA"}


@pytest.mark.parametrize("fmt", SDMX_FORMATS)
def test_a_national_and_a_global_value_of_one_key_are_two_sdmx_keys(fmt, areas, series, source_file, tmp_path):
    # Kazakhstan 17.3.2, 2020: 0.22 on the national platform, 0.21884 in the UN database
    # (data/sdg-sdmx-samples/PROVENANCE.md): both kept, both written, told apart by REPORTING_TYPE.
    _area("KAZ", AreaKind.COUNTRY, "Kazakhstan", m49="398", iso2="KZ", iso3="KAZ", desa_code=398)
    Series.objects.create(code="BX_TRF_PWKR", name_en="Remittances as a proportion of GDP", unit="PT")
    items = [
        record("BX_TRF_PWKR", "KAZ", "2020", "0.21884", kind="iso3", row=2),
        record("BX_TRF_PWKR", "KAZ", "2020", "0.22", kind="iso3", row=3, reporting_type="N"),
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    content = exporter_for(fmt)(observations(ObservationQuery(series=["BX_TRF_PWKR"]))).render().read()
    read = read_with_sdmx1(content, fmt, tmp_path)
    assert {key[1]: value for key, (value, _) in read.items()} == {"G": 0.21884, "N": 0.22}

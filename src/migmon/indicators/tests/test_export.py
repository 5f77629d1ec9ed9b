"""Exports: each format re-imports to identical observations (property-based), and looks as documented."""

from __future__ import annotations

import codecs
import csv
import io
import json
import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migmon.importers.records import NATURE_CODES, ObservationRecord, SourceLocation, dimensions_from
from migmon.indicators import vocabulary
from migmon.indicators.exporters import EXPORTERS, SDMX_COLUMNS, TIDY_COLUMNS, exporter_for, format_value
from migmon.indicators.models import Observation, Release
from migmon.indicators.selectors import observations_for
from migmon.indicators.services import FileSource, release_import, release_rollback

from .conftest import AREAS, SERIES, ListReader, record

pytestmark = pytest.mark.django_db

AREA_CODES = {code: (m49, iso3, name) for code, _, m49, _, iso3, _, name in AREAS}
#: Two real codes per dimension, from the codelists of the SDG DSD 1.14 and the content constraints
#: (data/sdg-dsd, data/sdg-series-codes); counterpart areas in each kind a file may give them.
DIMENSION_CHOICES = {
    "SEX": ["F", "M"],
    "AGE": ["Y0T17", "Y_GE18"],
    "URBANISATION": ["U", "R"],
    "INCOME_WEALTH_QUANTILE": ["Q1", "Q5"],
    "EDUCATION_LEV": ["ISCED11_1", "ISCED11_02"],
    "OCCUPATION": ["ISCO08_2261", "ISCO08_221"],
    "CUST_BREAKDOWN": ["C01", "C02"],
    "COMPOSITE_BREAKDOWN": ["MS_MIGRANT", "MS_NOMIGRANT", "PD_3"],
    "DISABILITY_STATUS": ["PD", "PWD"],
    "ACTIVITY": ["ISIC4_C"],
    "PRODUCT": ["MF1", "MF2"],
    "COUNTERPART_AREA": ["iso2:TH", "name:Greece", "m49:276"],
}
text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=25).map(str.strip)


#: The SDMX formats refuse corridor values (the SDG DSD has no dimension for the partner), SDMX-ML migmon's own
#: UN DESA series (not in CL_SERIES); see test_sdmx_export.
SDMX_FORMATS = ("sdmx-csv", "sdmx-ml")


@st.composite
def observations(draw, *, counterparts: bool = True, dsd_series: bool = False) -> list[ObservationRecord]:
    names = sorted(name for name in DIMENSION_CHOICES if counterparts or name != "COUNTERPART_AREA")
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from([code for code, *_ in SERIES if not dsd_series or not code.startswith("MIGSTOCK")]),
                st.sampled_from(sorted(AREA_CODES)),
                st.one_of(
                    st.integers(1990, 2030).map(str),
                    st.tuples(st.integers(1990, 2030), st.sampled_from(["-Q1", "-Q4", "-03", "-S2"])).map(
                        lambda p: f"{p[0]}{p[1]}"
                    ),
                ),
                st.sets(st.sampled_from(names), max_size=4),
            ),
            min_size=1,
            max_size=25,
            unique_by=lambda k: (k[0], k[1], k[2], tuple(sorted(k[3]))),
        )
    )
    keys = [
        (s, a, p, {name: draw(st.sampled_from(DIMENSION_CHOICES[name])) for name in names}) for s, a, p, names in keys
    ]
    made = []
    for row, (series, area, period, dimensions) in enumerate(keys, start=2):
        m49, iso3, name = AREA_CODES[area]
        kind, value = draw(st.sampled_from([("m49", m49), ("name", name)] + ([("iso3", iso3)] if iso3 else [])))
        number = draw(
            st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**9), 10**12))
        )
        made.append(
            ObservationRecord(
                series=series,
                area=value,
                area_kind=kind,
                period=period,
                value=None if number is None else Decimal(repr(number)),
                location=SourceLocation("generated.csv", row),
                unit=draw(st.sampled_from([None, "NUMBER", "PT", "PER_100000_EMP"])),
                unit_multiplier=draw(st.integers(-2, 9)),
                dimensions=dimensions_from(dimensions.items()),
                nature=draw(st.one_of(st.none(), st.sampled_from(sorted(NATURE_CODES)))),
                footnote=draw(text) or None,
                source=draw(text) or None,
            )
        )
    return made


def snapshot() -> list[tuple]:
    return sorted(
        Observation.objects.values_list(
            "series__code",
            "area__code",
            "period",
            "year",
            "dimensions__key",
            "value",
            "unit",
            "unit_multiplier",
            "nature",
            "footnote",
            "source",
        )
    )


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_exports_reimport_to_identical_observations(fmt, data, areas, series, tmp_path):
    records = data.draw(observations(counterparts=fmt not in SDMX_FORMATS, dsd_series=fmt == "sdmx-ml"))
    with transaction.atomic():
        source = tmp_path / f"{uuid.uuid4()}.csv"
        source.write_text("generated")
        release = release_import(source=FileSource(source, ListReader(records))).release
        before = snapshot()
        exported = exporter_for(fmt)(observations_for(series=list(series))).render()
        path = tmp_path / f"{uuid.uuid4()}-{exported.filename}"
        path.write_bytes(exported.read())
        release_rollback(release=release)
        assert not Observation.objects.exists()

        result = release_import(source=FileSource(path))  # format detected from the content

        assert result.added == len(records) and result.rejected == 0
        assert snapshot() == before
        transaction.set_rollback(True)


def test_the_round_trip_draws_every_dimension_of_the_vocabulary():
    assert set(DIMENSION_CHOICES) == set(vocabulary.CODES)


@pytest.mark.parametrize("fmt", ["csv", "json", "sdmx-csv"])
def test_every_exporter_writes_every_dimension(fmt, areas, series, source_file):
    # One observation carrying every dimension at once (all but the corridor partner in SDMX, which refuses it):
    # each must come out under its own name.
    dimensions = {name: codes[0] for name, codes in DIMENSION_CHOICES.items()}
    if fmt in SDMX_FORMATS:
        del dimensions["COUNTERPART_AREA"]
    item = record("SM_DTH_MIGR", "Greece", "2016", "2", dimensions=dimensions_from(dimensions.items()))
    release_import(source=FileSource(source_file(), ListReader([item])))
    content = exporter_for(fmt)(observations_for(series="SM_DTH_MIGR")).render().read().decode("utf-8-sig")
    if fmt == "json":
        written = json.loads(content)["observations"][0]["dimensions"]
    else:
        written = next(csv.DictReader(io.StringIO(content)))
    for name in dimensions:
        assert written.get(name), f"{fmt} export lost {name}"
    if fmt not in SDMX_FORMATS:
        assert written["COUNTERPART_AREA"] == {"csv": "THA", "json": "iso3:THA"}[fmt]
    assert {name: written[name] for name in vocabulary.DSD_CODES} == {
        name: dimensions[name] for name in vocabulary.DSD_CODES
    }


def test_csv_has_the_tidy_template_columns_and_real_values(areas, series, source_file):
    # MIGSTOCK Libya 2024 = 897,751 (DESA 2024, data/undesa-migrant-stock-2024/PROVENANCE.md).
    release_import(
        source=FileSource(source_file(), ListReader([record("MIGSTOCK", "434", "2024", "897751", kind="m49")]))
    )
    with translation.override("en"):  # names in the language of the page the download is asked from
        exported = exporter_for("csv")(observations_for(series="MIGSTOCK"), name="migstock").render()
    assert (exported.filename, exported.media_type) == ("migstock.csv", "text/csv; charset=utf-8")
    content = exported.read()
    assert content.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 names right only after a byte-order mark
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == TIDY_COLUMNS
    assert (rows[0]["series"], rows[0]["area"], rows[0]["area_kind"], rows[0]["area_name"], rows[0]["value"]) == (
        "MIGSTOCK",
        "LBY",
        "iso3",
        "Libya",
        "897751",
    )
    release = Release.objects.get(pk=int(rows[0]["release"]))
    assert rows[0]["release_date"] == release.imported_at.date().isoformat()


def test_csv_columns_are_the_same_for_every_series(areas, series, source_file):
    items = [
        record("MIGSTOCK", "434", "2024", "897751", kind="m49"),
        record("SI_RMT_COST_BC", "Australia", "2016", "11.32662", dimensions=(("COUNTERPART_AREA", "iso2:TH"),)),
    ]
    release_import(source=FileSource(source_file(), ListReader(items)))
    headers = set()
    for code in ("MIGSTOCK", "SI_RMT_COST_BC"):
        text = exporter_for("csv")(observations_for(series=code)).render().read().decode("utf-8-sig")
        headers.add(text.splitlines()[0])
    assert headers == {",".join(TIDY_COLUMNS)}


def test_template_header_matches_the_tidy_reader_template():
    from migmon.importers.tidy_csv import TEMPLATE

    template_header = TEMPLATE.read_text().splitlines()[0].split(",")
    assert set(template_header) <= set(TIDY_COLUMNS)


def test_sdmx_csv_header_and_totals(areas, series, source_file):
    # Australia 10.c.1 corridor total (no partner) 2016: 11.32662 is the Thailand corridor's real figure, here
    # as a value without partner so that the DSD can carry it.
    items = [record("SI_RMT_COST_BC", "Australia", "2016", "11.32662")]
    release_import(source=FileSource(source_file(), ListReader(items)))
    exported = exporter_for("sdmx-csv")(observations_for(series="SI_RMT_COST_BC")).render()
    content = exported.read()
    assert not content.startswith(codecs.BOM_UTF8)  # SDMX tools (sdmx1) refuse a byte-order mark
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert tuple(rows[0]) == SDMX_COLUMNS and exported.filename == "observations.sdmx.csv"
    row = rows[0]
    assert (row["STRUCTURE"], row["STRUCTURE_ID"], row["ACTION"], row["FREQ"], row["REPORTING_TYPE"]) == (
        "datastructure",
        "IAEG-SDGs:SDG(1.14)",
        "I",
        "A",
        "G",
    )
    assert (row["REF_AREA"], row["SEX"], row["OBS_VALUE"]) == ("36", "_T", "11.32662")
    assert (row["UNIT_MEASURE"], row["UNIT_MULT"], row["OBS_STATUS"]) == ("PT", "0", "A")


def test_json_document(areas, series, source_file):
    release_import(
        source=FileSource(source_file(), ListReader([record("MIGSTOCK", "900", "2020", "275284032", kind="desa")]))
    )
    document = json.loads(exporter_for("json")(observations_for(series="MIGSTOCK")).render().read())
    assert document["format"] == "migmon-observations"
    (item,) = document["observations"]
    assert (item["area"], item["area_kind"], item["value"], item["dimensions"]) == ("001", "m49", 275284032, {})


@pytest.mark.parametrize("value", [0.1, 1e-05, 2.5e16, -3.0, 280598105.0, 1 / 3])
def test_values_are_written_so_they_read_back_exactly(value):
    assert float(Decimal(format_value(value))) == value


def test_an_unknown_format_names_the_choices():
    with pytest.raises(KeyError, match="csv, json, sdmx-csv, sdmx-ml"):
        exporter_for("xlsx")

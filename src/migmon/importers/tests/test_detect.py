"""Format detection from content: every real file finds its reader, renamed files too, strangers get a reason."""

from __future__ import annotations

import gzip
import shutil

import pytest
from openpyxl import Workbook

from migmon.importers.detect import READERS, reader_for
from migmon.importers.errors import UnreadableFile
from migmon.importers.open_sdg_csv import OpenSdgCsvReader
from migmon.importers.sdmx_ml import SdmxMlReader
from migmon.importers.tidy_csv import TEMPLATE, TidyCsvReader
from migmon.importers.undesa_od_csv import UndesaOdCsvReader
from migmon.importers.undesa_xlsx import UndesaXlsxReader

REAL = [
    ("sdg-indicators-open-sdg-eca/indicator_10-7-3.csv", OpenSdgCsvReader, "un-sdg-global-database"),
    ("sdg-indicators-open-sdg-eca/indicator_10-c-1-SI_RMT_COST_BC.csv", OpenSdgCsvReader, "un-sdg-global-database"),
    ("sdg-sdmx-samples/kazakhstan/sdmx_17-3-2.xml", SdmxMlReader, "sdmx-sdg"),
    ("sdg-sdmx-samples/kazakhstan/sdmx_10-7-2.xml", SdmxMlReader, "sdmx-sdg"),
    (
        "undesa-migrant-stock-2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        UndesaXlsxReader,
        "undesa-ims-2020",
    ),
    (
        "undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        UndesaXlsxReader,
        "undesa-ims-2024",
    ),
    ("undesa-migrant-stock-2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx", UndesaXlsxReader, "undesa-ims-2024"),
    (
        "undesa-migrant-stock-od-2019-clean/UN_MigrantStockByOriginAndDestination_2019_clean.csv",
        UndesaOdCsvReader,
        "undesa-ims-od-2019",
    ),
]


@pytest.mark.parametrize(("name", "cls", "dataset"), REAL)
def test_real_files_find_their_reader(data_dir, name, cls, dataset):
    reader = reader_for(data_dir / name)
    assert type(reader) is cls
    assert reader.dataset == dataset


@pytest.mark.parametrize(("name", "cls", "dataset"), REAL)
def test_detection_ignores_the_file_name(data_dir, tmp_path, name, cls, dataset):
    renamed = tmp_path / "upload.bin"
    shutil.copyfile(data_dir / name, renamed)
    assert type(reader_for(renamed)) is cls


def test_template_is_a_tidy_csv():
    assert type(reader_for(TEMPLATE)) is TidyCsvReader


def test_gzip_compressed_csv_is_detected_and_read(data_dir, tmp_path):
    path = tmp_path / "indicator_10-7-3.csv.gz"
    path.write_bytes(gzip.compress((data_dir / "sdg-indicators-open-sdg-eca/indicator_10-7-3.csv").read_bytes()))
    reader = reader_for(path)
    assert type(reader) is OpenSdgCsvReader
    assert len(list(reader.read(path))) == 181


def test_unknown_csv_names_its_columns(data_dir):
    with pytest.raises(UnreadableFile) as caught:
        reader_for(data_dir / "gcm-objectives/gcm_objectives.csv")
    assert str(caught.value) == (
        "gcm_objectives.csv: CSV with columns objective, title_en, short_label_en, short_label_fr, title_fr, "
        "title_fr_source, hub_term_id, note: not a known layout (see src/migmon/importers/README.md)"
    )


def test_unknown_workbook_names_its_sheets(tmp_path):
    workbook = Workbook()
    workbook.active.title = "Feuil1"
    workbook.active.append(["Pays", "Valeur"])
    workbook.save(tmp_path / "book.xlsx")
    with pytest.raises(UnreadableFile, match=r"book.xlsx: XLSX workbook of no known format \(sheets: Feuil1\)"):
        reader_for(tmp_path / "book.xlsx")


def test_other_xml_and_json_are_named(tmp_path):
    (tmp_path / "a.xml").write_text("<rss><channel/></rss>", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"type": "FeatureCollection"}', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="XML that is not an SDMX-ML 2.1 StructureSpecificData message"):
        reader_for(tmp_path / "a.xml")
    with pytest.raises(UnreadableFile, match="JSON document of no known format"):
        reader_for(tmp_path / "b.json")


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="nothing.csv: no such file"):
        reader_for(tmp_path / "nothing.csv")


def test_every_reader_is_registered_and_described():
    classes = READERS
    assert {OpenSdgCsvReader, SdmxMlReader, UndesaXlsxReader, UndesaOdCsvReader, TidyCsvReader} <= set(classes)
    for cls in classes:
        assert cls.format_name and cls.dataset and cls.source_organisation and cls.version

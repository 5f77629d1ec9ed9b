"""Which reader reads a file: decided from its content (first bytes, or sheet names and titles), not its name.

Each reader's ``sniff`` sees the first :data:`~migmon.importers.base.HEAD_SIZE` bytes (decompressed for ``.gz``);
for XLSX workbooks each ``sniff_workbook`` sees the sheet names and the first rows of every sheet. The first
reader that recognises the file wins; when none does, :class:`UnreadableFile` says what the file looked like.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path

from . import limits
from .base import HEAD_SIZE, Reader, WorkbookPeek
from .csv_source import binary_reason, sniff_header, text_encoding
from .errors import UnreadableFile
from .migmon_json import MigmonJsonReader
from .missing_migrants import READERS as MISSING_MIGRANTS_FORMATS
from .missing_migrants import IncidentFile, IncidentReader
from .national_open_sdg import NationalOpenSdgCsvReader
from .open_sdg_csv import OpenSdgCsvReader
from .options import NO_OPTIONS, ReadOptions
from .sdmx_csv import SdmxCsvReader
from .sdmx_ml import SdmxMlReader
from .shown import EXCERPT_CHARS, excerpt
from .tidy_csv import TidyCsvReader
from .undesa_od_csv import UndesaOdCsvReader
from .undesa_xlsx import UndesaXlsxReader

#: Every observation reader, in trial order: **the one place a new format is registered.** The first whose
#: ``sniff`` (text) or ``sniff_workbook`` (XLSX) recognises a file reads it. The more specific layouts come
#: before the generic tidy CSV, whose header rule (``series`` and ``period``) other CSV layouts could meet.
READERS: tuple[type[Reader], ...] = (
    OpenSdgCsvReader,
    NationalOpenSdgCsvReader,
    UndesaOdCsvReader,
    SdmxCsvReader,
    MigmonJsonReader,
    TidyCsvReader,
    SdmxMlReader,
    UndesaXlsxReader,
)
PEEK_ROWS, PEEK_COLUMNS, PEEK_SHEETS = 12, 40, 12

#: The IOM Missing Migrants formats (allData XLSX, website CSV export, API JSON): their files hold incidents,
#: which go to the incidents register rather than the statistics store. ``migmon import`` asks
#: :func:`missing_migrants_reader_for` first, then :func:`reader_for`: one command, both kinds of file.
MISSING_MIGRANTS_READERS: tuple[type[IncidentReader], ...] = MISSING_MIGRANTS_FORMATS


def reader_for(path: str | Path, options: ReadOptions = NO_OPTIONS) -> Reader:
    """The reader for one file, configured for it (e.g. the UN DESA edition) and for the importer's options
    (``--area``, ``--series``), or UnreadableFile saying why not."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(path, "no such file")
    with path.open("rb") as raw:
        head = raw.read(HEAD_SIZE)
    if not head:
        raise UnreadableFile(path, "empty file (0 bytes): nothing to import")
    filename = path.name
    if head.startswith(b"\x1f\x8b"):
        head, filename = _gunzip_head(path), filename.removesuffix(".gz")
    if head.startswith(b"PK\x03\x04"):
        peek = _peek_workbook(path)
        for cls in READERS:
            if cls.sniff_workbook(peek, filename):
                return cls.for_file(path, head, peek, options)
        raise UnreadableFile(
            path, f"XLSX workbook of no known format (sheets: {excerpt(', '.join(peek.sheet_names)) or 'none'})"
        )
    for cls in READERS:
        if cls.sniff(head, filename):
            return cls.for_file(path, head, None, options)
    raise UnreadableFile(path, _why_unknown(head))


def missing_migrants_reader_for(path: str | Path) -> IncidentReader | None:
    """The Missing Migrants reader for a file, recognised from its content; None for any other file."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(path, "no such file")
    with path.open("rb") as raw:
        head = raw.read(HEAD_SIZE)
    if not head:
        return None
    filename = path.name
    if head.startswith(b"\x1f\x8b"):
        head, filename = _gunzip_head(path), filename.removesuffix(".gz")
    if head.startswith(b"PK\x03\x04"):
        peek = _peek_workbook(path)
        found = next((cls for cls in MISSING_MIGRANTS_READERS if cls.sniff_workbook(peek)), None)
    else:
        found = next((cls for cls in MISSING_MIGRANTS_READERS if cls.sniff(head, filename)), None)
    return found() if found is not None else None


def missing_migrants_reader(path: str | Path) -> IncidentReader:
    """The Missing Migrants reader for a file, or UnreadableFile when it is no Missing Migrants export."""
    reader = missing_migrants_reader_for(path)
    if reader is None:
        known = "the allData XLSX, the website CSV export or the API JSON"
        raise UnreadableFile(Path(path), f"not a Missing Migrants file ({known})")
    return reader


def read_incidents(path: str | Path) -> IncidentFile:
    """Read one Missing Migrants file with the reader its content calls for."""
    return missing_migrants_reader(path).read(path)


def _gunzip_head(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as unzipped:
            return unzipped.read(HEAD_SIZE)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableFile(path, f"damaged gzip file ({exc})") from None


def _peek_workbook(path: Path) -> WorkbookPeek:
    from openpyxl import load_workbook  # only workbooks pay for importing openpyxl

    with path.open("rb") as handle:  # a file object: openpyxl would refuse a path not ending in .xlsx
        try:
            with zipfile.ZipFile(handle) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise UnreadableFile(path, "ZIP archive that is not an XLSX workbook")
                limits.check_workbook(path, archive)
            handle.seek(0)
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UnreadableFile(path, f"damaged ZIP/XLSX file ({exc})") from None
        try:
            names = tuple(workbook.sheetnames)
            rows = {
                name: tuple(workbook[name].iter_rows(max_row=PEEK_ROWS, max_col=PEEK_COLUMNS, values_only=True))
                for name in names[:PEEK_SHEETS]
            }
        finally:
            workbook.close()
    return WorkbookPeek(names, rows)


def _why_unknown(head: bytes) -> str:
    encoding, _ = text_encoding(head)
    binary = binary_reason(head, encoding)
    if binary:
        return binary
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return "empty file (only a byte-order mark or blank lines): no header row"
    if stripped.startswith((b"{", b"[")):
        return "JSON document of no known format"
    if stripped.startswith(b"<"):
        return "XML that is not an SDMX-ML 2.1 StructureSpecificData message"
    header = sniff_header(head)
    if header:
        shown = excerpt(", ".join(header), EXCERPT_CHARS)
        return f"CSV with columns {shown}: not a known layout (see src/migmon/importers/README.md)"
    return "not a recognised format (no header line)"

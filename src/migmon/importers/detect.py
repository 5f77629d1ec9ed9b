"""Which reader reads a file: decided from its content (first bytes, or sheet names and titles), not its name.

Each reader's ``sniff`` sees the first :data:`~migmon.importers.base.HEAD_SIZE` bytes (decompressed for ``.gz``);
for XLSX workbooks each ``sniff_workbook`` sees the sheet names and the first rows of every sheet. The first
reader that recognises the file wins; when none does, :class:`UnreadableFile` says what the file looked like.
"""

from __future__ import annotations

import gzip
import importlib
import inspect
import zipfile
import zlib
from pathlib import Path

from .base import HEAD_SIZE, Reader, WorkbookPeek
from .csv_source import binary_reason, sniff_header, text_encoding
from .errors import UnreadableFile

#: Reader modules, tried in this order. The optional ones are written alongside (incidents, export) and may be absent.
READER_MODULES = (
    "open_sdg_csv",
    "undesa_od_csv",
    "sdmx_csv",
    "migmon_json",
    "tidy_csv",
    "sdmx_ml",
    "undesa_xlsx",
    "missing_migrants",
)
_OPTIONAL = frozenset({"missing_migrants", "sdmx_csv", "migmon_json"})
PEEK_ROWS, PEEK_COLUMNS, PEEK_SHEETS = 12, 40, 12


def reader_classes() -> list[type[Reader]]:
    """The concrete reader classes of every reader module, in trial order."""
    classes: list[type[Reader]] = []
    for name in READER_MODULES:
        qualified = f"{__package__}.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if name in _OPTIONAL and exc.name == qualified:
                continue
            raise
        classes.extend(
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj)
            and issubclass(obj, Reader)
            and obj.__module__ == qualified
            and not inspect.isabstract(obj)
        )
    return classes


def reader_for(path: str | Path) -> Reader:
    """The reader for one file, configured for it (e.g. the UN DESA edition), or UnreadableFile saying why not."""
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
        for cls in reader_classes():
            if cls.sniff_workbook(peek, filename):
                return cls.for_file(path, head, peek)
        raise UnreadableFile(
            path, f"XLSX workbook of no known format (sheets: {', '.join(peek.sheet_names) or 'none'})"
        )
    for cls in reader_classes():
        if cls.sniff(head, filename):
            return cls.for_file(path, head, None)
    raise UnreadableFile(path, _why_unknown(head))


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
        shown = ", ".join(name[:40] for name in header[:8]) + (", …" if len(header) > 8 else "")
        return f"CSV with columns {shown}: not a known layout (see src/migmon/importers/README.md)"
    return "not a recognised format (no header line)"

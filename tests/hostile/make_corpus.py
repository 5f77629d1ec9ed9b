"""Write the hostile corpus of issue 16 into a folder: files built to crash, stall or exhaust an importer.

Nothing here is committed as data: every file is generated, streaming, at the size asked for, so that the tests
can make small ones against small limits (``tests/hostile/test_hostile_files.py``) and an operator can make the
full-size set by hand (``python tests/hostile/make_corpus.py OUT --scale 1``) to try a deployment's limits.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
#: A real Open SDG header: the one-line CSV and the wide row start as a file a reader accepts.
OPEN_SDG_HEADER = "Year,SeriesCode,GeoAreaName,Value"


def cr_only_csv(folder: Path, scale: float) -> Path:
    """A tidy CSV whose lines end with a lone carriage return (classic Mac OS): one endless 'line'."""
    path = folder / "cr_only.csv"
    rows = ["series,area,period,value", *[f"SM_DTH_MIGR,GRC,{2000 + n % 20},{n}" for n in range(200)]]
    path.write_bytes("\r".join(rows).encode() + b"\r")
    return path


def fake_workbook(folder: Path, scale: float) -> Path:
    """A ZIP named .xlsx that holds no workbook part, only a text file."""
    path = folder / "fake_workbook.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "this is not XML")
    return path


def nested_json_arrays(folder: Path, scale: float) -> Path:
    """A migmon JSON export whose observations hold arrays nested 100,000 deep."""
    path = folder / "nested_arrays.json"
    depth = 100_000
    path.write_text('{"format": "migmon-observations", "observations": ' + "[" * depth + "]" * depth + "}")
    return path


def nested_json_objects(folder: Path, scale: float) -> Path:
    """A migmon JSON export whose first observation is an object nested 100,000 deep."""
    path = folder / "nested_objects.json"
    depth = 100_000
    inner = '{"a": ' * depth + "1" + "}" * depth
    path.write_text('{"format": "migmon-observations", "observations": [' + inner + "]}")
    return path


def million_fields_row(folder: Path, scale: float) -> Path:
    """An Open SDG CSV whose second line has 10^6 fields."""
    path = folder / "million_fields.csv"
    with path.open("w") as out:
        out.write(OPEN_SDG_HEADER + "\n")
        out.write("2020,SM_DTH_MIGR,Greece," + ",".join("1" for _ in range(1_000_000)) + "\n")
    return path


def _workbook(path: Path, shared_strings: Callable[[io.RawIOBase], None] | bytes, sheet: bytes) -> None:
    """A minimal XLSX whose shared-strings part is written by ``shared_strings`` (streamed into the ZIP)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Table 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if isinstance(shared_strings, bytes):
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        else:
            with archive.open("xl/sharedStrings.xml", "w") as member:
                shared_strings(member)


_MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_ONE_CELL_SHEET = b'<?xml version="1.0"?><worksheet ' + _MAIN + b'><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
_ONE_CELL_SHEET += b"</row></sheetData></worksheet>"


def shared_strings_bomb(folder: Path, scale: float) -> Path:
    """An XLSX whose shared-strings part holds millions of tiny strings (a few MB zipped, a list of millions)."""
    path = folder / "shared_strings_bomb.xlsx"
    count = int(5_000_000 * scale)

    def write(member: io.RawIOBase) -> None:
        member.write(b'<?xml version="1.0"?><sst ' + _MAIN + b">")
        block = b"<si><t>x</t></si>" * 10_000
        for _ in range(max(1, count // 10_000)):
            member.write(block)
        member.write(b"</sst>")

    _workbook(path, write, _ONE_CELL_SHEET)
    return path


def zip_bomb_xlsx(folder: Path, scale: float) -> Path:
    """An XLSX whose worksheet inflates from a few MB to gigabytes (one cell, then blank rows)."""
    path = folder / "zip_bomb.xlsx"
    size = int(6000 * MB * scale)
    shared = (
        b'<?xml version="1.0"?><sst ' + _MAIN + b"><si><t>International Migrant Stock 2024: Destination</t></si></sst>"
    )
    _bomb_workbook(path, shared, size)
    return path


def _bomb_workbook(path: Path, shared: bytes, size: int) -> None:
    blank = b" " * MB
    head = b'<?xml version="1.0"?><worksheet ' + _MAIN + b'><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'

    def parts(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(size // MB):
                member.write(blank)
            member.write(b"</sheetData></worksheet>")

    _workbook_with(path, shared, parts)


def _workbook_with(path: Path, shared: bytes, sheet_writer: Callable[[zipfile.ZipFile], None]) -> None:
    tmp = path.with_suffix(".part")
    _workbook(tmp, shared, _ONE_CELL_SHEET)
    with zipfile.ZipFile(tmp) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                sheet_writer(out)
            else:
                out.writestr(info.filename, source.read(info.filename))
    tmp.unlink()


def gzip_bomb_csv(folder: Path, scale: float) -> Path:
    """A .csv.gz of a valid tidy header then gigabytes of line feeds."""
    path = folder / "bomb_lines.csv.gz"
    _gzip_stream(path, b"series,area,period,value\n", b"\n" * MB, int(4000 * scale))
    return path


def gzip_bomb_one_line(folder: Path, scale: float) -> Path:
    """A .csv.gz of a valid tidy header then one line of gigabytes of zeros (no line feed)."""
    path = folder / "bomb_one_line.csv.gz"
    _gzip_stream(path, b"series,area,period,value\n", b"0" * MB, int(4000 * scale))
    return path


def _gzip_stream(path: Path, head: bytes, block: bytes, blocks: int) -> None:
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head)
        for _ in range(max(1, blocks)):
            out.write(block)


def one_line_csv(folder: Path, scale: float) -> Path:
    """An Open SDG CSV whose single data line is 200 MB long (no line feed until the end)."""
    path = folder / "one_line.csv"
    with path.open("wb") as out:
        out.write(OPEN_SDG_HEADER.encode() + b"\n2020,SM_DTH_MIGR,Greece,")
        block = b"9" * MB
        for _ in range(max(1, int(200 * scale))):
            out.write(block)
        out.write(b"\n")
    return path


def junk_sdmx(folder: Path, scale: float) -> Path:
    """An SDMX-ML message whose data set is 200 MB of unknown elements."""
    path = folder / "junk.xml"
    with path.open("wb") as out:
        out.write(
            b'<?xml version="1.0"?><message:StructureSpecificData '
            b'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
            b'xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">'
            b"<message:DataSet>"
        )
        block = b"<Junk a='x'/>" * 80_000
        for _ in range(max(1, int(200 * scale))):
            out.write(block)
        out.write(b"</message:DataSet></message:StructureSpecificData>")
    return path


def deep_sdmx(folder: Path, scale: float) -> Path:
    """An SDMX-ML message with elements nested 10,000 deep inside a series."""
    path = folder / "deep.xml"
    depth = 10_000
    path.write_bytes(
        b'<?xml version="1.0"?><message:StructureSpecificData '
        b'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><message:DataSet>'
        b'<Series SERIES="SM_DTH_MIGR" REF_AREA="300">'
        + b"<a>" * depth
        + b"</a>" * depth
        + b"</Series></message:DataSet></message:StructureSpecificData>"
    )
    return path


def big_sdmx_element(folder: Path, scale: float) -> Path:
    """An SDMX-ML message whose one observation carries an attribute of 5 MB."""
    path = folder / "big_element.xml"
    value = b"9" * int(5 * MB)
    path.write_bytes(
        b'<?xml version="1.0"?><message:StructureSpecificData '
        b'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><message:DataSet>'
        b'<Series SERIES="SM_DTH_MIGR" REF_AREA="300"><Obs TIME_PERIOD="2020" OBS_VALUE="' + value + b'"/></Series>'
        b"</message:DataSet></message:StructureSpecificData>"
    )
    return path


def markup_name(folder: Path, scale: float) -> Path:
    """A file whose name holds a terminal escape sequence and Rich markup, and whose content is unknown."""
    path = folder / "\x1b[31m[bold red]pwned[blink]\x1b]0;title\x07.csv"
    path.write_text("\x1b[2J[link=https://example.org]click[/link]" + "A" * 5000 + ",b\n1,2\n")
    return path


CASES: dict[str, Callable[[Path, float], Path]] = {
    "cr_only": cr_only_csv,
    "fake_workbook": fake_workbook,
    "nested_json_arrays": nested_json_arrays,
    "nested_json_objects": nested_json_objects,
    "million_fields": million_fields_row,
    "shared_strings_bomb": shared_strings_bomb,
    "zip_bomb_xlsx": zip_bomb_xlsx,
    "gzip_bomb_lines": gzip_bomb_csv,
    "gzip_bomb_one_line": gzip_bomb_one_line,
    "one_line_csv": one_line_csv,
    "junk_sdmx": junk_sdmx,
    "deep_sdmx": deep_sdmx,
    "big_sdmx_element": big_sdmx_element,
    "markup_name": markup_name,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the sizes of issue 16 (GBs once inflated)")
    options = parser.parse_args()
    options.folder.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        sys.stdout.write(f"{name}: {make(options.folder, options.scale)}\n")


if __name__ == "__main__":
    main()

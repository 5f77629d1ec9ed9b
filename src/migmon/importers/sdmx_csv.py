"""SDMX-CSV 2.0 style files against the global SDG DSD, as ``migmon export --format sdmx-csv`` writes them.

Header: ``STRUCTURE, STRUCTURE_ID, ACTION`` then dimension and attribute columns named by their SDMX ids: ``SERIES,
REF_AREA, TIME_PERIOD, OBS_VALUE`` are required; ``FREQ`` is accepted and ignored (the period says it); the SDG DSD
dimensions (``SEX``, ``AGE``, ``COMPOSITE_BREAKDOWN``…, plus ``COUNTERPART_AREA``) use ``_T`` for totals; attributes
``UNIT_MEASURE, UNIT_MULT, NATURE, COMMENT_OBS, SOURCE_DETAIL`` are optional. ``REPORTING_TYPE`` (``G``, ``N`` or
``R``) is optional: without the column every row is global, as in the files migmon exported before it wrote one.
``REF_AREA``/``COUNTERPART_AREA``: digits are M49 codes, two or three capitals ISO codes, anything else a name
(areas without M49 or ISO code, such as UN DESA groupings). ``ACTION`` must be ``I`` (information/merge) or ``A``
(append) — deletions (``D``) are not imported. An empty ``OBS_VALUE`` is a missing value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from migmon.indicators.vocabulary import DEFAULT_REPORTING_TYPE

from .base import Item, Reader
from .csv_source import CsvRow, CsvSource, sniff_header
from .errors import UnreadableFile
from .i18n import gettext_noop
from .records import DIMENSION_NAMES, ObservationRecord, Problem, SourceLocation, dimensions_from, error, warning
from .values import (
    FLOAT_YEAR_RULE,
    ValueRuleError,
    area_kind_of,
    parse_nature,
    parse_number,
    parse_period,
    parse_reporting_type,
    parse_unit_multiplier,
)

REQUIRED = ("STRUCTURE", "STRUCTURE_ID", "SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE")
ATTRIBUTES = (
    "ACTION",
    "FREQ",
    "REPORTING_TYPE",
    "OBS_STATUS",
    "UNIT_MEASURE",
    "UNIT_MULT",
    "NATURE",
    "COMMENT_OBS",
    "SOURCE_DETAIL",
)
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_]*|_[A-Z]")


class SdmxCsvReader(Reader):
    """Reads an SDMX-CSV 2.0 style file of SDG observations."""

    format_name = "sdmx-csv"
    dataset = "sdmx-csv"
    source_organisation = "SDMX-CSV file (see each observation's SOURCE_DETAIL)"
    version = "2"  # 2: a year written 2016.0 is read as 2016 with a warning

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        if not header:
            return False
        return header[0] == "STRUCTURE" and all(name in header for name in REQUIRED)

    def parse(self, path: Path) -> Iterator[Item]:
        source = CsvSource(path, REQUIRED)
        for row in source.rows():
            if isinstance(row, CsvRow):
                unknown = [n for n in source.header if n not in REQUIRED + ATTRIBUTES and n not in DIMENSION_NAMES]
                if unknown:
                    raise UnreadableFile(path, f"unknown column(s) {', '.join(unknown)}", "row 1")
                yield from _row(path.name, dict(zip(source.header, row.cells, strict=True)), row.number)
            else:
                yield row


def _row(file: str, cells: dict[str, str], number: int) -> Iterator[Item]:
    here = SourceLocation(file, number)
    problems: list[Problem] = []
    if cells.get("ACTION", "I") not in {"I", "A", ""}:
        yield error(
            here, "ACTION", cells["ACTION"], gettext_noop("only ACTION I (information) or A (append) can be imported")
        )
        return
    try:
        period, repair = parse_period(cells["TIME_PERIOD"])
        if repair:
            problems.append(warning(here, "TIME_PERIOD", cells["TIME_PERIOD"], FLOAT_YEAR_RULE, year=period))
    except ValueRuleError as exc:
        problems.append(error(here, "TIME_PERIOD", cells["TIME_PERIOD"], exc.rule, **exc.params))
    try:
        value = parse_number(cells["OBS_VALUE"]) if cells["OBS_VALUE"] else None
    except ValueRuleError as exc:
        problems.append(error(here, "OBS_VALUE", cells["OBS_VALUE"], exc.rule, **exc.params))
    multiplier, nature = 0, None
    try:
        multiplier = parse_unit_multiplier(cells.get("UNIT_MULT", ""))
    except ValueRuleError as exc:
        problems.append(error(here, "UNIT_MULT", cells.get("UNIT_MULT"), exc.rule, **exc.params))
    try:
        nature = parse_nature(cells["NATURE"]) if cells.get("NATURE") else None
    except ValueRuleError as exc:
        problems.append(error(here, "NATURE", cells.get("NATURE"), exc.rule, **exc.params))
    reporting_type = DEFAULT_REPORTING_TYPE
    if cells.get("REPORTING_TYPE"):
        try:
            reporting_type = parse_reporting_type(cells["REPORTING_TYPE"], names=False)
        except ValueRuleError as exc:
            problems.append(error(here, "REPORTING_TYPE", cells["REPORTING_TYPE"], exc.rule, **exc.params))
    pairs = []
    for name in sorted(DIMENSION_NAMES & cells.keys()):
        code = cells[name]
        if name == "COUNTERPART_AREA" and code and code != "_T":
            code = ":".join(area_kind_of(code))
        elif code and not _CODE.fullmatch(code):
            problems.append(error(here, name, code, "dimension values are SDG DSD codes such as F, Y_GE18, _T"))
        pairs.append((name, code))
    yield from problems
    if any(problem.severity == "error" for problem in problems):
        return
    area_kind, area = area_kind_of(cells["REF_AREA"])
    yield ObservationRecord(
        series=cells["SERIES"],
        area=area,
        area_kind=area_kind,
        period=period,
        value=value,
        location=here,
        unit=cells.get("UNIT_MEASURE") or None,
        unit_multiplier=multiplier,
        dimensions=dimensions_from(pairs),
        nature=nature,
        footnote=cells.get("COMMENT_OBS") or None,
        source=cells.get("SOURCE_DETAIL") or None,
        reporting_type=reporting_type,
    )

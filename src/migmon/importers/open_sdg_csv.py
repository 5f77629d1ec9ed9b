"""Open SDG "tidy" CSV: ``Year, SeriesCode, GeoAreaName, <disaggregations…>, Value`` (one file per series).

The layout of Open SDG national platforms and of the UN Global SDG Database extracts in
``data/sdg-indicators-open-sdg-eca``. Readable disaggregation labels (``BOTHSEX``, ``18+``, ``MIGPER``,
``DOMAIN3``) are mapped to global SDG DSD codes; a label the reader does not know is an error, never a guess.
Areas are names (``area_kind="name"``); corridor files carry the counterpart as ISO alpha-2.
The values are global (REPORTING_TYPE ``G``: the UN Global SDG Database's) unless a ``REPORTING_TYPE`` or
``Reporting type`` column says otherwise, row by row (``N``, ``National`` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from migmon.indicators.vocabulary import DSD_CODES, GLOBAL

from . import values
from .base import Item, Reader
from .csv_source import CsvRow, CsvSource, sniff_header
from .i18n import gettext_noop
from .records import TOTAL_CODE, ObservationRecord, Problem, SourceLocation, dimensions_from, error, warning
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

_SDMX_CODE = re.compile(r"_[A-Z]|[A-Z][A-Z0-9_]*")

#: Open SDG column → (SDG DSD dimension, label → code, pattern of DSD codes accepted as they are).
DISAGGREGATIONS: dict[str, tuple[str, dict[str, str], re.Pattern[str]]] = {
    "Sex": ("SEX", {"BOTHSEX": TOTAL_CODE, "FEMALE": "F", "MALE": "M"}, re.compile(r"_[A-Z]|[FM]")),
    "Age": (
        "AGE",
        {"ALLAGE": TOTAL_CODE, "18+": "Y_GE18", "<18Y": "Y0T17", "5-14": "Y5T14", "5-17": "Y5T17"},
        re.compile(r"_[A-Z]|Y\d+T\d+|Y_GE\d+|Y_LT\d+|Y\d+"),
    ),
    "Migratory status": (
        "COMPOSITE_BREAKDOWN",
        {"MIGPER": "MS_MIGRANT", "NONMIG": "MS_NOMIGRANT"},
        re.compile(r"_[A-Z]|MS_[A-Z]+"),
    ),
    "Policy Domains": (
        "COMPOSITE_BREAKDOWN",
        {"ALLDOMAINS": TOTAL_CODE} | {f"DOMAIN{n}": f"PD_{n}" for n in range(1, 7)},
        re.compile(r"_[A-Z]|PD_\d+"),
    ),
    "Location": ("URBANISATION", {"ALLAREA": TOTAL_CODE, "URBAN": "U", "RURAL": "R"}, re.compile(r"_[A-Z]|[UR]")),
    "Education level": ("EDUCATION_LEV", {}, _SDMX_CODE),
    "Disability status": ("DISABILITY_STATUS", {}, _SDMX_CODE),
    "Occupation": ("OCCUPATION", {}, _SDMX_CODE),
    "Quantile": ("INCOME_WEALTH_QUANTILE", {}, _SDMX_CODE),
}
#: Columns holding attributes rather than dimensions, by Open SDG or SDMX name.
ATTRIBUTES = {
    "Units": "unit",
    "UNIT_MEASURE": "unit",
    "Unit multiplier": "unit_multiplier",
    "UNIT_MULT": "unit_multiplier",
    "Nature": "nature",
    "NATURE": "nature",
    "Footnote": "footnote",
    "COMMENT_OBS": "footnote",
    "Source": "source",
    "SOURCE_DETAIL": "source",
}
COUNTERPART_COLUMNS = ("Counterpart", "COUNTERPART_AREA")
#: Who reported each row (G, N, R or their names); without the column, every row is global.
REPORTING_TYPE_COLUMNS = ("Reporting type", "REPORTING_TYPE")
REQUIRED = ("Year", "SeriesCode", "GeoAreaName", "Value")
#: Columns named by their SDG DSD dimension (``SEX``…) carry DSD codes as they are: every DSD dimension.
DSD_DIMENSIONS = DSD_CODES


class OpenSdgCsvReader(Reader):
    """Reads one Open SDG CSV file (one SDG series per file, one observation per row)."""

    format_name = "open-sdg-csv"
    dataset = "un-sdg-global-database"
    dataset_name = "UN Global SDG Indicators Database (Open SDG extract)"
    source_organisation = "UN Statistics Division, Global SDG Indicators Database (Open SDG layout)"
    version = "1"

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        return header is not None and "Year" in header and "SeriesCode" in header

    def parse(self, path: Path) -> Iterator[Item]:
        source = CsvSource(path, REQUIRED)
        rows = source.rows()
        first = next(rows, None)  # reading the first row also reads and checks the header
        columns = _Columns(source.header, path.name)
        yield from columns.problems
        if isinstance(first, CsvRow):
            yield from columns.read(first)
        elif first is not None:
            yield first
        for row in rows:
            if isinstance(row, CsvRow):
                yield from columns.read(row)
            else:
                yield row


class _Columns:
    """The header of one file, resolved once, and the per-row conversion it implies."""

    def __init__(self, header: list[str], file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        position = {name: index for index, name in enumerate(header)}
        self.year, self.series, self.area, self.value = (position[name] for name in REQUIRED)
        self.dimensions: list[tuple[int, str, str, dict[str, str], re.Pattern[str]]] = []
        self.attributes: list[tuple[int, str, str]] = []
        self.counterpart: tuple[int, str] | None = None
        self.reporting_type: tuple[int, str] | None = None
        for name, index in position.items():
            if name in REQUIRED:
                continue
            if name in REPORTING_TYPE_COLUMNS:
                self.reporting_type = (index, name)
            elif name in DISAGGREGATIONS:
                self.dimensions.append((index, name, *DISAGGREGATIONS[name]))
            elif name in DSD_DIMENSIONS:
                self.dimensions.append((index, name, name, {}, _SDMX_CODE))
            elif name in ATTRIBUTES:
                self.attributes.append((index, name, ATTRIBUTES[name]))
            elif name in COUNTERPART_COLUMNS:
                self.counterpart = (index, name)
            else:
                self.problems.append(
                    error(
                        SourceLocation(file, 1, name),
                        None,
                        name,
                        gettext_noop(
                            "unknown column: not a known Open SDG disaggregation or attribute, so rows would lose it"
                        ),
                    )
                )

    def read(self, row: CsvRow) -> Iterator[Item]:
        cells = row.cells
        here = SourceLocation(self.file, row.number)
        problems: list[Problem] = []
        period = _period(cells[self.year], here, problems)
        value: Decimal | None = None
        try:
            value = parse_number(cells[self.value])
        except ValueRuleError as exc:
            rule = _NO_MISSING_MARKER.get(exc.rule, exc.rule)
            problems.append(error(here, "Value", cells[self.value], rule, **exc.params))
        series, area = cells[self.series], cells[self.area]
        if not series:
            problems.append(error(here, "SeriesCode", series, gettext_noop("series code is empty")))
        if not area:
            problems.append(error(here, "GeoAreaName", area, gettext_noop("area name is empty")))
        pairs = self._dimension_pairs(cells, here, problems)
        attributes = self._attributes(cells, here, problems)
        reporting_type = GLOBAL
        if self.reporting_type is not None and cells[self.reporting_type[0]]:
            index, column = self.reporting_type
            try:
                reporting_type = parse_reporting_type(cells[index])
            except ValueRuleError as exc:
                problems.append(error(here, column, cells[index], exc.rule, **exc.params))
        if any(problem.severity == "error" for problem in problems):
            yield from problems
            return
        yield from problems
        yield ObservationRecord(
            series=series,
            area=area,
            area_kind="name",
            period=period,
            value=value,
            location=here,
            dimensions=dimensions_from(pairs),
            unit=attributes.get("unit") or None,
            unit_multiplier=int(attributes.get("unit_multiplier") or 0),
            nature=attributes.get("nature") or None,
            footnote=attributes.get("footnote") or None,
            source=attributes.get("source") or None,
            reporting_type=reporting_type,
        )

    def _dimension_pairs(
        self, cells: list[str], here: SourceLocation, problems: list[Problem]
    ) -> list[tuple[str, str]]:
        pairs: dict[str, str] = {}
        for index, column, dimension, labels, accepted in self.dimensions:
            label = cells[index]
            code = labels.get(label, label)
            if label and label not in labels and not accepted.fullmatch(label):
                rule = gettext_noop("unknown %(header)s label; expected one of %(labels)s")
                problems.append(error(here, column, label, rule, header=column, labels=sorted(labels)))
                continue
            if code and code != TOTAL_CODE:
                if dimension in pairs:
                    rule = gettext_noop("two columns give %(dimension)s in the same row")
                    problems.append(error(here, column, label, rule, dimension=dimension))
                pairs[dimension] = code
        if self.counterpart is not None:
            index, column = self.counterpart
            if cells[index]:
                kind, code = area_kind_of(cells[index])
                pairs["COUNTERPART_AREA"] = f"{kind}:{code}"
        return list(pairs.items())

    def _attributes(self, cells: list[str], here: SourceLocation, problems: list[Problem]) -> dict[str, str]:
        found: dict[str, str] = {}
        for index, column, field_name in self.attributes:
            text = cells[index]
            if not text:
                continue
            try:
                if field_name == "nature":
                    text = parse_nature(text)
                elif field_name == "unit_multiplier":
                    text = str(parse_unit_multiplier(text))
            except ValueRuleError as exc:
                problems.append(error(here, column, text, exc.rule, **exc.params))
                continue
            found[field_name] = text
        return found


#: The number rules of :func:`values.parse_number`, as this format states them (it has no missing-value marker).
_NO_MISSING_MARKER = {
    values.NOT_A_NUMBER: gettext_noop("not a number (Open SDG CSV has no missing-value marker: leave such rows out)"),
    values.DECIMAL_COMMA: gettext_noop(
        "decimal comma: write decimals with a full stop (0.5, not 0,5) (Open SDG CSV has no missing-value marker: "
        "leave such rows out)"
    ),
    values.THOUSANDS: gettext_noop(
        "thousands separators are not allowed: write 1234567, not 1,234,567 (Open SDG CSV has no missing-value "
        "marker: leave such rows out)"
    ),
    values.EMPTY_VALUE: gettext_noop(
        "value is empty; this format has no missing-value marker (Open SDG CSV has no missing-value marker: leave "
        "such rows out)"
    ),
}


def _period(text: str, here: SourceLocation, problems: list[Problem]) -> str:
    try:
        period, repair = parse_period(text)
    except ValueRuleError as exc:
        problems.append(error(here, "Year", text, exc.rule, **exc.params))
        return text
    if repair:
        problems.append(warning(here, "Year", text, FLOAT_YEAR_RULE, year=period))
    return period

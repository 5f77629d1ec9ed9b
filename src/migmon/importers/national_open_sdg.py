"""National Open SDG CSV: ``indicator_<g>-<t>-<n>.csv`` as national platforms publish them in their data repository.

A national platform holds one country, so its files have no area column: ``Year``, ``Value`` and optionally
``Units``/``Unit measure``/``UNIT_MEASURE``, ``Series``/``SERIES`` (code or official name), ``Unit multiplier``,
``Observation status``, ``GeoCode``; every other column is a disaggregation. Each rule comes from the global SDG
DSD's own codelists (:mod:`migmon.importers.dsd`), never from a list written here:

* the **area** is the importer's ``--area`` (:class:`~migmon.importers.options.ReadOptions`; ``MIGMON_NATIONAL_AREA``
  by default); without it the file is unreadable. A ``GeoCode`` equal to that area is the country itself; any
  other (``E12000006``, a region of England) is a sub-national code: an error on its row, never a national value;
* the **series** is the row's ``Series`` cell (a CL_SERIES code, or its English name with or without the
  ``[17.3.2]`` the DSD appends), else ``--series``, else the single series CL_SERIES lists for the indicator the
  file name gives; an indicator of several series with neither is an error naming them;
* a **disaggregation** column is named by its DSD dimension (``SEX``) or that dimension's words (``Sex``,
  ``Age``, ``Location``…); each label is a code of the dimension's codelist or its English name (``Female`` →
  ``F``; an empty cell is the total). An unknown label is an error naming it; a column that is no DSD dimension
  (``Region``, ``Industry sector``) may only be empty: a value there cannot be stored, so its row is an error;
* ``Units`` is a CL_UNIT_MEASURE code or name (``PT``, ``Percent``, and the national spellings ``%`` and
  ``Percentage (%)``); ``Unit multiplier`` a power of ten or a CL_UNIT_MULT name (``Units``, ``Thousands``);
  ``Observation status`` a CL_OBS_STATUS code or name, checked but not stored (migmon has no field for it; Open
  SDG writes ``Undefined`` for none).

The dataset is the country's (``national-open-sdg-arm``), so two countries' files never make each other a repeat,
and every record is national (``reporting_type="N"``): a national value is kept beside the UN database's global
one for the same key, never in its place. Nothing here imports Django.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from migmon.indicators.vocabulary import NATIONAL

from . import dsd
from .base import Item, Reader, WorkbookPeek
from .csv_source import CsvRow, CsvSource, sniff_header
from .errors import UnreadableFile
from .i18n import gettext_noop
from .options import NO_OPTIONS, ReadOptions
from .records import TOTAL_CODE, ObservationRecord, Problem, SourceLocation, dimensions_from, error, warning
from .values import ValueRuleError, parse_number, parse_period

REQUIRED = ("Year", "Value")
_INDICATOR_FILE = re.compile(r"(?:indicator_)?(\d{1,2})-([a-z0-9]{1,2})-(\d{1,2})(?:-[\w-]+)?\.csv", re.IGNORECASE)
_INDICATOR_IN_NAME = re.compile(r"\s*\[([^\]]+)\]\s*$")

#: Columns of attributes, by the names national platforms and SDMX use, folded to lower case.
UNIT_COLUMNS = ("units", "unit measure", "unit_measure")
MULTIPLIER_COLUMNS = ("unit multiplier", "unit_mult")
STATUS_COLUMNS = ("observation status", "obs_status")
SERIES_COLUMNS = ("series",)
GEOCODE_COLUMNS = ("geocode",)
#: Recognised but not read: every row of this layout is national (REPORTING_TYPE ``N``), whatever a cell says.
IGNORED_COLUMNS = ("reporting type", "reporting_type")
#: Open SDG's words for "no observation status".
NO_STATUS = ("", "undefined")
#: National spellings of UNIT_MEASURE codes that are not CL_UNIT_MEASURE names (ONS, Armstat).
UNIT_WORDS = {"%": "PT", "percentage": "PT", "percentage (%)": "PT", "percent (%)": "PT"}
#: Words for a dimension that are not its DSD id: Open SDG's own column names.
DIMENSION_WORDS = {
    "location": "URBANISATION",
    "urbanisation": "URBANISATION",
    "urbanization": "URBANISATION",
    "quantile": "INCOME_WEALTH_QUANTILE",
    "income or wealth quantile": "INCOME_WEALTH_QUANTILE",
    "education level": "EDUCATION_LEV",
}


_NO_SERIES_NO_INDICATOR = gettext_noop(
    "no series: the row has no Series, the file name is not indicator_<goal>-<target>-<number>.csv and no "
    "--series was given"
)
_NO_SERIES_FOR_INDICATOR = gettext_noop(
    "no series: the SDG DSD lists no series for indicator %(indicator)s; give --series"
)
_SEVERAL_SERIES = gettext_noop(
    "no series: indicator %(indicator)s has %(count)s series in the SDG DSD (%(series)s); give a Series column or "
    "--series"
)
_UNKNOWN_SERIES = gettext_noop(
    "unknown series: neither a code nor the English name of a series in the SDG DSD's CL_SERIES"
)
_NOT_A_DIMENSION = gettext_noop(
    "%(name)s is not a disaggregation of the SDG DSD, so this row's value cannot be stored with it; keep such "
    "rows out of a file for migmon"
)
_SUB_NATIONAL = gettext_noop(
    "sub-national area code: this file is read as %(area)s's national data, and migmon stores countries and "
    "regions, not their parts; keep the national rows (GeoCode empty)"
)
_UNKNOWN_LABEL = gettext_noop(
    "unknown %(name)s label: neither a code nor an English name of the SDG DSD's %(dimension)s codelist"
)
_TWO_COLUMNS = gettext_noop("two columns give %(dimension)s in the same row")
_UNKNOWN_CODE = gettext_noop(
    "unknown %(component)s: neither a code nor an English name of the SDG DSD's codelist for it"
)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class NationalOpenSdgCsvReader(Reader):
    """Reads one national Open SDG CSV (one indicator per file, one observation per row, no area column)."""

    format_name = "national-open-sdg-csv"
    dataset = "national-open-sdg"
    dataset_name = "National SDG reporting platform (Open SDG data)"
    source_organisation = "National statistics office (national SDG reporting platform)"
    version = "1"

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        header = sniff_header(head)
        if header is None or not {"Year", "Value"} <= set(header):
            return False
        folded = {_fold(name) for name in header}
        return not folded & {"seriescode", "geoareaname", "series code", "area", "period"}

    @classmethod
    def for_file(cls, path: Path, head: bytes, peek: WorkbookPeek | None, options: ReadOptions = NO_OPTIONS) -> Reader:
        if options.area is None:
            raise UnreadableFile(
                path,
                "national Open SDG CSV (Year, Value, no area column): the file does not say which country it "
                "holds; import it with --area (or set MIGMON_NATIONAL_AREA)",
            )
        slug = re.sub(r"[^a-z0-9]+", "-", options.area.casefold()).strip("-")[:40] or "area"
        reader = cls(dataset=f"national-open-sdg-{slug}", options=options)
        reader.dataset_name = f"National SDG reporting platform: {options.area}"
        return reader

    def parse(self, path: Path) -> Iterator[Item]:
        if self.options.area is None:
            raise UnreadableFile(path, "national Open SDG CSV without an area: import it with --area")
        source = CsvSource(path, REQUIRED)
        rows = source.rows()
        first = next(rows, None)  # reading the first row also reads and checks the header
        columns = _Columns(source.header, path.name, self.options)
        yield from columns.problems
        for row in itertools.chain(() if first is None else (first,), rows):
            if isinstance(row, CsvRow):
                yield from columns.read(row)
            else:
                yield row


def indicator_of(filename: str) -> str | None:
    """The indicator an Open SDG file name gives (``indicator_17-3-2.csv``, ``10-c-1.csv`` → ``17.3.2``, ``10.c.1``)."""
    found = _INDICATOR_FILE.fullmatch(filename)
    return ".".join(part.lower() for part in found.groups()) if found else None


@lru_cache(maxsize=1)
def _series_by_name() -> dict[str, str]:
    """CL_SERIES English names (folded, with and without the ``[indicator]`` suffix) → code."""
    names: dict[str, str] = {}
    for code, name in dsd.codelist("CL_SERIES").names.items():
        names[_fold(name)] = code
        names.setdefault(_fold(_INDICATOR_IN_NAME.sub("", name)), code)
    return names


@lru_cache(maxsize=256)
def series_of_indicator(indicator: str) -> tuple[str, ...]:
    """The CL_SERIES codes whose name ends with the indicator in brackets (``[17.3.2]``, ``[3.4.2, 17.3.2]``)."""
    found = []
    for code, name in dsd.codelist("CL_SERIES").names.items():
        tail = _INDICATOR_IN_NAME.search(name)
        if tail and indicator in {part.strip() for part in tail.group(1).split(",")}:
            found.append(code)
    return tuple(sorted(found))


@lru_cache(maxsize=64)
def _labels(component: str) -> Mapping[str, str]:
    """A component's codelist as label → code: each code itself and its English name, folded."""
    codelist = dsd.codelist_for(component)
    if codelist is None:
        return {}
    labels = {_fold(name): code for code, name in codelist.names.items()}
    labels.update({_fold(code): code for code in codelist})
    return labels


def _dimension_of(column: str) -> str | None:
    folded = _fold(column)
    if folded in DIMENSION_WORDS:
        return DIMENSION_WORDS[folded]
    for component in dsd.structure().dimensions:
        if folded in {_fold(component.id), _fold(component.id.replace("_", " "))}:
            return component.id if component.id not in {"FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA"} else None
    return None


class _Columns:
    """The header of one file resolved once, and the conversion of each row it implies."""

    def __init__(self, header: list[str], file: str, options: ReadOptions) -> None:
        self.file = file
        self.area = options.area or ""
        kind_code = options.area_code
        self.area_kind, self.area_value = kind_code if kind_code else ("name", self.area)
        self.problems: list[Problem] = []
        self.dimensions: list[tuple[int, str, str]] = []
        self.not_stored: list[tuple[int, str]] = []
        self.unit = self.multiplier = self.status = self.series = self.geocode = None
        position = {name: index for index, name in enumerate(header)}
        self.year, self.value = position["Year"], position["Value"]
        for name, index in position.items():
            folded = _fold(name)
            if name in REQUIRED or folded in IGNORED_COLUMNS:
                continue
            if folded in UNIT_COLUMNS:
                self.unit = (index, name)
            elif folded in MULTIPLIER_COLUMNS:
                self.multiplier = (index, name)
            elif folded in STATUS_COLUMNS:
                self.status = (index, name)
            elif folded in SERIES_COLUMNS:
                self.series = (index, name)
            elif folded in GEOCODE_COLUMNS:
                self.geocode = (index, name)
            elif (dimension := _dimension_of(name)) is not None:
                self.dimensions.append((index, name, dimension))
            else:
                self.not_stored.append((index, name))
        self.file_series, self.file_series_problem = self._file_series(options)

    def _file_series(self, options: ReadOptions) -> tuple[str | None, tuple[str, dict[str, str]]]:
        """The series of rows whose Series cell is empty, or why there is none (a rule and its parameters)."""
        if options.series:
            return options.series, ("", {})
        indicator = indicator_of(self.file)
        if indicator is None:
            return None, (_NO_SERIES_NO_INDICATOR, {})
        candidates = series_of_indicator(indicator)
        if len(candidates) == 1:
            return candidates[0], ("", {})
        if not candidates:
            return None, (_NO_SERIES_FOR_INDICATOR, {"indicator": indicator})
        found = {"indicator": indicator, "count": str(len(candidates)), "series": ", ".join(candidates)}
        return None, (_SEVERAL_SERIES, found)

    def read(self, row: CsvRow) -> Iterator[Item]:
        cells = row.cells
        here = SourceLocation(self.file, row.number)
        problems: list[Problem] = []
        period = self._period(cells[self.year], here, problems)
        value: Decimal | None = None
        try:
            value = parse_number(cells[self.value])
        except ValueRuleError as exc:
            problems.append(error(here, "Value", cells[self.value], f"{exc} (leave rows without a value out)"))
        series = self._series(cells, here, problems)
        self._geocode(cells, here, problems)
        pairs = self._dimension_pairs(cells, here, problems)
        for index, column in self.not_stored:
            if cells[index]:
                problems.append(error(here, column, cells[index], _NOT_A_DIMENSION, name=column))
        unit = self._code(cells, self.unit, "UNIT_MEASURE", here, problems, UNIT_WORDS)
        multiplier = self._code(cells, self.multiplier, "UNIT_MULT", here, problems)
        if self.status is not None and _fold(cells[self.status[0]]) not in NO_STATUS:
            self._code(cells, self.status, "OBS_STATUS", here, problems)
        yield from problems
        if series is None or any(problem.severity == "error" for problem in problems):
            return
        yield ObservationRecord(
            series=series,
            area=self.area_value,
            area_kind=self.area_kind,
            period=period,
            value=value,
            location=here,
            dimensions=dimensions_from(pairs),
            unit=unit,
            unit_multiplier=int(multiplier or 0),
            nature="C",  # country data: what a national platform publishes
            reporting_type=NATIONAL,  # who reported it: the country itself (REPORTING_TYPE N)
        )

    @staticmethod
    def _period(text: str, here: SourceLocation, problems: list[Problem]) -> str:
        try:
            period, repair = parse_period(text)
        except ValueRuleError as exc:
            problems.append(error(here, "Year", text, str(exc)))
            return text
        if repair:
            problems.append(warning(here, "Year", text, repair))
        return period

    def _series(self, cells: list[str], here: SourceLocation, problems: list[Problem]) -> str | None:
        label = cells[self.series[0]] if self.series is not None else ""
        if not label:
            if self.file_series is None:
                rule, params = self.file_series_problem
                problems.append(error(here, self.series[1] if self.series else "Series", None, rule, **params))
            return self.file_series
        if label in dsd.codelist("CL_SERIES"):
            return label
        code = _series_by_name().get(_fold(label))
        if code is None:
            column = self.series[1] if self.series else "Series"
            problems.append(error(here, column, label, _UNKNOWN_SERIES))
        return code

    def _geocode(self, cells: list[str], here: SourceLocation, problems: list[Problem]) -> None:
        if self.geocode is None:
            return
        code = cells[self.geocode[0]]
        if code and _fold(code) != _fold(self.area):
            problems.append(error(here, self.geocode[1], code, _SUB_NATIONAL, area=self.area))

    def _dimension_pairs(
        self, cells: list[str], here: SourceLocation, problems: list[Problem]
    ) -> list[tuple[str, str]]:
        pairs: dict[str, str] = {}
        for index, column, dimension in self.dimensions:
            label = cells[index]
            if not label:
                continue
            code = _labels(dimension).get(_fold(label))
            if code is None:
                problems.append(error(here, column, label, _UNKNOWN_LABEL, name=column, dimension=dimension))
                continue
            if code == TOTAL_CODE:
                continue
            if dimension in pairs:
                problems.append(error(here, column, label, _TWO_COLUMNS, dimension=dimension))
            pairs[dimension] = code
        return list(pairs.items())

    def _code(
        self,
        cells: list[str],
        column: tuple[int, str] | None,
        component: str,
        here: SourceLocation,
        problems: list[Problem],
        words: Mapping[str, str] | None = None,
    ) -> str | None:
        """A cell holding a code of ``component``'s codelist, its English name or one of ``words``."""
        if column is None or not cells[column[0]]:
            return None
        label = cells[column[0]]
        code = (words or {}).get(_fold(label)) or _labels(component).get(_fold(label))
        if code is None:
            problems.append(error(here, column[1], label, _UNKNOWN_CODE, component=component))
        return code

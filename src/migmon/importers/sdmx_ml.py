"""SDMX-ML 2.1 StructureSpecificData messages of the global SDG DSD (``IAEG-SDGs:SDG``).

Read with lxml's ``iterparse``, element by element, clearing each ``Obs`` once read: memory stays flat and every
problem can name its element (``DataSet[1]/Series[1]/Obs[3]``) and line. ``sdmx1`` reads these files too (the
tests cross-check against it) but builds the whole message in memory and keeps no element positions.

Defects of real files are reported, never silently accepted (see data/sdg-sdmx-samples/PROVENANCE.md):

* ``SERIES="_T"`` or ``REF_AREA="_T"``: the builder did not fill in the series or the area. Without them an
  observation cannot be stored, so this is an **error** — unless the caller passes ``series=``/``area=``
  explicitly, which turns it into a **warning** saying which value was used.
* ``TIME_PERIOD="2010.0"`` (and ``TIME_DETAIL``): a year written as a float. The year is unambiguous, so it is
  read as ``2010`` with a **warning** per observation; a non-integral or unreadable period is an error.
* No ``UNIT_MEASURE``: **warning** (the series' own unit applies). ``<mes:Test>true</mes:Test>``: **warning**
  (the sender marked the message as test data).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from . import limits
from .base import Item, Reader
from .errors import UnreadableFile
from .records import (
    DIMENSION_NAMES,
    TOTAL_CODE,
    ObservationRecord,
    Problem,
    SourceLocation,
    dimensions_from,
    error,
    warning,
)
from .values import ValueRuleError, area_kind_of, parse_nature, parse_number, parse_period, parse_unit_multiplier

MESSAGE_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
#: What a StructureSpecific <DataSet> may hold (SDMX 2.1 schema); anything else is refused at once, so that a
#: file of junk elements costs a line, not a parse of every element.
DATASET_CHILDREN = frozenset({"Annotations", "DataProvider", "Group", "Series", "Obs"})


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


class SdmxMlReader(Reader):
    """Reads SDMX-ML 2.1 StructureSpecificData with observations at TIME_PERIOD."""

    format_name = "sdmx-ml-2.1"
    dataset = "sdmx-sdg"
    dataset_name = "SDMX-ML data of the global SDG DSD"
    source_organisation = "SDMX-ML sender named in the message header"
    version = "1"

    def __init__(
        self, *, series: str | None = None, area: str | None = None, dataset: str | None = None, **options: Any
    ) -> None:
        super().__init__(dataset=dataset, **options)
        self.series = series
        self.area = area

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> bool:
        return b"StructureSpecificData" in head and b"sdmx.org" in head

    def parse(self, path: Path) -> Iterator[Item]:
        file = path.name
        context = etree.iterparse(
            str(path), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
        )
        state = _State(file)
        max_depth = limits.XML_DEPTH.value()
        max_element = limits.XML_ELEMENT.value() * limits.KB
        try:
            for event, element in context:
                name = _local(element.tag)
                if event == "start":
                    if state.depth == 0 and name != "StructureSpecificData":
                        raise UnreadableFile(
                            path, f"XML root is <{name}>, not an SDMX-ML 2.1 <StructureSpecificData> message"
                        )
                    state.depth += 1
                    if state.depth > max_depth:
                        raise limits.exceeded(path, limits.XML_DEPTH, f"line {element.sourceline}")
                    size = sum(len(key) + len(value) for key, value in element.attrib.items())
                    if size > max_element:
                        raise _too_large(path, element, size)
                    if name == "DataSet":
                        state.datasets += 1
                        state.series_count = 0
                        state.dataset_depth = state.depth
                    elif state.depth == state.dataset_depth + 1 and name not in DATASET_CHILDREN:
                        raise UnreadableFile(
                            path,
                            f"unexpected element <{name[:40]}> in a data set (expected <Series>): not SDMX-ML data",
                            f"line {element.sourceline}",
                        )
                    elif name == "Series":
                        state.series_count += 1
                        state.obs_count = 0
                        yield from self._start_series(element, state)
                    elif name == "Structure" and element.get("dimensionAtObservation") not in (None, "TIME_PERIOD"):
                        raise UnreadableFile(
                            path, "only dimensionAtObservation=TIME_PERIOD is supported", f"line {element.sourceline}"
                        )
                    continue
                state.depth -= 1
                if element.text and len(element.text) > max_element:
                    raise _too_large(path, element, len(element.text))
                if name == "Test" and element.tag == f"{{{MESSAGE_NS}}}Test" and (element.text or "").strip() == "true":
                    here = SourceLocation(file, element=f"Header/Test (line {element.sourceline})")
                    yield warning(here, None, "true", "the sender marked this message as test data (mes:Test=true)")
                elif name == "Obs":
                    state.obs_count += 1
                    yield from self._observation(element, state)
                # Every element is dropped once read, with its read siblings (unknown ones too: junk must not
                # pile up in memory), so memory stays flat.
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (None, None)
            where = f"line {line}, column {column}" if line else None
            reason = str(exc.msg).split(", line ")[0]
            raise UnreadableFile(path, f"malformed or truncated XML: {reason}", where) from None
        if state.depth != 0 or state.datasets == 0:
            raise UnreadableFile(path, "no <DataSet> in the message: nothing to import")

    def _start_series(self, element: Any, state: _State) -> Iterator[Problem]:
        attributes = dict(element.attrib)
        here = SourceLocation(state.file, element=f"{state.series_path} (line {element.sourceline})")
        state.series_ok = True
        state.series_attributes = attributes
        for column, configured, what in (("SERIES", self.series, "series"), ("REF_AREA", self.area, "area")):
            found = attributes.get(column, "")
            if found and found != TOTAL_CODE:
                continue
            if configured:
                rule = (
                    f"{column} is {found or 'missing'} (no {what} code in the file); using the configured {configured}"
                )
                yield warning(here, column, found or None, rule)
                attributes[column] = configured
            else:
                state.series_ok = False
                rule = (
                    f"{column} must be an SDG {what} code but is {'the total code _T' if found else 'missing'}: the "
                    f"file does not say which {what} its observations belong to; fix the file or import it with "
                    f"an explicit {what}"
                )
                yield error(here, column, found or None, rule)
        if "UNIT_MEASURE" not in attributes:
            yield warning(here, "UNIT_MEASURE", None, "no UNIT_MEASURE: the series' own unit will be used")
        state.area_kind, state.area_code = area_kind_of(attributes["REF_AREA"]) if state.series_ok else ("", "")

    def _observation(self, element: Any, state: _State) -> Iterator[Item]:
        attributes = state.series_attributes | dict(element.attrib)
        here = SourceLocation(
            state.file, element=f"{state.series_path}/Obs[{state.obs_count}] (line {element.sourceline})"
        )
        problems: list[Problem] = []
        period = attributes.get("TIME_PERIOD", "")
        try:
            period, repair = parse_period(period)
            if repair:
                problems.append(warning(here, "TIME_PERIOD", attributes["TIME_PERIOD"], repair))
        except ValueRuleError as exc:
            problems.append(error(here, "TIME_PERIOD", period or None, str(exc)))
        detail = attributes.get("TIME_DETAIL")
        if detail and detail.endswith(".0"):
            problems.append(warning(here, "TIME_DETAIL", detail, "year written as a decimal number (not stored)"))
        value = self._value(attributes.get("OBS_VALUE"), here, problems)
        unit_multiplier, nature = 0, None
        try:
            unit_multiplier = parse_unit_multiplier(attributes.get("UNIT_MULT", ""))
            nature = parse_nature(attributes["NATURE"]) if attributes.get("NATURE") else None
        except ValueRuleError as exc:
            problems.append(error(here, "UNIT_MULT/NATURE", None, str(exc)))
        yield from problems
        if not state.series_ok or any(problem.severity == "error" for problem in problems):
            return  # the observation's own defects are still reported when its series is unusable
        yield ObservationRecord(
            series=attributes["SERIES"],
            area=state.area_code,
            area_kind=state.area_kind,
            period=period,
            value=value,
            location=here,
            unit=attributes.get("UNIT_MEASURE"),
            unit_multiplier=unit_multiplier,
            dimensions=dimensions_from(
                (name, _counterpart(code) if name == "COUNTERPART_AREA" else code)
                for name, code in attributes.items()
                if name in DIMENSION_NAMES
            ),
            nature=nature,
            footnote=attributes.get("COMMENT_OBS") or None,
            source=attributes.get("SOURCE_DETAIL") or None,
        )

    @staticmethod
    def _value(text: str | None, here: SourceLocation, problems: list[Problem]) -> Decimal | None:
        if text is None or text == "":
            problems.append(error(here, "OBS_VALUE", None, "observation without OBS_VALUE"))
            return None
        if text == "NaN":  # SDMX-ML's own marker for a missing observation value
            return None
        try:
            return parse_number(text)
        except ValueRuleError as exc:
            problems.append(error(here, "OBS_VALUE", text, str(exc)))
            return None


def _too_large(path: Path, element: Any, size: int) -> limits.LimitExceeded:
    where = f"<{_local(element.tag)}>, line {element.sourceline}"
    return limits.exceeded(path, limits.XML_ELEMENT, where, found=f"{size / limits.KB:,.0f}")


def _counterpart(code: str) -> str:
    kind, normalised = area_kind_of(code)
    return f"{kind}:{normalised}"


class _State:
    """Where the parser is in the message: counters for element paths and the current series' attributes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.depth = 0
        self.dataset_depth = -1  # the depth of the current <DataSet>
        self.datasets = 0
        self.series_count = 0
        self.obs_count = 0
        self.series_ok = False
        self.series_attributes: dict[str, str] = {}
        self.area_kind = ""
        self.area_code = ""

    @property
    def series_path(self) -> str:
        return f"DataSet[{self.datasets}]/Series[{self.series_count}]"
